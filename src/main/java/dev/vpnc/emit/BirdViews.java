package dev.vpnc.emit;

import dev.vpnc.check.BirdNames;
import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Direct;
import dev.vpnc.emit.BirdView.Filter;
import dev.vpnc.emit.BirdView.Kernel;
import dev.vpnc.emit.BirdView.Ospf;
import dev.vpnc.emit.BirdView.PrefixSet;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.RoutedSite;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.InsideMode;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Routing decisions of the BIRD 2 configs: which sessions, channels, prefix sets and filters
 * exist. Design (also explained in the generated comments):
 * <ul>
 *   <li>One BGP session per tunnel, between the /127 addresses, bound to the tunnel interface.
 *       IPv4 rides on the same session as a second channel whose next hop is this end's /31
 *       address ({@code next hop address}): the peer receives an IPv4 next hop that is directly
 *       connected on the tunnel, so BIRD resolves it without extended next hops (RFC 8950) and the
 *       kernel gets a plain IPv4 route. One session per tunnel keeps one BFD session per tunnel.</li>
 *   <li>Prefix sets use {@code prefix+} (the declared prefix and anything longer inside it): a site
 *       may announce subnets of what it declares; declared prefixes of two sites never overlap
 *       (front-end check), so a subnet still identifies exactly one site.</li>
 *   <li>No transit, in both directions: a tunnel accepts only the peer site's prefixes and exports
 *       only the own site's prefixes.</li>
 * </ul>
 */
final class BirdViews {
    private static final String V6 = "ipv6";
    private static final String V4 = "ipv4";

    private BirdViews() {
    }

    static BirdView gateway(String network, GatewayPlan gw) {
        return gateway(network, gw, Set.of());
    }

