package dev.vpnc.emit;

import dev.vpnc.check.BirdNames;
import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Filter;
import dev.vpnc.emit.BirdView.Kernel;
import dev.vpnc.emit.BirdView.Ospf;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.Probe;
import dev.vpnc.plan.RunDir;
import dev.vpnc.plan.RoutedSite;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.InsideMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The BIRD 2 view of one gateway, built in steps that each add their part of the config: the
 * prefix sets of every site, the filters of the tunnels, a session per tunnel, the routing inside
 * the site (OSPF or iBGP), BFD, the kernel protocols and the notes. Each step is written once and
 * done for each family the gateway carries, IPv6 first: the order in which sets and filters are
 * added is the order of the config.
 */
final class GatewayBird {
    /** LOCAL_PREF of a route another gateway of the site passes on (the default is 100). */
    private static final int FALLBACK_LOCAL_PREF = 50;
    /** LOCAL_PREF of a route a hub carries for another site, with one AS (direct routes keep 100). */
    private static final int CARRIED_LOCAL_PREF = 70;
    /** The BIRD function that says whether the health probe has failed (see {@link BirdView.ProbeSwitch}). */
    static final String PROBE_FUNCTION = "vpnc_probe_failed";

    private final GatewayPlan gw;
    private final Set<String> bird16Hosts;
    private final BirdParts parts = new BirdParts();
    private final List<BirdFamily> families;
    private final boolean ospf;
    /** With one AS, iBGP over the tunnels too. */
    private final boolean oneAs;
    /** Remote sites with routes here, each once, in name order: the tunnels' peers, and in hub-and-spoke the sites a hub carries. */
    private final Map<String, RoutedSite> remoteSites = new TreeMap<>();
    /** A tunnel to each peer site, in site-name order. */
    private final Map<String, TunnelEnd> peerSites = new TreeMap<>();
    /** The set of this gateway's site, per family ({@code null}: no prefix of that family). */
    private final Map<BirdFamily, String> own = new HashMap<>();
    /** The set of each remote site, per family, in site-name order. */
    private final Map<BirdFamily, Map<String, String>> remote = new HashMap<>();
    /** The filter of what each peer site may announce, per family. */
    private final Map<BirdFamily, Map<String, String>> fromSite;
    /** The filter of what every tunnel gets, per family (none when every peer has its own). */
    private final Map<BirdFamily, String> toTunnels = new HashMap<>();
    /** The filter of what a spoke's hub announces to it, per family and spoke site. */
    private final Map<BirdFamily, Map<String, String>> toSite;

    private GatewayBird(GatewayPlan gw, Set<String> bird16Hosts) {
        this.gw = gw;
        this.bird16Hosts = bird16Hosts;
        this.families = BirdFamily.of(gw.ipv4());
        this.ospf = gw.inside() == InsideMode.OSPF;
        this.oneAs = gw.tunnels().stream().anyMatch(t -> t.peerAsn() == gw.asn());
        this.fromSite = BirdFamily.sortedMaps(families);
        this.toSite = BirdFamily.sortedMaps(families);
        for (RoutedSite r : gw.routedSites()) {
            remoteSites.putIfAbsent(r.name(), r);
        }
        for (TunnelEnd t : gw.tunnels()) {
            peerSites.putIfAbsent(t.peerSite(), t);
        }
    }

    /**
     * @param bird16Hosts hosts of the network that run BIRD 1.6: sessions with them carry one
     *                    family each, as their end does
     */
    static BirdView view(String network, GatewayPlan gw, Set<String> bird16Hosts) {
        GatewayBird b = new GatewayBird(gw, bird16Hosts);
        BirdView.ProbeSwitch probe = b.probe();
        b.siteSets();
        b.tunnelFilters();
        b.tunnelSessions();
        List<Ospf> ospfs = b.ospf ? b.insideOspf() : List.of();
        if (!b.ospf && !gw.neighbors().isEmpty()) {
            b.insideBgp();
        }
        List<Kernel> kernels = b.kernels();
        List<String> notes = b.notes();
        for (BirdFamily f : b.families) {
            b.parts.unite(f, b.remote.get(f));
        }
        return new BirdView("BIRD 2 config of " + BirdViews.gatewaySubject(network, gw), notes, gw.routerId(),
                b.parts.sets(), b.parts.filters(), kernels, null, gw.timers(), b.bfd(), b.parts.sessions(), ospfs,
                probe);
    }

