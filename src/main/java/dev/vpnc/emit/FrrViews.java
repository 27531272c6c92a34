package dev.vpnc.emit;

import dev.vpnc.check.BirdNames;
import dev.vpnc.emit.FrrView.AddressFamily;
import dev.vpnc.emit.FrrView.Bfd;
import dev.vpnc.emit.FrrView.Bgp;
import dev.vpnc.emit.FrrView.FamilyNeighbor;
import dev.vpnc.emit.FrrView.Interface;
import dev.vpnc.emit.FrrView.Neighbor;
import dev.vpnc.emit.FrrView.Ospf;
import dev.vpnc.emit.FrrView.ProtocolFilter;
import dev.vpnc.emit.FrrView.Redistribute;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.resolve.RoutingTimers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The FRR configs (integrated {@code frr.conf}). The routing policy is BIRD 2's: each view is
 * translated from the host's {@link BirdViews} view (same sessions, prefix sets, filters, local
 * preferences, next hops, route reflection), so the two targets cannot drift apart;
 * FrrEquivalenceTest compares them. What differs is FRR's architecture:
 * <ul>
 *   <li>BIRD's channel filters become route-maps in and out per session and family; a route-map
 *       entry matches one prefix-list, so a filter rule naming several sets is several entries.</li>
 *   <li>Every inbound IPv6 route-map sets {@code ipv6 next-hop prefer-global}: FRR would install a
 *       peer's link-local next hop, and WireGuard interfaces have none of their own.</li>
 *   <li>IPv4 rides on the IPv6 session: its outbound route-map sets this end's IPv4 address on the
 *       link as next hop (BIRD's {@code next hop address}); without it FRR announces its router id.
 *       So every session has its own outbound IPv4 route-map.</li>
 *   <li>BIRD's single routing table is FRR's zebra RIB plus one per daemon: OSPF's routes reach
 *       BGP through {@code redistribute} (only this site's prefixes, as BIRD exports to the
 *       tunnels; a remote site redistributed from OSPF would outrank the tunnels inside bgpd),
 *       BGP's reach OSPF the same way, and BIRD's OSPF import filter is zebra's
 *       {@code protocol ... route-map}. BIRD's {@code preference} over OSPF is FRR's distance: eBGP
 *       (20) beats OSPF (110) already; iBGP over the tunnels (one AS) gets 100.</li>
 * </ul>
 */
final class FrrViews {
    static final int MAXIMUM_PATHS = 16;
    /**
     * Seconds between bgpd's connection attempts. BIRD's 5 s comes with its 1 s connect delay;
     * bgpd retries a refused first attempt (its peer not listening yet) only after this timer:
     * at 5 s the lab's cold start took 8.5 s, at 1 s 6.8 s.
     */
    static final int CONNECT_RETRY_SECONDS = 1;
    /** iBGP under OSPF's 110, so that a gateway's own tunnels win over the other gateway's externals. */
    static final String DISTANCE_IBGP_OVER_OSPF = "20 100 200";
    /** FRR's BFD defaults, not written. */
    private static final int BFD_DEFAULT_INTERVAL = 300;
    private static final int BFD_DEFAULT_MULTIPLIER = 3;
    /** FRR's OSPF defaults, not written. */
    private static final int OSPF_DEFAULT_HELLO = 10;
    private static final int OSPF_DEFAULT_DEAD = 40;

    private FrrViews() {
    }

    /**
     * @param oneFamilyHosts peers whose sessions carry one family each (BIRD 1.6): two sessions
     *                       with each, as BIRD 2 opens
     */
    static FrrView gateway(String network, GatewayPlan gw, Set<String> oneFamilyHosts) {
        BirdView bird = BirdViews.gateway(network, gw, oneFamilyHosts);
        Function<String, String> own = family -> BirdNames.siteSet(gw.site(), family.equals(BirdFamily.V6));
        List<String> notes = new ArrayList<>(List.of(
                "One BGP session per tunnel, between the tunnel's IPv6 addresses; IPv4 (when carried) is a",
                "second address family of the same session, announcing this end's /31 address as next hop.",
                "Route-maps let through only the prefixes BIRD's filters would: no transit, each tunnel",
                "accepts its peer site's prefixes (and a hub's the sites it carries).",
                "Inbound IPv6 route-maps prefer the global next hop: a WireGuard interface has no link-local",
                "address of its own (up.sh gives it one, without which bgpd would not open the session)."));
        return translate("FRR config of " + BirdViews.gatewaySubject(network, gw), notes, bird, gw.timers(), own);
    }

    static FrrView router(String network, RouterPlan r, Set<String> oneFamilyHosts) {
        BirdView bird = BirdViews.router(network, r, oneFamilyHosts);
        List<String> notes = r.insideOspf()
                ? List.of("OSPF with the site's gateways on the LAN: announces this router's prefixes as",
                        "externals, learns remote sites as the gateways' externals (ECMP over both).")
                : List.of("iBGP with each gateway of the site over the LAN (route-reflector client): announces",
                        "this router's prefixes, learns remote sites from every gateway (ECMP over all of them).");
        return translate("FRR config of " + BirdViews.routerSubject(network, r), notes, bird, r.timers(),
                family -> null);
    }

    private static FrrView translate(String title, List<String> notes, BirdView bird, RoutingTimers timers,
                                     Function<String, String> ownSet) {
        FrrRouteMaps maps = new FrrRouteMaps(bird);
        boolean bfd = timers.bfd();
        Bgp bgp = bird.sessions().isEmpty() ? null : bgp(bird, timers, maps, ownSet);
        List<Ospf> ospfs = new ArrayList<>();
        List<ProtocolFilter> protocolFilters = new ArrayList<>();
        List<String> lanCommands = new ArrayList<>();
        for (BirdView.Ospf o : bird.ospf()) {
            boolean v6 = o.family().equals(BirdFamily.V6);
            String daemon = v6 ? "ospf6" : "ospf";
            BirdView.Filter export = maps.filter(o.exportRule());
            String exportMap = maps.routeMap(export.name(), o.exportRule(), o.family(), false, null, ownSet);
            ospfs.add(new Ospf(daemon, bird.routerId(), List.of(new Redistribute(protocol(export), exportMap))));
            if (maps.filter(o.importRule()) != null) {
                protocolFilters.add(new ProtocolFilter(FrrRouteMaps.keyword(o.family()), daemon,
                        maps.routeMap(maps.filter(o.importRule()).name(), o.importRule(), o.family(), false, null, ownSet)));
            }
            String p = v6 ? "ipv6 ospf6 " : "ip ospf ";
            lanCommands.add(p + "area 0");
            if (timers.ospfHelloSeconds() != OSPF_DEFAULT_HELLO) {
                lanCommands.add(p + "hello-interval " + timers.ospfHelloSeconds());
            }
            if (timers.ospfDeadSeconds() != OSPF_DEFAULT_DEAD) {
                lanCommands.add(p + "dead-interval " + timers.ospfDeadSeconds());
            }
            lanCommands.add(p + "cost " + timers.ospfCost());
            if (bfd) {
                lanCommands.add(p + "bfd");
                lanCommands.add(p + "bfd profile " + FrrView.BFD_PROFILE);
            }
        }
        List<Interface> interfaces = lanCommands.isEmpty() ? List.of()
                : List.of(new Interface(bird.ospf().get(0).iface(), lanCommands));
        Bfd profile = bfd && (bgp != null || !ospfs.isEmpty()) ? bfdProfile(timers) : null;
        return new FrrView(title, notes, maps.prefixLists(), maps.routeMaps(), protocolFilters, profile, interfaces,
                bgp, ospfs);
    }

    private static Bfd bfdProfile(RoutingTimers t) {
        Integer interval = t.bfdIntervalMillis() == BFD_DEFAULT_INTERVAL ? null : t.bfdIntervalMillis();
        return new Bfd(FrrView.BFD_PROFILE, interval, interval,
                t.bfdMultiplier() == BFD_DEFAULT_MULTIPLIER ? null : t.bfdMultiplier());
    }

    /** The daemon whose routes a filter with a route source takes ({@code redistribute}). */
    private static String protocol(BirdView.Filter f) {
        if ("RTS_BGP".equals(f.source())) {
            return "bgp";
        }
        if ("RTS_DEVICE".equals(f.source())) {
            return "connected";
        }
        throw new IllegalArgumentException("no FRR protocol for the source of filter " + f.name() + ": " + f.source());
    }

    private static Bgp bgp(BirdView bird, RoutingTimers timers, FrrRouteMaps maps, Function<String, String> ownSet) {
        long asn = bird.sessions().get(0).localAs();
        List<Neighbor> neighbors = new ArrayList<>();
        Map<String, List<FamilyNeighbor>> perFamily = new LinkedHashMap<>();
        Map<String, List<Redistribute>> redistribute = new LinkedHashMap<>();
        boolean ibgp = false;
        for (String f : List.of(BirdFamily.V6, BirdFamily.V4)) {
            perFamily.put(f, new ArrayList<>());
            redistribute.put(f, new ArrayList<>());
        }
        for (BirdView.Session s : bird.sessions()) {
            if (s.localAs() != asn) {
                throw new IllegalArgumentException("sessions of one host with two local AS numbers");
            }
            boolean tunnel = s.iface() != null;
            ibgp |= tunnel && s.neighborAs() == asn;
            neighbors.add(new Neighbor(s.neighbor(), s.neighborAs(), s.description(), s.local(),
                    timers.bfd() ? FrrView.BFD_PROFILE : null, s.peer(), s.iface(), s.name()));
            for (BirdView.Channel c : s.channels()) {
                String suffix = c.family().equals(BirdFamily.V6) ? "v6" : "v4";
                BirdView.Filter in = maps.filter(c.importRule());
                String inMap = maps.routeMap(in == null ? "all-" + suffix : in.name(), c.importRule(), c.family(),
                        true, null, ownSet);
                BirdView.Filter out = maps.filter(c.exportRule());
                String outName = c.nextHopAddress() == null ? out.name() : s.name() + "-out-" + suffix;
                String outMap = maps.routeMap(outName, c.exportRule(), c.family(), false, c.nextHopAddress(), ownSet);
                perFamily.get(c.family()).add(new FamilyNeighbor(s.neighbor(), inMap, outMap, c.nextHopSelf(),
                        s.rrClient()));
                if ("RTS_DEVICE".equals(out.source())) {
                    addOnce(redistribute.get(c.family()), new Redistribute("connected",
                            maps.routeMap(out.name(), c.exportRule(), c.family(), false, null, ownSet)));
                }
            }
        }
        // With OSPF inside, this site's prefixes come from OSPF (and the LAN itself, connected).
        for (BirdView.Ospf o : bird.ospf()) {
            String own = ownSet.apply(o.family());
            if (own != null && bird.prefixSets().stream().anyMatch(p -> p.name().equals(own))) {
                String name = "own-site-" + (o.family().equals(BirdFamily.V6) ? "v6" : "v4");
                String map = maps.routeMapOfSet(name, own, o.family(),
                        "this site's prefixes, from OSPF and the LAN into BGP (as BIRD exports them to the tunnels)");
                addOnce(redistribute.get(o.family()), new Redistribute(o.family().equals(BirdFamily.V6) ? "ospf6" : "ospf", map));
                addOnce(redistribute.get(o.family()), new Redistribute("connected", map));
            }
        }
        String distance = ibgp && !bird.ospf().isEmpty() ? DISTANCE_IBGP_OVER_OSPF : null;
        List<AddressFamily> families = new ArrayList<>();
        perFamily.forEach((f, ns) -> {
            if (!ns.isEmpty()) {
                families.add(new AddressFamily(f, redistribute.get(f), ns, MAXIMUM_PATHS, distance));
            }
        });
        return new Bgp(asn, bird.routerId(), timers.bgpKeepaliveSeconds(), timers.bgpHoldSeconds(),
                CONNECT_RETRY_SECONDS, neighbors, families);
    }

    private static <T> void addOnce(List<T> list, T item) {
        if (!list.contains(item)) {
            list.add(item);
        }
    }
}