    /**
     * @param bird16Hosts hosts of the network that run BIRD 1.6: sessions with them carry one
     *                    family each, as their end does
     */
    static BirdView gateway(String network, GatewayPlan gw, Set<String> bird16Hosts) {
        BirdSymbols symbols = new BirdSymbols();
        List<PrefixSet> sets = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        boolean ospf = gw.inside() == InsideMode.OSPF;

        // Remote sites with routes here, each once, in site-name order: the tunnels' peers, and in
        // hub-and-spoke the sites a hub carries.
        Map<String, RoutedSite> remoteSites = new TreeMap<>();
        for (RoutedSite r : gw.routedSites()) {
            remoteSites.putIfAbsent(r.name(), r);
        }
        Map<String, TunnelEnd> peerSites = new TreeMap<>();
        for (TunnelEnd t : gw.tunnels()) {
            peerSites.putIfAbsent(t.peerSite(), t);
        }

        // Each step below is written once and done for each family the gateway carries, IPv6
        // first: the order in which sets and filters are added is the order of the config.
        List<Family> families = Family.of(gw.ipv4());
        Map<Family, String> own = new HashMap<>();
        Map<Family, Map<String, String>> remote = new HashMap<>();
        for (Family f : families) {
            own.put(f, addSet(sets, symbols, siteSetName(gw.site(), f.name()), f.name(),
                    "site " + gw.site() + " (this gateway's site), " + f.label(), f.prefixes(gw)));
            remote.put(f, new LinkedHashMap<>());
        }
        for (RoutedSite r : remoteSites.values()) {
            for (Family f : families) {
                remote.get(f).put(r.name(), addSet(sets, symbols, siteSetName(r.name(), f.name()), f.name(),
                        "site " + r.name() + ", " + f.label(), f.prefixes(r)));
            }
        }

        // Tunnels: from each remote site only its own prefixes (and, from a hub, the sites it
        // carries); to every tunnel only ours (a hub also announces the sites it carries).
        Map<Family, Map<String, String>> fromSite = perFamily(families);
        for (TunnelEnd t : peerSites.values()) {
            String site = t.peerSite();
            boolean via = !t.viaSites().isEmpty();
            for (Family f : families) {
                fromSite.get(f).put(site, addFilter(filters, fromPeer(symbols.claim(BirdNames.from(BirdNames.site(site), f.v6())),
                        f.name(), f.text(via ? "routes hub " + site + " may announce over its tunnels: its own prefixes and the sites it carries"
                                        : "routes site " + site + " may announce over its tunnels: its own prefixes only",
                                "routes " + (via ? "hub " : "site ") + site + " may announce over its tunnels (IPv4)"),
                        t, gw.asn(), remote.get(f))));
            }
        }
        Map<Family, String> toTunnels = new HashMap<>();
        if (peerSites.values().stream().anyMatch(t -> t.transitSites().isEmpty())) {
            for (Family f : families) {
                toTunnels.put(f, addFilter(filters, symbols, BirdNames.to(BirdNames.TUNNELS, f.v6()), f.name(),
                        f.text("announced over every tunnel: this site's prefixes, never a remote site's (no transit)",
                                "announced over every tunnel (IPv4): this site's prefixes only"), null, present(own.get(f))));
            }
        }
        Map<Family, Map<String, String>> toSite = perFamily(families);
        for (TunnelEnd t : peerSites.values()) {
            String site = t.peerSite();
            if (!t.transitSites().isEmpty()) {
                for (Family f : families) {
                    toSite.get(f).put(site, addFilter(filters, symbols, BirdNames.to(BirdNames.site(site), f.v6()), f.name(),
                            f.text("announced to site " + site + ": this hub's site and the sites it carries for it",
                                    "announced to site " + site + " (IPv4): this hub's site and the sites it carries"),
                            null, concat(own.get(f), pick(remote.get(f), t.transitSites()))));
                }
            }
        }

        List<Session> sessions = new ArrayList<>();
        for (TunnelEnd t : gw.tunnels()) {
            // One AS for the whole network: iBGP over the tunnel. Next hop self, as eBGP would do,
            // since the peer reaches nothing beyond this end; a hub reflects routes to its spokes.
            boolean ibgp = t.peerAsn() == gw.asn();
            boolean spokeOfHub = ibgp && !t.transitSites().isEmpty() && t.viaSites().isEmpty();
            List<Channel> channels = new ArrayList<>();
            for (Family f : families) {
                if (f.v6() || t.hasIpv4()) {
                    channels.add(new Channel(f.name(), "filter " + fromSite.get(f).get(t.peerSite()),
                            "filter " + toSite.get(f).getOrDefault(t.peerSite(), toTunnels.get(f)), ibgp,
                            f.nextHop(f.local(t)), f.local(t), f.peer(t)));
                }
            }
            addSession(sessions, symbols, bird16Hosts.contains(t.peerHost()), t.sessionName(),
                    new Session(t.sessionName(),
                            "tunnel " + t.ifname() + " to " + t.peerHost() + " (site " + t.peerSite()
                                    + (ibgp ? ", iBGP" : "") + (spokeOfHub ? ", route-reflector client" : "") + ")",
                            t.local6(), gw.asn(), t.peer6(), t.peerAsn(), t.ifname(), true, spokeOfHub, t.peerHost(),
                            channels));
        }
        // With iBGP over the tunnels too, a route from the other gateway over the LAN would tie
        // with our own tunnels' and join their ECMP route, bouncing traffic between the gateways:
        // it gets a lower LOCAL_PREF, a fallback only (eBGP tunnel routes win by being eBGP).
        boolean oneAs = gw.tunnels().stream().anyMatch(t -> t.peerAsn() == gw.asn());

        List<Ospf> ospfs = new ArrayList<>();
        String lanIf = gw.lanInterfaces().get(0);
        if (ospf) {
            for (Family f : families) {
                String from = addFilter(filters, symbols, BirdNames.from(BirdNames.INSIDE, f.v6()), f.name(),
                        f.text("from OSPF: the site's internal routes, and remote sites via the other gateways"
                                        + " (fallback; BGP preference keeps our own tunnels first)",
                                "from OSPF (IPv4): site and remote prefixes"),
                        null, concat(own.get(f), remote.get(f).values()));
                String to = addFilter(filters, symbols, BirdNames.to(BirdNames.INSIDE, f.v6()), f.name(),
                        f.text("into OSPF (as externals): remote sites learned over our tunnels",
                                "into OSPF (IPv4, as externals): remote sites learned over our tunnels"),
                        "RTS_BGP", remote.get(f).values());
                ospfs.add(new Ospf(symbols.claim("ospf_" + f.suffix()), f.ospfVersion(), f.name(), "filter " + from,
                        "filter " + to, lanIf));
            }
        } else if (!gw.neighbors().isEmpty()) {
            Map<Family, String> fromRouters = new HashMap<>();
            Map<Family, String> fromGateways = new HashMap<>();
            Map<Family, String> toInside = new HashMap<>();
            for (Family f : families) {
                fromRouters.put(f, addFilter(filters, symbols, BirdNames.from(BirdNames.ROUTERS, f.v6()), f.name(),
                        f.text("from the site's routers: the site's prefixes only", "from the site's routers (IPv4)"),
                        null, present(own.get(f))));
                // Not the site's own prefixes: learned from both the routers and the other gateway
                // (which reflects them with next hop self), they would merge into one ECMP route
                // half of which bounces between the gateways (found by `vpnc lab`: pings lost).
                // A gateway reaches its site's routers directly on the LAN.
                fromGateways.put(f, addFilter(filters, symbols, BirdNames.from(BirdNames.GATEWAYS, f.v6()), f.name(),
                        f.text("from the site's other gateways: remote prefixes only (fallback when our tunnels are down)",
                                "from the site's other gateways (IPv4): remote prefixes only"),
                        null, remote.get(f).values()));
                fallback(filters, oneAs);
                toInside.put(f, addFilter(filters, symbols, BirdNames.to(BirdNames.INSIDE, f.v6()), f.name(),
                        f.text("to the site's routers and gateways: site and remote prefixes",
                                "to the site's routers and gateways (IPv4)"),
                        null, concat(own.get(f), remote.get(f).values())));
            }
            for (Neighbor n : gw.neighbors()) {
                List<Channel> channels = new ArrayList<>();
                for (Family f : families) {
                    if (f.v6() || gw.lan().hasIpv4() && n.lan().hasIpv4()) {
                        channels.add(new Channel(f.name(), "filter " + (n.gateway() ? fromGateways : fromRouters).get(f),
                                "filter " + toInside.get(f), true, f.nextHop(f.address(gw.lan())), f.address(gw.lan()),
                                f.address(n.lan())));
                    }
                }
                addSession(sessions, symbols, bird16Hosts.contains(n.host()), n.sessionName(),
                        new Session(n.sessionName(),
                                (n.gateway() ? "iBGP to gateway " : "iBGP to router (route-reflector client) ") + n.host(),
                                gw.lan().ipv6(), gw.asn(), n.lan().ipv6(), gw.asn(), null, true, !n.gateway(), n.host(),
                                channels));
            }
        }

        List<String> bfd = new ArrayList<>();
        if (gw.timers().bfd()) {
            for (TunnelEnd t : gw.tunnels()) {
                bfd.add(t.ifname());
            }
            if (ospf || !gw.neighbors().isEmpty()) {
                bfd.add(lanIf);
            }
        }
        String kernelRule = ospf
                ? "where source ~ [ RTS_BGP, RTS_OSPF, RTS_OSPF_IA, RTS_OSPF_EXT1, RTS_OSPF_EXT2 ]"
                : "where source = RTS_BGP";
        List<Kernel> kernels = ospf ? kernels(symbols, gw.ipv4(), kernelRule, gw.lan()) : kernels(symbols, gw.ipv4(), kernelRule, null);
        List<String> notes = new ArrayList<>(List.of(
                oneAs ? "One iBGP session per tunnel (one AS for the network, next hop self), bound to its interface."
                        : "One eBGP session per tunnel, between the tunnel's IPv6 addresses and bound to its interface.",
                "IPv4 (when carried) is a second channel of the same session, announcing this end's /31",
                "address as next hop: directly connected on the tunnel, so no extended next hop is needed,",
                "and one BFD session watches both families.",
                gw.tunnels().stream().anyMatch(t -> !t.viaSites().isEmpty() || !t.transitSites().isEmpty())
                        ? "Hub-and-spoke: hubs carry the spokes' traffic; a tunnel accepts only the prefixes of the sites its peer carries."
                        : "No transit: a tunnel accepts only the peer site's prefixes and announces only this site's."));
        if (ospf) {
            notes.add("Inside the site: OSPF. BGP preference " + gw.timers().bgpPreference()
                    + " outranks OSPF (150): each gateway uses its own tunnels before");
            notes.add("the other gateway's externals, otherwise the two gateways would loop traffic.");
        } else if (!gw.neighbors().isEmpty()) {
            notes.add("Inside the site: iBGP over the LAN, the routers being route-reflector clients of the");
            notes.add("gateways; next hop self, so the routers only need the LAN to reach both gateways (ECMP).");
        }
        notes.addAll(perFamilyNote(sessions));
        for (Family f : families) {
            unite(sets, filters, symbols, f.name(), remote.get(f));
        }
        return new BirdView("BIRD 2 config of " + gatewaySubject(network, gw), notes, gw.routerId(), sets, filters,
                kernels, null, gw.timers(), bfd, sessions, ospfs);
    }

