package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.FrrView.AddressFamily;
import dev.vpnc.emit.FrrView.FamilyNeighbor;
import dev.vpnc.emit.FrrView.Neighbor;
import dev.vpnc.emit.FrrView.PrefixEntry;
import dev.vpnc.emit.FrrView.RouteMapEntry;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FRR target routes like the BIRD 2 one. Computed from the views, not from text: per host, the
 * set of (peer, family, next hop announced, AS numbers, imported prefixes with their LOCAL_PREF,
 * exported prefixes, BFD, next hop self, route-reflector client, tunnel) of every session and
 * family, and the OSPF instances (interface, what they install, what they redistribute, BFD), must
 * be the same for both targets. And every FRR session has exactly one matching session at its
 * neighbor, whose target may be FRR or BIRD 1.6 (one family per session).
 */
class FrrEquivalenceTest {
    @TempDir
    Path tmp;

    /** One family of one session, reduced to what decides routing. */
    record Route(String peer, String family, String nextHop, long localAs, long neighborAs, String imports,
                 String exports, boolean bfd, boolean nextHopSelf, boolean rrClient, String iface) {
    }

    /** The routing of a host. */
    record Routing(Set<String> routes, Set<String> ospf) {
    }

    /** One end of a session: transport addresses and the families it carries. */
    record End(String host, String peer, String local, String neighbor, long localAs, long neighborAs,
               Set<String> families) {
    }

    @ParameterizedTest
    @CsvSource({"reference,bgp", "reference,ospf", "hub-spoke,", "one-as,", "one-as,ospf", "ospf-ipv6only,"})
    void sameRoutingAsBird2AndSessionsPairUp(String example, String inside) throws IOException {
        NetworkPlan plan = plan(example, inside, false);
        Map<String, Routing> bird = birdRouting(plan, Set.of());
        Map<String, Routing> frr = frrRouting(plan, Set.of());
        assertEquals(bird.keySet(), frr.keySet());
        int routes = 0;
        for (String host : bird.keySet()) {
            assertEquals(bird.get(host), frr.get(host), host);
            routes += frr.get(host).routes().size();
        }
        assertTrue(routes >= 8, "compared " + routes + " session families");
        if ("ospf".equals(inside)) {
            assertTrue(frr.values().stream().anyMatch(r -> !r.ospf().isEmpty()), "OSPF compared");
        }
        assertSessionsPairUp(frrEnds(plan, Set.of()));
        // BIRD's BGP preference outranks OSPF; in FRR eBGP (20) does, iBGP over the tunnels needs 100.
        boolean oneAsWithOspf = example.equals("one-as") && "ospf".equals(inside);
        for (GatewayPlan g : plan.gateways()) {
            for (AddressFamily af : FrrViews.gateway(plan.network(), g, Set.of()).bgp().families()) {
                assertEquals(oneAsWithOspf ? FrrViews.DISTANCE_IBGP_OVER_OSPF : null, af.distance(), g.name());
            }
        }
    }

    /** A BIRD 1.6 gateway among FRR hosts: its neighbors open one session per family, as BIRD 2 does. */
    @ParameterizedTest
    @CsvSource({"reference,bgp", "reference,ospf"})
    void bird16PeerPairsUpWithFrrHosts(String example, String inside) throws IOException {
        NetworkPlan plan = plan(example, inside, true);
        Set<String> bird16 = plan.gateways().stream().filter(g -> g.routing() == RoutingSuite.BIRD16)
                .map(GatewayPlan::name).collect(Collectors.toSet());
        assertEquals(Set.of("v1-1"), bird16);
        Map<String, Routing> bird = birdRouting(plan, bird16);
        Map<String, Routing> frr = frrRouting(plan, bird16);
        for (String host : bird.keySet()) {
            if (!bird16.contains(host)) {
                assertEquals(bird.get(host), frr.get(host), host);
            }
        }
        List<End> ends = frrEnds(plan, bird16);
        ends.removeIf(e -> bird16.contains(e.host()));
        for (GatewayPlan g : plan.gateways()) {
            if (bird16.contains(g.name())) {
                for (Bird16Views.Config c : Bird16Views.gateway(plan.network(), g)) {
                    for (BirdView.Session s : c.view().sessions()) {
                        ends.add(new End(g.name(), s.peer(), s.local(), s.neighbor(), s.localAs(), s.neighborAs(),
                                s.channels().stream().map(BirdView.Channel::family).collect(Collectors.toCollection(TreeSet::new))));
                    }
                }
            }
        }
        assertTrue(ends.stream().anyMatch(e -> e.peer().equals("v1-1") && !e.local().contains(":")),
                "an IPv4 session with the BIRD 1.6 host");
        assertSessionsPairUp(ends);
    }