    /** The function the tunnels' export filters ask, when the site has a health probe. */
    private BirdView.ProbeSwitch probe() {
        Probe p = gw.probe();
        if (p == null) {
            return null;
        }
        return new BirdView.ProbeSwitch(parts.claim(PROBE_FUNCTION), RunDir.probeFailedPattern(gw.name()),
                RunDir.probeFailed(gw.name()), p.address(), p.intervalSeconds(), p.downAfter(), p.upAfter());
    }

    /**
     * While the probe fails, the filter added last (what a tunnel is sent) withdraws this site's
     * prefixes: only those, a hub still carries other sites' routes (its tunnels are up).
     */
    private void withdrawnWhileProbeFails(BirdFamily f) {
        if (gw.probe() != null && own.get(f) != null) {
            parts.withdrawLast(PROBE_FUNCTION + "() && net ~ " + own.get(f));
        }
    }

    /** A prefix set per site and family: this gateway's site first, then the remote ones. */
    private void siteSets() {
        for (BirdFamily f : families) {
            own.put(f, parts.set(BirdNames.siteSet(gw.site(), f.v6()), f.name(),
                    "site " + gw.site() + " (this gateway's site), " + f.label(), f.prefixes(gw)));
            remote.put(f, new LinkedHashMap<>());
        }
        for (RoutedSite r : remoteSites.values()) {
            for (BirdFamily f : families) {
                remote.get(f).put(r.name(), parts.set(BirdNames.siteSet(r.name(), f.v6()), f.name(),
                        "site " + r.name() + ", " + f.label(), f.prefixes(r)));
            }
        }
    }

    /**
     * Tunnels: from each remote site only its own prefixes (and, from a hub, the sites it
     * carries); to every tunnel only ours (a hub also announces the sites it carries).
     */
    private void tunnelFilters() {
        for (TunnelEnd t : peerSites.values()) {
            String site = t.peerSite();
            boolean via = !t.viaSites().isEmpty();
            for (BirdFamily f : families) {
                fromSite.get(f).put(site, parts.filter(fromPeer(parts.claim(BirdNames.from(BirdNames.site(site), f.v6())),
                        f.name(), f.text(via ? "routes hub " + site + " may announce over its tunnels: its own prefixes and the sites it carries"
                                        : "routes site " + site + " may announce over its tunnels: its own prefixes only",
                                "routes " + (via ? "hub " : "site ") + site + " may announce over its tunnels (IPv4)"),
                        t, remote.get(f))));
            }
        }
        if (peerSites.values().stream().anyMatch(t -> t.transitSites().isEmpty())) {
            for (BirdFamily f : families) {
                toTunnels.put(f, parts.filter(BirdNames.to(BirdNames.TUNNELS, f.v6()), f.name(),
                        f.text("announced over every tunnel: this site's prefixes, never a remote site's (no transit)",
                                "announced over every tunnel (IPv4): this site's prefixes only"), null, BirdParts.present(own.get(f))));
                withdrawnWhileProbeFails(f);
            }
        }
        for (TunnelEnd t : peerSites.values()) {
            String site = t.peerSite();
            if (!t.transitSites().isEmpty()) {
                for (BirdFamily f : families) {
                    toSite.get(f).put(site, parts.filter(BirdNames.to(BirdNames.site(site), f.v6()), f.name(),
                            f.text("announced to site " + site + ": this hub's site and the sites it carries for it",
                                    "announced to site " + site + " (IPv4): this hub's site and the sites it carries"),
                            null, BirdParts.concat(own.get(f), pick(remote.get(f), t.transitSites()))));
                    withdrawnWhileProbeFails(f);
                }
            }
        }
    }