    static BirdView router(String network, RouterPlan r) {
        return router(network, r, Set.of());
    }

    static BirdView router(String network, RouterPlan r, Set<String> bird16Hosts) {
        BirdSymbols symbols = new BirdSymbols();
        List<PrefixSet> sets = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        boolean ospf = r.inside() == InsideMode.OSPF;
        boolean ipv4 = r.ipv4();

        List<Family> families = Family.of(ipv4);
        Map<Family, String> mine = new HashMap<>();
        for (Family f : families) {
            mine.put(f, addSet(sets, symbols, "ANNOUNCED_" + f.suffix().toUpperCase(Locale.ROOT), f.name(),
                    "prefixes this router announces, " + f.label(), f.v6() ? r.prefixes6() : r.prefixes4()));
        }
        Map<Family, String> announce = new HashMap<>();
        for (Family f : families) {
            announce.put(f, addFilter(filters, symbols, "announce_" + f.suffix(), f.name(),
                    "networks of the host interfaces that belong to the announced prefixes" + f.text("", " (IPv4)"),
                    "RTS_DEVICE", present(mine.get(f))));
        }

        List<Session> sessions = new ArrayList<>();
        List<Ospf> ospfs = new ArrayList<>();
        if (ospf) {
            for (Family f : families) {
                ospfs.add(new Ospf(symbols.claim("ospf_" + f.suffix()), f.ospfVersion(), f.name(), "all",
                        "filter " + announce.get(f), r.lanInterface()));
            }
        } else {
            for (Neighbor n : r.gateways()) {
                List<Channel> channels = new ArrayList<>();
                for (Family f : families) {
                    // The gateways filter by prefix already; take everything they send.
                    if (f.v6() || r.lan().hasIpv4() && n.lan().hasIpv4()) {
                        channels.add(new Channel(f.name(), "all", "filter " + announce.get(f), true,
                                f.nextHop(f.address(r.lan())), f.address(r.lan()), f.address(n.lan())));
                    }
                }
                addSession(sessions, symbols, bird16Hosts.contains(n.host()), n.sessionName(),
                        new Session(n.sessionName(), "iBGP to gateway " + n.host(),
                                r.lan().ipv6(), r.asn(), n.lan().ipv6(), r.asn(), null, true, false, n.host(), channels));
            }
        }
        List<String> bfd = r.timers().bfd() && (ospf || !r.gateways().isEmpty())
                ? List.of(r.lanInterface()) : List.of();
        String kernelRule = ospf
                ? "where source ~ [ RTS_OSPF, RTS_OSPF_IA, RTS_OSPF_EXT1, RTS_OSPF_EXT2 ]"
                : "where source = RTS_BGP";
        Direct direct = new Direct(symbols.claim("host_interfaces"), ipv4 ? List.of(V6, V4) : List.of(V6),
                r.hostInterfaces());
        List<String> notes = ospf
                ? List.of("OSPF with the site's gateways on the LAN: announces this router's prefixes as",
                        "externals, learns remote sites as the gateways' externals (ECMP over both).")
                : List.of("iBGP with each gateway of the site over the LAN (route-reflector client): announces",
                        "this router's prefixes, learns remote sites from every gateway (ECMP over all of them).");
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(perFamilyNote(sessions));
        return new BirdView("BIRD 2 config of " + routerSubject(network, r), allNotes, r.routerId(), sets, filters,
                kernels(symbols, ipv4, kernelRule, ospf ? r.lan() : null), direct,
                r.timers(), bfd, sessions, ospfs);
    }

