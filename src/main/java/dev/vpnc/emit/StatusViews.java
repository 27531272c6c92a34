package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.RoutedSite;
import dev.vpnc.plan.RunDir;
import dev.vpnc.plan.TunnelEnd;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds a host's {@link StatusView} from the plan and from the rest of its rendered bundle
 * (status.sh is rendered last: it holds the other files' hashes, never its own).
 */
final class StatusViews {
    /** Prefixes printed into the script as words: hex digits, dots, colons and one slash. */
    private static final Pattern SAFE_PREFIX = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}");

    private StatusViews() {
    }

    /** @param frr the host's FRR instance, {@code null} on BIRD */
    static StatusView gateway(NetworkPlan plan, GatewayPlan gw, List<RoutingTarget.ConfigFile> configs,
                              List<HostViews.Daemon> daemons, Frr frr, SortedMap<String, String> bundle,
                              List<String> units) {
        List<StatusView.Tunnel> tunnels = gw.tunnels().stream()
                .map(t -> new StatusView.Tunnel(t.ifname(), t.peerHost(), t.peerSite(), t.sessionName())).toList();
        // The lab's check 2, as intent: a site with tunnels of its own is reached over them only (the
        // shorter AS path); a site without, over every tunnel to a hub that carries it.
        Set<String> direct = new LinkedHashSet<>();
        gw.tunnels().forEach(t -> direct.add(t.peerSite()));
        Map<String, Map<String, StatusView.Route>> routes = new TreeMap<>();
        for (TunnelEnd t : gw.tunnels()) {
            List<String> reached = new ArrayList<>(List.of(t.peerSite()));
            t.viaSites().stream().filter(s -> !direct.contains(s)).forEach(reached::add);
            for (String site : reached) {
                Prefixes p = prefixes(plan, site, gw.routedSites());
                p.v6().forEach(prefix -> expect(routes, site, "6", prefix, "dev", t.ifname()));
                if (t.hasIpv4()) {
                    p.v4().forEach(prefix -> expect(routes, site, "4", prefix, "dev", t.ifname()));
                }
            }
        }
        String probe = gw.probe() == null ? "" : gw.probe().address();
        if (!probe.isEmpty()) {
            HostViews.checkAddress(probe);
        }
        return new StatusView(plan.network(), gw.name(), gw.site(), "gateway", gw.namespace(), RunDir.of(gw.name()),
                daemons, pathspace(frr), frrDaemons(frr), tunnels,
                sessions(plan, gw.name(), gw.site(), configs, daemons, frr), flatten(routes), sums(gw.name(), bundle),
                units, probe, RunDir.probeFailed(gw.name()));
    }

    /** @param frr the host's FRR instance, {@code null} on BIRD */
    static StatusView router(NetworkPlan plan, RouterPlan r, List<RoutingTarget.ConfigFile> configs,
                             List<HostViews.Daemon> daemons, Frr frr, SortedMap<String, String> bundle,
                             List<String> units) {
        // A remote site is reached through each gateway of this site that routes to it, next hop
        // its LAN address; with OSPF inside the site, IPv6 next hops are link-local: counted only.
        String match = r.insideOspf() ? "any" : "via";
        Map<String, Map<String, StatusView.Route>> routes = new TreeMap<>();
        for (GatewayPlan gw : plan.gateways()) {
            if (!gw.site().equals(r.site())) {
                continue;
            }
            Set<String> direct = new LinkedHashSet<>();
            gw.tunnels().forEach(t -> direct.add(t.peerSite()));
            for (TunnelEnd t : gw.tunnels()) {
                List<String> reached = new ArrayList<>(List.of(t.peerSite()));
                t.viaSites().stream().filter(s -> !direct.contains(s)).forEach(reached::add);
                for (String site : reached) {
                    Prefixes p = prefixes(plan, site, gw.routedSites());
                    p.v6().forEach(prefix -> expect(routes, site, "6", prefix, match, gw.lan().ipv6()));
                    if (t.hasIpv4() && r.ipv4() && gw.lan().hasIpv4()) {
                        p.v4().forEach(prefix -> expect(routes, site, "4", prefix, match, gw.lan().ipv4()));
                    }
                }
            }
        }
        return new StatusView(plan.network(), r.name(), r.site(), "internal router", "", RunDir.of(r.name()), daemons,
                pathspace(frr), frrDaemons(frr), List.of(), sessions(plan, r.name(), r.site(), configs, daemons, frr),
                flatten(routes), sums(r.name(), bundle), units, "", "");
    }

    private static String pathspace(Frr frr) {
        if (frr == null) {
            return "";
        }
        HostViews.checkName(frr.pathspace());
        return frr.pathspace();
    }

    private static List<String> frrDaemons(Frr frr) {
        if (frr == null) {
            return List.of();
        }
        frr.daemons().forEach(HostViews::checkName);
        return frr.daemons();
    }

    private record Prefixes(List<String> v6, List<String> v4) {
    }

    /**
     * What a remote site's routers announce (a router may announce a part of the site's declared
     * prefixes); the declared prefixes when it has no router.
     */
    private static Prefixes prefixes(NetworkPlan plan, String site, List<RoutedSite> declared) {
        Set<String> v6 = new LinkedHashSet<>();
        Set<String> v4 = new LinkedHashSet<>();
        plan.routers().stream().filter(r -> r.site().equals(site)).forEach(r -> {
            v6.addAll(r.prefixes6());
            v4.addAll(r.prefixes4());
        });
        if (v6.isEmpty() && v4.isEmpty()) {
            declared.stream().filter(d -> d.name().equals(site)).forEach(d -> {
                v6.addAll(d.prefixes6());
                v4.addAll(d.prefixes4());
            });
        }
        return new Prefixes(List.copyOf(v6), List.copyOf(v4));
    }

    /** Adds a next hop to a route, in the order site, family (IPv6 first), prefix as declared. */
    private static void expect(Map<String, Map<String, StatusView.Route>> routes, String site, String family,
                               String prefix, String match, String nextHop) {
        if (!SAFE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a prefix: " + prefix);
        }
        if (match.equals("dev")) {
            HostViews.checkName(nextHop);
        } else {
            HostViews.checkAddress(nextHop);
        }
        Map<String, StatusView.Route> ofSite = routes.computeIfAbsent(site, s -> new LinkedHashMap<>());
        String key = (family.equals("6") ? "0 " : "1 ") + prefix;
        StatusView.Route old = ofSite.get(key);
        List<String> hops = new ArrayList<>(old == null ? List.of() : old.expected());
        if (!hops.contains(nextHop)) {
            hops.add(nextHop);
        }
        ofSite.put(key, new StatusView.Route(site, family, prefix, match, hops.stream().sorted().toList()));
    }

    private static List<StatusView.Route> flatten(Map<String, Map<String, StatusView.Route>> routes) {
        List<StatusView.Route> out = new ArrayList<>();
        for (Map<String, StatusView.Route> ofSite : routes.values()) {
            new TreeMap<>(ofSite).values().forEach(out::add);
        }
        return out;
    }

    /**
     * The sessions of the host's BIRD or FRR configurations: each BGP protocol or neighbor; with
     * BFD on, the BFD session to each BGP neighbor; with OSPF, each other host of the site as a
     * neighbor of each instance (by router id, as {@code show ospf neighbors} and FRR list it).
     */
    private static List<StatusView.Session> sessions(NetworkPlan plan, String host, String site,
                                                     List<RoutingTarget.ConfigFile> configs,
                                                     List<HostViews.Daemon> daemons, Frr frr) {
        Map<String, String> routerIds = new TreeMap<>();
        plan.gateways().stream().filter(g -> g.site().equals(site) && !g.name().equals(host))
                .forEach(g -> routerIds.put(g.name(), g.routerId()));
        plan.routers().stream().filter(r -> r.site().equals(site) && !r.name().equals(host))
                .forEach(r -> routerIds.put(r.name(), r.routerId()));
        List<StatusView.Session> bgp = new ArrayList<>();
        List<StatusView.Session> bfd = new ArrayList<>();
        List<StatusView.Session> ospf = new ArrayList<>();
        for (RoutingTarget.ConfigFile c : configs) {
            if (c.view() instanceof FrrView view) {
                frrSessions(view, frr, routerIds, bgp, bfd, ospf);
                continue;
            }
            if (!(c.view() instanceof BirdView view)) {
                throw new IllegalStateException("no sessions known of " + c.file());
            }
            int daemon = daemonOf(daemons, c.file());
            // BIRD 1.6's two daemons name a neighbor's sessions alike: shown with the daemon's name.
            String shown = daemons.size() > 1 ? daemons.get(daemon).binary() + ":" : "";
            for (BirdView.Session s : view.sessions()) {
                HostViews.checkName(s.name());
                HostViews.checkName(s.peer());
                bgp.add(new StatusView.Session("BGP", shown + s.name(), s.peer(), daemon, s.name(), "-"));
                if (view.timers().bfd()) {
                    HostViews.checkAddress(s.neighbor());
                    bfd.add(new StatusView.Session("BFD", shown + "bfd:" + s.neighbor(), s.peer(), daemon, s.neighbor(), "-"));
                }
            }
            for (BirdView.Ospf o : view.ospf()) {
                HostViews.checkName(o.name());
                routerIds.forEach((peer, id) -> {
                    HostViews.checkAddress(id);
                    ospf.add(new StatusView.Session("OSPF", shown + o.name() + ":" + peer, peer, daemon, id, o.name()));
                });
            }
        }
        List<StatusView.Session> all = new ArrayList<>(bgp);
        all.addAll(bfd);
        all.addAll(ospf);
        return all;
    }

    /**
     * An FRR host's sessions, as its BIRD sessions would be: BGP by neighbor address (named as
     * BIRD names the session, which the tunnels show), BFD per BGP neighbor, OSPF neighbors by
     * router id per daemon ({@code ospf6}, {@code ospf}). Each runs in one daemon of the instance.
     */
    private static void frrSessions(FrrView view, Frr frr, Map<String, String> routerIds,
                                    List<StatusView.Session> bgp, List<StatusView.Session> bfd,
                                    List<StatusView.Session> ospf) {
        if (frr == null) {
            throw new IllegalStateException("an FRR configuration on a host without an FRR instance");
        }
        if (view.bgp() != null) {
            int bgpd = frrDaemon(frr, "bgpd");
            for (FrrView.Neighbor n : view.bgp().neighbors()) {
                HostViews.checkName(n.name());
                HostViews.checkName(n.peer());
                HostViews.checkAddress(n.address());
                bgp.add(new StatusView.Session("BGP", n.name(), n.peer(), bgpd, n.address(), "-"));
                if (n.bfdProfile() != null) {
                    bfd.add(new StatusView.Session("BFD", "bfd:" + n.address(), n.peer(), frrDaemon(frr, "bfdd"),
                            n.address(), "-"));
                }
            }
        }
        for (FrrView.Ospf o : view.ospf()) {
            HostViews.checkName(o.daemon());
            int daemon = frrDaemon(frr, o.daemon() + "d");
            routerIds.forEach((peer, id) -> {
                HostViews.checkAddress(id);
                ospf.add(new StatusView.Session("OSPF", o.daemon() + ":" + peer, peer, daemon, id, o.daemon()));
            });
        }
    }

    private static int frrDaemon(Frr frr, String daemon) {
        int i = frr.daemons().indexOf(daemon);
        if (i < 0) {
            throw new IllegalStateException(frr.pathspace() + " runs no " + daemon);
        }
        return i;
    }

    private static int daemonOf(List<HostViews.Daemon> daemons, String conf) {
        for (int i = 0; i < daemons.size(); i++) {
            if (daemons.get(i).conf().equals(conf)) {
                return i;
            }
        }
        throw new IllegalStateException("no daemon reads " + conf);
    }

    /** The host's files (paths relative to its bundle) with their SHA-256, hashed as the manifest hashes them. */
    private static List<StatusView.FileSum> sums(String host, SortedMap<String, String> bundle) {
        String dir = host + "/";
        List<StatusView.FileSum> sums = new ArrayList<>();
        bundle.forEach((path, content) -> {
            if (path.startsWith(dir)) {
                sums.add(new StatusView.FileSum(path.substring(dir.length()), sha256(content)));
            }
        });
        return sums;
    }

    /** SHA-256 of a file's UTF-8 bytes, in lower-case hex: what {@code sha256sum} prints. */
    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