    private NetworkPlan plan(String example, String inside, boolean bird16Peer) throws IOException {
        Path work = tmp.resolve(example + "-" + inside + "-" + bird16Peer);
        Project.copyTree(Project.root().resolve("examples").resolve(example), work);
        Path source = work.resolve("net.vpn");
        String text = Files.readString(source);
        String edited = inside == null ? text : text.replaceFirst("(?m)^(network [^\n]*\\{\n)", "$1  inside " + inside + "\n");
        if (bird16Peer) {
            edited = edited.replace("gateway v1-1 uses edge { endpoint 2001:db8:1::1 }",
                    "gateway v1-1 uses edge {\n    endpoint 2001:db8:1::1\n    bird 1.6\n  }");
        }
        if (inside != null || bird16Peer) {
            assertNotEquals(text, edited);
        }
        Files.writeString(source, edited);
        Pipeline.Result r = Pipeline.run(source, work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return r.plan();
    }

    // ---- BIRD 2 ----

    private static Map<String, Routing> birdRouting(NetworkPlan plan, Set<String> bird16) {
        Map<String, Routing> out = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            out.put(g.name(), routing(BirdViews.gateway(plan.network(), g, bird16)));
        }
        for (RouterPlan r : plan.routers()) {
            out.put(r.name(), routing(BirdViews.router(plan.network(), r, bird16)));
        }
        return out;
    }

    private static Routing routing(BirdView v) {
        Set<String> routes = new TreeSet<>();
        for (BirdView.Session s : v.sessions()) {
            for (BirdView.Channel c : s.channels()) {
                String nextHop = c.nextHopAddress() != null ? c.nextHopAddress() : s.local();
                routes.add(new Route(s.peer(), c.family(), nextHop, s.localAs(), s.neighborAs(),
                        accepted(v, c.importRule()), accepted(v, c.exportRule()), v.timers().bfd(), c.nextHopSelf(),
                        s.rrClient(), s.iface()).toString());
            }
        }
        Set<String> ospf = new TreeSet<>();
        for (BirdView.Ospf o : v.ospf()) {
            ospf.add(o.family() + " " + o.iface() + " installs " + accepted(v, o.importRule()) + " redistributes "
                    + v.filters().stream().filter(f -> o.exportRule().equals("filter " + f.name())).findFirst().orElseThrow().source()
                    + " " + accepted(v, o.exportRule()) + " bfd " + v.timers().bfd());
        }
        return new Routing(routes, ospf);
    }

    /** What a BIRD rule accepts: {@code all}, or its prefixes (first rule wins) with their LOCAL_PREF. */
    private static String accepted(BirdView v, String rule) {
        if (rule.equals("all")) {
            return "all";
        }
        String name = rule.substring("filter ".length());
        BirdView.Filter f = v.filters().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Map<String, Integer> prefs = new LinkedHashMap<>();
        for (BirdView.Rule r : f.rules()) {
            Set<String> members = new TreeSet<>();
            r.sets().forEach(set -> members.addAll(members(v, set)));
            r.except().forEach(set -> members.removeAll(members(v, set)));
            members.forEach(m -> prefs.putIfAbsent(m, r.localPref()));
        }
        return text(prefs);
    }

    private static List<String> members(BirdView v, String set) {
        return v.prefixSets().stream().filter(p -> p.name().equals(set)).findFirst().orElseThrow().members();
    }