    /**
     * What a tunnel accepts: the peer site's prefixes, and those of the sites it carries. With
     * eBGP the AS path makes a site's own tunnels win over a hub's detour; with one AS (iBGP)
     * nothing would, and the detour would join the ECMP route (found by `vpnc lab`: hubs sent
     * a spoke's traffic to each other in a loop), so carried routes get a lower LOCAL_PREF.
     */
    private Filter fromPeer(String name, String family, String comment, TunnelEnd t, Map<String, String> sets) {
        List<String> peerOwn = BirdParts.present(sets.get(t.peerSite()));
        List<String> carried = new ArrayList<>();
        for (String s : t.viaSites()) {
            if (sets.get(s) != null) {
                carried.add(sets.get(s));
            }
        }
        if (t.peerAsn() != gw.asn() || carried.isEmpty()) {
            List<String> all = new ArrayList<>(peerOwn);
            all.addAll(carried);
            return Filter.of(name, family, comment, null, all);
        }
        return Filter.ranked(name, family, comment, peerOwn, carried, CARRIED_LOCAL_PREF);
    }

    /** The set names of the given sites, in the given order. */
    private static List<String> pick(Map<String, String> setsBySite, List<String> sites) {
        List<String> out = new ArrayList<>();
        for (String s : sites) {
            out.add(setsBySite.get(s));
        }
        return out;
    }

    /** One BGP session per tunnel, a channel per family the tunnel carries. */
    private void tunnelSessions() {
        for (TunnelEnd t : gw.tunnels()) {
            // One AS for the whole network: iBGP over the tunnel. Next hop self, as eBGP would do,
            // since the peer reaches nothing beyond this end; a hub reflects routes to its spokes.
            boolean ibgp = t.peerAsn() == gw.asn();
            boolean spokeOfHub = ibgp && !t.transitSites().isEmpty() && t.viaSites().isEmpty();
            List<Channel> channels = new ArrayList<>();
            for (BirdFamily f : families) {
                if (f.v6() || t.hasIpv4()) {
                    channels.add(new Channel(f.name(), "filter " + fromSite.get(f).get(t.peerSite()),
                            "filter " + toSite.get(f).getOrDefault(t.peerSite(), toTunnels.get(f)), ibgp,
                            f.nextHop(f.local(t)), f.local(t), f.peer(t)));
                }
            }
            parts.session(bird16Hosts.contains(t.peerHost()), t.sessionName(),
                    new Session(t.sessionName(),
                            "tunnel " + t.ifname() + " to " + t.peerHost() + " (site " + t.peerSite()
                                    + (ibgp ? ", iBGP" : "") + (spokeOfHub ? ", route-reflector client" : "") + ")",
                            t.local6(), gw.asn(), t.peer6(), t.peerAsn(), t.ifname(), true, spokeOfHub, t.peerHost(),
                            channels));
        }
    }

    /** Inside the site, OSPF on the LAN: an instance per family, its filters both ways. */
    private List<Ospf> insideOspf() {
        List<Ospf> ospfs = new ArrayList<>();
        for (BirdFamily f : families) {
            String from = parts.filter(BirdNames.from(BirdNames.INSIDE, f.v6()), f.name(),
                    f.text("from OSPF: the site's internal routes, and remote sites via the other gateways"
                                    + " (fallback; BGP preference keeps our own tunnels first)",
                            "from OSPF (IPv4): site and remote prefixes"),
                    null, BirdParts.concat(own.get(f), remote.get(f).values()));
            String to = parts.filter(BirdNames.to(BirdNames.INSIDE, f.v6()), f.name(),
                    f.text("into OSPF (as externals): remote sites learned over our tunnels",
                            "into OSPF (IPv4, as externals): remote sites learned over our tunnels"),
                    "RTS_BGP", remote.get(f).values());
            ospfs.add(new Ospf(parts.claim("ospf_" + f.suffix()), f.ospfVersion(), f.name(), "filter " + from,
                    "filter " + to, lanInterface()));
        }
        return ospfs;
    }