    /** Who a config is for, after "BIRD ... config of". */
    static String gatewaySubject(String network, GatewayPlan gw) {
        return "gateway " + gw.name() + " (site " + gw.site() + ", network " + network + "), private namespace "
                + gw.namespace();
    }

    static String routerSubject(String network, RouterPlan r) {
        return "internal router " + r.name() + " (site " + r.site() + ", network " + network + ")";
    }

    /** Explains the sessions split for neighbors running BIRD 1.6, if any. */
    private static List<String> perFamilyNote(List<Session> sessions) {
        List<String> peers = sessions.stream().filter(s -> s.channels().size() == 1 && s.channels().get(0).family().equals(V4)
                && !s.local().contains(":")).map(Session::peer).distinct().sorted().toList();
        if (peers.isEmpty()) {
            return List.of();
        }
        return List.of("Neighbors running BIRD 1.6 (" + String.join(", ", peers) + ") have one session per family:",
                "IPv4 has its own session (bgp4_..., ibgp4_...) between the IPv4 addresses.");
    }

    /**
     * Kernel protocols. With OSPF, the LAN subnet the host sits on comes back from OSPF as an
     * intra-area route: it is not exported, the kernel has its own connected route for it (and
     * BIRD would drop and re-add its copy on every `birdc configure`, found by `vpnc lab`).
     */
    private static List<Kernel> kernels(BirdSymbols symbols, boolean ipv4, String exportRule, LanAddress attached) {
        List<Kernel> kernels = new ArrayList<>();
        kernels.add(new Kernel(symbols.claim("kernel_v6"), V6, exportRule
                + (attached == null ? "" : " && net != " + network(attached.ipv6(), attached.ipv6Length()))));
        if (ipv4) {
            kernels.add(new Kernel(symbols.claim("kernel_v4"), V4, exportRule
                    + (attached == null || !attached.hasIpv4() ? "" : " && net != " + network(attached.ipv4(), attached.ipv4Length()))));
        }
        return kernels;
    }