    private static String text(Map<String, Integer> prefs) {
        return new TreeMap<>(prefs).entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == null ? "" : "@" + e.getValue())).toList().toString();
    }

    // ---- FRR ----

    private static Map<String, Routing> frrRouting(NetworkPlan plan, Set<String> bird16) {
        Map<String, Routing> out = new TreeMap<>();
        frrViews(plan, bird16).forEach((host, v) -> out.put(host, routing(v)));
        return out;
    }

    private static SortedMap<String, FrrView> frrViews(NetworkPlan plan, Set<String> bird16) {
        SortedMap<String, FrrView> out = new TreeMap<>();
        plan.gateways().forEach(g -> out.put(g.name(), FrrViews.gateway(plan.network(), g, bird16)));
        plan.routers().forEach(r -> out.put(r.name(), FrrViews.router(plan.network(), r, bird16)));
        return out;
    }

    private static Routing routing(FrrView v) {
        Set<String> routes = new TreeSet<>();
        if (v.bgp() != null) {
            for (AddressFamily af : v.bgp().families()) {
                for (FamilyNeighbor fn : af.neighbors()) {
                    Neighbor n = v.bgp().neighbors().stream().filter(x -> x.address().equals(fn.address()))
                            .findFirst().orElseThrow();
                    String nextHop = entries(v, fn.routeMapOut()).stream().map(RouteMapEntry::nextHop4)
                            .filter(h -> h != null).findFirst().orElse(n.updateSource());
                    routes.add(new Route(n.peer(), af.family(), nextHop, v.bgp().asn(), n.remoteAs(),
                            accepted(v, fn.routeMapIn()), accepted(v, fn.routeMapOut()),
                            v.bfd() != null && n.bfdProfile() != null, fn.nextHopSelf(), fn.rrClient(), n.iface()).toString());
                }
            }
        }
        Set<String> ospf = new TreeSet<>();
        for (FrrView.Ospf o : v.ospf()) {
            String family = o.daemon().equals("ospf6") ? BirdFamily.V6 : BirdFamily.V4;
            String prefix = o.daemon().equals("ospf6") ? "ipv6 ospf6 " : "ip ospf ";
            FrrView.Interface lan = v.interfaces().stream().filter(i -> i.commands().contains(prefix + "area 0"))
                    .findFirst().orElseThrow();
            String installs = v.protocolFilters().stream().filter(f -> f.protocol().equals(o.daemon()))
                    .map(f -> accepted(v, f.routeMap())).findFirst().orElse("all");
            assertEquals(1, o.redistribute().size(), o.toString());
            FrrView.Redistribute r = o.redistribute().get(0);
            String source = switch (r.protocol()) {
                case "bgp" -> "RTS_BGP";
                case "connected" -> "RTS_DEVICE";
                default -> r.protocol();
            };
            ospf.add(family + " " + lan.name() + " installs " + installs + " redistributes " + source + " "
                    + accepted(v, r.routeMap()) + " bfd "
                    + (v.bfd() != null && lan.commands().contains(prefix + "bfd profile " + v.bfd().profile())));
        }
        return new Routing(routes, ospf);
    }

    private static List<RouteMapEntry> entries(FrrView v, String routeMap) {
        return v.routeMaps().stream().filter(m -> m.name().equals(routeMap)).findFirst().orElseThrow().entries();
    }

    /**
     * What a route-map permits: {@code all} for an entry without match, else the prefix-lists'
     * prefixes (as BIRD writes them, {@code p+} for {@code le} the family's maximum), first entry winning.
     */
    private static String accepted(FrrView v, String routeMap) {
        Map<String, Integer> prefs = new LinkedHashMap<>();
        for (RouteMapEntry e : entries(v, routeMap)) {
            if (e.prefixList() == null) {
                if (e.action().equals("permit")) {
                    return "all";
                }
                continue;
            }
            Set<String> members = new TreeSet<>();
            List<PrefixEntry> list = v.prefixLists().stream().filter(p -> p.name().equals(e.prefixList())
                    && p.family().equals(e.family())).findFirst().orElseThrow().entries();
            for (PrefixEntry p : list) {
                String member = p.prefix() + (p.le() == null ? "" : "+");
                if (p.le() != null) {
                    assertEquals(p.prefix().contains(":") ? 128 : 32, p.le(), p.toString());
                }
                if (p.action().equals("permit")) {
                    members.add(member);
                }
            }
            list.stream().filter(p -> p.action().equals("deny")).forEach(p -> members.remove(p.prefix() + (p.le() == null ? "" : "+")));
            if (e.action().equals("permit")) {
                members.forEach(m -> prefs.putIfAbsent(m, e.localPref()));
            }
        }
        return text(prefs);
    }

    private static List<End> frrEnds(NetworkPlan plan, Set<String> bird16) {
        List<End> ends = new ArrayList<>();
        frrViews(plan, bird16).forEach((host, v) -> {
            if (v.bgp() == null) {
                return;
            }
            for (Neighbor n : v.bgp().neighbors()) {
                Set<String> families = new TreeSet<>();
                v.bgp().families().forEach(af -> af.neighbors().stream().filter(fn -> fn.address().equals(n.address()))
                        .forEach(fn -> families.add(af.family())));
                ends.add(new End(host, n.peer(), n.updateSource(), n.address(), v.bgp().asn(), n.remoteAs(), families));
            }
        });
        return ends;
    }

    private static void assertSessionsPairUp(List<End> ends) {
        assertFalse(ends.isEmpty());
        for (End e : ends) {
            assertFalse(e.families().isEmpty(), "no family activated: " + e);
            List<End> other = ends.stream().filter(o -> o.host().equals(e.peer()) && o.peer().equals(e.host())
                    && o.local().equals(e.neighbor()) && o.neighbor().equals(e.local())).toList();
            assertEquals(1, other.size(), "the other end of " + e + ": " + other);
            End o = other.get(0);
            assertEquals(e.families(), o.families(), "families of " + e);
            assertEquals(e.localAs(), o.neighborAs(), "AS of " + e);
            assertEquals(e.neighborAs(), o.localAs(), "AS of " + e);
        }
    }
}