    /** Inside the site, iBGP on the LAN with the site's routers and other gateways. */
    private void insideBgp() {
        Map<BirdFamily, String> fromRouters = new HashMap<>();
        Map<BirdFamily, String> fromGateways = new HashMap<>();
        Map<BirdFamily, String> toInside = new HashMap<>();
        for (BirdFamily f : families) {
            fromRouters.put(f, parts.filter(BirdNames.from(BirdNames.ROUTERS, f.v6()), f.name(),
                    f.text("from the site's routers: the site's prefixes only", "from the site's routers (IPv4)"),
                    null, BirdParts.present(own.get(f))));
            // Not the site's own prefixes: learned from both the routers and the other gateway
            // (which reflects them with next hop self), they would merge into one ECMP route
            // half of which bounces between the gateways (found by `vpnc lab`: pings lost).
            // A gateway reaches its site's routers directly on the LAN.
            fromGateways.put(f, parts.filter(BirdNames.from(BirdNames.GATEWAYS, f.v6()), f.name(),
                    f.text("from the site's other gateways: remote prefixes only (fallback when our tunnels are down)",
                            "from the site's other gateways (IPv4): remote prefixes only"),
                    null, remote.get(f).values()));
            // With iBGP over the tunnels too, a route from the other gateway over the LAN would
            // tie with our own tunnels' and join their ECMP route, bouncing traffic between the
            // gateways: it gets a lower LOCAL_PREF, a fallback only (eBGP tunnel routes win by
            // being eBGP).
            if (oneAs) {
                parts.rankLast(FALLBACK_LOCAL_PREF);
            }
            toInside.put(f, parts.filter(BirdNames.to(BirdNames.INSIDE, f.v6()), f.name(),
                    f.text("to the site's routers and gateways: site and remote prefixes",
                            "to the site's routers and gateways (IPv4)"),
                    null, BirdParts.concat(own.get(f), remote.get(f).values())));
        }
        for (Neighbor n : gw.neighbors()) {
            List<Channel> channels = new ArrayList<>();
            for (BirdFamily f : families) {
                if (f.v6() || gw.lan().hasIpv4() && n.lan().hasIpv4()) {
                    channels.add(new Channel(f.name(), "filter " + (n.gateway() ? fromGateways : fromRouters).get(f),
                            "filter " + toInside.get(f), true, f.nextHop(f.address(gw.lan())), f.address(gw.lan()),
                            f.address(n.lan())));
                }
            }
            parts.session(bird16Hosts.contains(n.host()), n.sessionName(),
                    new Session(n.sessionName(),
                            (n.gateway() ? "iBGP to gateway " : "iBGP to router (route-reflector client) ") + n.host(),
                            gw.lan().ipv6(), gw.asn(), n.lan().ipv6(), gw.asn(), null, true, !n.gateway(), n.host(),
                            channels));
        }
    }

    private String lanInterface() {
        return gw.lanInterfaces().get(0);
    }

    /** The interfaces BFD watches: every tunnel, and the LAN when something routes on it. */
    private List<String> bfd() {
        List<String> bfd = new ArrayList<>();
        if (gw.timers().bfd()) {
            for (TunnelEnd t : gw.tunnels()) {
                bfd.add(t.ifname());
            }
            if (ospf || !gw.neighbors().isEmpty()) {
                bfd.add(lanInterface());
            }
        }
        return bfd;
    }

    private List<Kernel> kernels() {
        String rule = ospf
                ? "where source ~ [ RTS_BGP, RTS_OSPF, RTS_OSPF_IA, RTS_OSPF_EXT1, RTS_OSPF_EXT2 ]"
                : "where source = RTS_BGP";
        return parts.kernels(gw.ipv4(), rule, ospf ? gw.lan() : null);
    }

    /** The design of this config, said at its top. */
    private List<String> notes() {
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
        notes.addAll(parts.perFamilyNote());
        return notes;
    }
}
