package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BIRD 1.6 target routes like the BIRD 2 one. Computed from the views (what the templates
 * print), not from text: per host, the set of (peer, family, next hop announced, AS numbers,
 * imported prefixes, exported prefixes, BFD, next hop self, route-reflector client, interface)
 * of every BGP session channel, the kernel and OSPF protocols per family, must be the same for
 * both targets. And across hosts, whatever their targets, every session has exactly one matching
 * session at its neighbor (same addresses swapped, same families): mixed targets still pair up.
 */
class Bird16EquivalenceTest {
    @TempDir
    Path tmp;

    /** One channel of one session, reduced to what decides routing. */
    record Route(String peer, String family, String nextHop, long localAs, long neighborAs, String imports,
                 String exports, boolean bfd, boolean nextHopSelf, boolean rrClient, String iface) {
    }

    /** The routing of a host, all daemons together. */
    record Routing(Set<String> routes, Set<String> kernels, Set<String> ospf, Set<String> direct, Set<String> routerIds) {
    }

    private NetworkPlan plan(String name, UnaryOperator<String> edit) throws IOException {
        Path work = tmp.resolve(name);
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path source = work.resolve("net.vpn");
        Files.writeString(source, edit.apply(Files.readString(source)));
        Pipeline.Result r = Pipeline.run(source, work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return r.plan();
    }

    private static UnaryOperator<String> network(String inside, String target) {
        return src -> src.replace("  underlay ipv6\n", "  underlay ipv6\n  inside " + inside + "\n"
                + (target == null ? "" : "  bird " + target + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bgp", "ospf"})
    void sameRoutingOnEveryHostForBothTargets(String inside) throws IOException {
        NetworkPlan v2 = plan("v2-" + inside, network(inside, null));
        NetworkPlan v16 = plan("v16-" + inside, network(inside, "1.6"));
        assertTrue(v16.gateways().stream().allMatch(g -> g.routing() == RoutingSuite.BIRD16));
        Map<String, Routing> a = routing(v2);
        Map<String, Routing> b = routing(v16);
        assertEquals(a.keySet(), b.keySet());
        int routes = 0;
        for (String host : a.keySet()) {
            assertEquals(a.get(host), b.get(host), host);
            routes += a.get(host).routes().size();
        }
        // 6 gateways x 4 tunnels x 2 families, plus iBGP inside the sites when inside bgp.
        assertTrue(routes >= 48, "compared " + routes + " session channels");
        assertEquals(48 + (inside.equals("bgp") ? 3 * (2 * 2 * 2 + 2 * 2) : 0), routes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bgp", "ospf"})
    void oneHostOnBird16RoutesLikeBird2AndEverySessionPairsUp(String inside) throws IOException {
        UnaryOperator<String> mixed = src -> network(inside, null).apply(src).replace(
                "gateway v1-1 uses edge { endpoint 2001:db8:1::1 }",
                "gateway v1-1 uses edge {\n    endpoint 2001:db8:1::1\n    bird 1.6\n  }");
        NetworkPlan v2 = plan("all2-" + inside, network(inside, null));
        NetworkPlan mix = plan("mixed-" + inside, mixed);
        assertEquals(Set.of("v1-1"), mix.gateways().stream().filter(g -> g.routing() == RoutingSuite.BIRD16)
                .map(GatewayPlan::name).collect(Collectors.toSet()));
        assertEquals(routing(v2), routing(mix));
        assertSessionsPairUp(mix);
        assertSessionsPairUp(v2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bgp", "ospf"})
    void wholeNetworkOnBird16PairsUp(String inside) throws IOException {
        assertSessionsPairUp(plan("pairs-" + inside, network(inside, "1.6")));
    }

    // ---- routing of a plan, from the views of each host's target ----

    private static Map<String, Routing> routing(NetworkPlan plan) {
        Map<String, Routing> out = new TreeMap<>();
        views(plan).forEach((host, views) -> out.put(host, routing(views)));
        return out;
    }

    /** Every host's views: one (BIRD 2) or one per daemon (BIRD 1.6), as Emitter renders them. */
    private static Map<String, List<BirdView>> views(NetworkPlan plan) {
        Set<String> bird16 = new TreeSet<>();
        plan.gateways().stream().filter(g -> g.routing() == RoutingSuite.BIRD16).forEach(g -> bird16.add(g.name()));
        plan.routers().stream().filter(r -> r.routing() == RoutingSuite.BIRD16).forEach(r -> bird16.add(r.name()));
        Map<String, List<BirdView>> out = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            out.put(g.name(), g.routing() == RoutingSuite.BIRD16
                    ? Bird16Views.gateway(plan.network(), g).stream().map(Bird16Views.Config::view).toList()
                    : List.of(BirdViews.gateway(plan.network(), g, bird16)));
        }
        for (RouterPlan r : plan.routers()) {
            out.put(r.name(), r.routing() == RoutingSuite.BIRD16
                    ? Bird16Views.router(plan.network(), r).stream().map(Bird16Views.Config::view).toList()
                    : List.of(BirdViews.router(plan.network(), r, bird16)));
        }
        return out;
    }

    private static Routing routing(List<BirdView> views) {
        Set<String> routes = new TreeSet<>();
        Set<String> kernels = new TreeSet<>();
        Set<String> ospf = new TreeSet<>();
        Set<String> direct = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        for (BirdView v : views) {
            ids.add(v.routerId());
            for (Session s : v.sessions()) {
                for (Channel c : s.channels()) {
                    // The next hop this end announces: its address of the family on the link.
                    String nextHop = c.nextHopAddress() != null ? c.nextHopAddress() : s.local();
                    boolean bfd = v.timers().bfd() && (s.iface() != null ? v.bfdInterfaces().contains(s.iface())
                            : v.bfdInterfaces().stream().anyMatch(i -> v.sessions().stream().noneMatch(o -> i.equals(o.iface()))));
                    routes.add(new Route(s.peer(), c.family(), nextHop, s.localAs(), s.neighborAs(),
                            prefixes(v, c.importRule()), prefixes(v, c.exportRule()), bfd, c.nextHopSelf(),
                            s.rrClient(), s.iface()).toString());
                }
            }
            v.kernels().forEach(k -> kernels.add(k.family() + " " + k.exportRule()));
            v.ospf().forEach(o -> ospf.add(o.family() + " " + o.iface() + " import " + prefixes(v, o.importRule())
                    + " export " + prefixes(v, o.exportRule())
                    + " bfd " + (v.timers().bfd() && v.bfdInterfaces().contains(o.iface()))));
            if (v.direct() != null) {
                v.direct().families().forEach(f -> direct.add(f + " " + v.direct().interfaces()));
            }
        }
        return new Routing(routes, kernels, ospf, direct, ids);
    }

    /** What a rule lets through: {@code all}, or the route source and the prefixes of its filter's sets. */
    private static String prefixes(BirdView v, String rule) {
        if (rule.equals("all")) {
            return "all";
        }
        assertTrue(rule.startsWith("filter "), rule);
        String name = rule.substring("filter ".length());
        BirdView.Filter f = v.filters().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Set<String> members = new TreeSet<>();
        for (String set : f.sets()) {
            members.addAll(v.prefixSets().stream().filter(p -> p.name().equals(set)).findFirst().orElseThrow().members());
        }
        for (String set : f.except()) {
            members.removeAll(v.prefixSets().stream().filter(p -> p.name().equals(set)).findFirst().orElseThrow().members());
        }
        return (f.source() == null ? "" : f.source() + " ") + members;
    }

    // ---- both ends of every session ----

    /** One end of a session: transport addresses and the families it carries. */
    record End(String host, String peer, String local, String neighbor, long localAs, long neighborAs,
               Set<String> families, String iface) {
    }

    private static void assertSessionsPairUp(NetworkPlan plan) {
        List<End> ends = new ArrayList<>();
        views(plan).forEach((host, views) -> {
            for (BirdView v : views) {
                for (Session s : v.sessions()) {
                    ends.add(new End(host, s.peer(), s.local(), s.neighbor(), s.localAs(), s.neighborAs(),
                            s.channels().stream().map(Channel::family).collect(Collectors.toCollection(TreeSet::new)),
                            s.iface()));
                }
            }
        });
        assertFalse(ends.isEmpty());
        for (End e : ends) {
            List<End> other = ends.stream().filter(o -> o.host().equals(e.peer()) && o.peer().equals(e.host())
                    && o.local().equals(e.neighbor()) && o.neighbor().equals(e.local())).toList();
            assertEquals(1, other.size(), "the other end of " + e + ": " + other);
            End o = other.get(0);
            assertEquals(e.families(), o.families(), "families of " + e);
            assertEquals(e.localAs(), o.neighborAs(), "AS of " + e);
            assertEquals(e.neighborAs(), o.localAs(), "AS of " + e);
            assertEquals(e.iface() == null, o.iface() == null, "interface binding of " + e);
        }
    }
}