    /** The prefix an address belongs to, e.g. 2001:db8:f1::2/64 gives 2001:db8:f1::/64. */
    private static String network(String address, int length) {
        return new IPAddressString(address + "/" + length).getAddress().toPrefixBlock().toCanonicalString();
    }

    /** A set name as a list for {@link #addFilter}: empty when the site has no prefix of that family. */
    private static List<String> present(String setName) {
        return setName == null ? List.of() : List.of(setName);
    }

    /** Adds a prefix set, or returns {@code null} when there are no prefixes (an empty set matches nothing). */
    private static String addSet(List<PrefixSet> sets, BirdSymbols symbols, String name, String family, String comment,
                                 List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return null;
        }
        List<String> members = prefixes.stream().map(p -> p + "+").toList();
        sets.add(new PrefixSet(symbols.claim(name), family, comment, members));
        return name;
    }

    /**
     * Adds a filter accepting routes (of {@code source}, when not {@code null}) inside one of the
     * sets, skipping absent sets (no set left: it accepts nothing).
     */
    /** LOCAL_PREF of a route another gateway of the site passes on (the default is 100). */
    private static final int FALLBACK_LOCAL_PREF = 50;
    /** LOCAL_PREF of a route a hub carries for another site, with one AS (direct routes keep 100). */
    private static final int CARRIED_LOCAL_PREF = 70;

    /** With one AS, the filter just added (from the other gateway) ranks its routes as a fallback. */
    private static void fallback(List<Filter> filters, boolean oneAs) {
        if (oneAs) {
            filters.set(filters.size() - 1, filters.get(filters.size() - 1).withLocalPref(FALLBACK_LOCAL_PREF));
        }
    }

    /**
     * What a tunnel accepts: the peer site's prefixes, and those of the sites it carries. With
     * eBGP the AS path makes a site's own tunnels win over a hub's detour; with one AS (iBGP)
     * nothing would, and the detour would join the ECMP route (found by `vpnc lab`: hubs sent
     * a spoke's traffic to each other in a loop), so carried routes get a lower LOCAL_PREF.
     */
    private static Filter fromPeer(String name, String family, String comment, TunnelEnd t, long ownAsn,
                                   Map<String, String> sets) {
        List<String> own = present(sets.get(t.peerSite()));
        List<String> carried = new ArrayList<>();
        for (String s : t.viaSites()) {
            if (sets.get(s) != null) {
                carried.add(sets.get(s));
            }
        }
        if (t.peerAsn() != ownAsn || carried.isEmpty()) {
            List<String> all = new ArrayList<>(own);
            all.addAll(carried);
            return Filter.of(name, family, comment, null, all);
        }
        return Filter.ranked(name, family, comment, own, carried, CARRIED_LOCAL_PREF);
    }

    private static String addFilter(List<Filter> filters, Filter f) {
        filters.add(f);
        return f.name();
    }

    /** The set names of the given sites, in the given order. */
    private static List<String> pick(Map<String, String> setsBySite, List<String> sites) {
        List<String> out = new ArrayList<>();
        for (String s : sites) {
            out.add(setsBySite.get(s));
        }
        return out;
    }

    private static String addFilter(List<Filter> filters, BirdSymbols symbols, String name, String family, String comment,
                                    String source, Iterable<String> setNames) {
        List<String> present = new ArrayList<>();
        for (String set : setNames) {
            if (set != null) {
                present.add(set);
            }
        }
        filters.add(Filter.of(symbols.claim(name), family, comment, source, present));
        return name;
    }

    /**
     * Adds a session, or, when the neighbor runs BIRD 1.6 (one family per session), one session
     * per channel: the IPv6 one under the usual name, the IPv4 one between the IPv4 addresses as
     * {@code bgp4_...}/{@code ibgp4_...} (a prefix no host name can produce).
     */
    private static void addSession(List<Session> sessions, BirdSymbols symbols, boolean perFamily, String name,
                                   Session session) {
        if (!perFamily || session.channels().size() < 2) {
            symbols.claim(name);
            sessions.add(session);
            return;
        }
        for (Channel c : session.channels()) {
            String familyName = c.family().equals(V6) ? name : BirdNames.ipv4Session(name);
            sessions.add(session.only(c, symbols.claim(familyName)));
        }
    }

    private static List<String> concat(String first, Iterable<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        rest.forEach(all::add);
        return all;
    }

    private static String siteSetName(String site, String family) {
        return BirdNames.siteSet(site, family.equals(V6));
    }

    /** From this many remote sites on, filters name one set holding them all. */
    static final int UNION_MIN_SITES = 8;

    /**
     * With many remote sites, one set holds all their prefixes, and a filter listing every one of
     * them (or all but one or two, then excluded) names that set instead. Without it a spoke's
     * config grows with the square of the sites (each of several filters lists every site), and
     * BIRD tries the sets one by one; a prefix set is a trie, matched in one step.
     */
    private static void unite(List<PrefixSet> sets, List<Filter> filters, BirdSymbols symbols, String family,
                              Map<String, String> remote) {
        List<String> members = remote.values().stream().filter(Objects::nonNull).toList();
        if (members.size() < UNION_MIN_SITES) {
            return;
        }
        Set<String> isMember = new HashSet<>(members);
        List<String> prefixes = new ArrayList<>();
        for (PrefixSet set : sets) {
            if (isMember.contains(set.name())) {
                prefixes.addAll(set.members());
            }
        }
        String union = symbols.claim(family.equals(V6) ? "REMOTE_SITES_V6" : "REMOTE_SITES_V4");
        sets.add(new PrefixSet(union, family, "every remote site (" + members.size() + ")"
                + (family.equals(V6) ? ", IPv6" : ", IPv4"), prefixes));
        filters.replaceAll(f -> f.family().equals(family) ? f.unite(members, union) : f);
        // A site's own set stays only where a filter still names it (a spoke names its hubs').
        Set<String> named = new HashSet<>();
        for (Filter f : filters) {
            named.addAll(f.sets());
            named.addAll(f.except());
            f.rules().forEach(r -> {
                named.addAll(r.sets());
                named.addAll(r.except());
            });
        }
        sets.removeIf(set -> isMember.contains(set.name()) && !named.contains(set.name()));
    }

    /**
     * One address family of a configuration: what differs between IPv6 and IPv4, so that each
     * step of a view is written once and done per family, IPv6 first.
     *
     * @param name        BIRD's name of the family ({@code ipv6})
     * @param v6          IPv6
     * @param ospfVersion the OSPF that carries it ({@code v3}, {@code v2})
     */
    private record Family(String name, boolean v6, String ospfVersion) {
        static final Family IPV6 = new Family(V6, true, "v3");
        static final Family IPV4 = new Family(V4, false, "v2");

        static List<Family> of(boolean ipv4) {
            return ipv4 ? List.of(IPV6, IPV4) : List.of(IPV6);
        }

        String label() {
            return v6 ? "IPv6" : "IPv4";
        }

        String suffix() {
            return v6 ? "v6" : "v4";
        }

        /** The comment for this family: the IPv6 one explains, the IPv4 one is shorter. */
        String text(String ipv6, String ipv4) {
            return v6 ? ipv6 : ipv4;
        }

        List<String> prefixes(GatewayPlan gw) {
            return v6 ? gw.sitePrefixes6() : gw.sitePrefixes4();
        }

        List<String> prefixes(RoutedSite r) {
            return v6 ? r.prefixes6() : r.prefixes4();
        }

        String local(TunnelEnd t) {
            return v6 ? t.local6() : t.local4();
        }

        String peer(TunnelEnd t) {
            return v6 ? t.peer6() : t.peer4();
        }

        String address(LanAddress lan) {
            return v6 ? lan.ipv6() : lan.ipv4();
        }

        /** The next hop a channel sets: IPv4 routes name this end's IPv4 address; IPv6 needs none. */
        String nextHop(String local) {
            return v6 ? null : local;
        }
    }

    private static Map<Family, Map<String, String>> perFamily(List<Family> families) {
        Map<Family, Map<String, String>> m = new HashMap<>();
        families.forEach(f -> m.put(f, new TreeMap<>()));
        return m;
    }

    /**
     * Every symbol of one config, so a name derived twice is an error, not a clash. Checks
     * ({@link dev.vpnc.check.NameMappings}) reject the names that would derive one twice (sites
     * "a-b" and "a_b"), so this only guards the emitter's own names.
     */
    private static final class BirdSymbols {
        private final Set<String> used = new HashSet<>(List.of("device", "bfd", "kernel", "direct", "ospf", "bgp"));

        String claim(String name) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a valid BIRD symbol: " + name);
            }
            if (!used.add(name)) {
                throw new IllegalArgumentException("BIRD symbol defined twice: " + name);
            }
            return name;
        }
    }
}
