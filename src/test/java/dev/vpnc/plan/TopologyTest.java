package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Renderer;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.Model;
import dev.vpnc.resolve.Resolver;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which gateways get a tunnel: full mesh by default, hub-and-spoke, or links between sites or gateways. */
class TopologyTest {
    private static final String SITES = """
            profile edge { uplink eth0  lan eth1 }
            site a { prefixes 2001:db8:a::/48  subnet 2001:db8:a:ff::/64
              gateway a1 uses edge { endpoint 2001:db8:1::1 }  gateway a2 uses edge { endpoint 2001:db8:1::2 } }
            site b { prefixes 2001:db8:b::/48  subnet 2001:db8:b:ff::/64
              gateway b1 uses edge { endpoint 2001:db8:2::1 }  gateway b2 uses edge { endpoint 2001:db8:2::2 } }
            site c { prefixes 2001:db8:c::/48  subnet 2001:db8:c:ff::/64
              gateway c1 uses edge { endpoint 2001:db8:3::1 }  gateway c2 uses edge { endpoint 2001:db8:3::2 } }
            site d { prefixes 2001:db8:d::/48  subnet 2001:db8:d:ff::/64
              gateway d1 uses edge { endpoint 2001:db8:4::1 }  gateway d2 uses edge { endpoint 2001:db8:4::2 } }
            """;

    private static Model model(String network) {
        Diagnostics d = new Diagnostics();
        List<dev.vpnc.ast.FileAst> files = Loader.load(new SourceFile("t.vpn", network + SITES), Path.of("."), d);
        Model m = Resolver.resolve(files, d);
        assertFalse(d.hasErrors(), Renderer.render(d.sorted()));
        return m;
    }

    private static List<String> tunnels(String network) {
        Model m = model(network);
        List<GatewayPair> pairs = Topology.tunnels(m).stream().map(Topology.Pair::names).toList();
        // The count made without building the tunnels agrees with the tunnels built.
        Map<String, Long> counted = new TreeMap<>();
        pairs.forEach(p -> Stream.of(p.a(), p.b()).forEach(g -> counted.merge(g, 1L, Long::sum)));
        Map<String, Long> arithmetic = new TreeMap<>(Topology.tunnelsPerGateway(m));
        arithmetic.values().removeIf(v -> v == 0);
        assertEquals(counted, arithmetic, "tunnels per gateway");
        return pairs.stream().map(GatewayPair::toString).toList();
    }

    private static List<String> warnings(String network) {
        Model m = model(network);
        Diagnostics d = new Diagnostics();
        Redundancy.check(m, Topology.tunnels(m), d);
        return d.sorted().stream().map(x -> x.code().id() + " " + x.message()).toList();
    }

    @Test
    void fullMeshJoinsEveryGatewayToEveryGatewayOfEveryOtherSite() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64 }\n");
        assertEquals(24, t.size(), "4 sites x 2 gateways: 24 tunnels");
        assertFalse(t.contains("a1 a2"), "no tunnel inside a site");
    }

    @Test
    void explicitMeshJoinsOnlyLinkedSites() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64\n mesh { a <-> b\n c <-> a } }\n");
        assertEquals(List.of("a1 b1", "a1 b2", "a1 c1", "a1 c2", "a2 b1", "a2 b2", "a2 c1", "a2 c2"), t);
    }

    @Test
    void hubAndSpokeJoinsSpokesToEveryHubGatewayAndHubsToEachOther() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64\n mesh hubs a, b }\n");
        assertEquals(4 + 2 * 2 * 4, t.size(), "hubs a-b: 4 tunnels; spokes c, d: 2 gateways x 4 hub gateways each");
        assertFalse(t.stream().anyMatch(k -> k.startsWith("c") && k.contains(" d")), "no tunnel between spokes");
        assertEquals(List.of(), warnings("network n { tunnels ipv6 2001:db8:ff::/64\n mesh hubs a, b }\n"));
    }

    @Test
    void linksMayNameGateways() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64\n mesh { a1 <-> b\n c1 <-> d1\n c2 <-> d2\n a <-> c\n a <-> d\n b <-> c\n b <-> d\n b1 <-> a } }\n");
        assertEquals(List.of("a1 b1", "a1 b2", "a1 c1", "a1 c2", "a1 d1", "a1 d2", "a2 b1", "a2 c1", "a2 c2", "a2 d1", "a2 d2",
                "b1 c1", "b1 c2", "b1 d1", "b1 d2", "b2 c1", "b2 c2", "b2 d1", "b2 d2", "c1 d1", "c2 d2"), t);
    }

    @Test
    void aGatewayThatAloneJoinsTwoSitesIsNamed() {
        String mesh = "network n { tunnels ipv6 2001:db8:ff::/64\n mesh { a1 <-> b\n a <-> c\n a <-> d\n b <-> c\n b <-> d\n c <-> d } }\n";
        assertEquals(List.of("W0320 if gateway `a1` fails, sites `a` and `b` are cut apart"), warnings(mesh));
        String redundant = mesh.replace("a1 <-> b", "a1 <-> b1\n a2 <-> b2");
        assertEquals(List.of(), warnings(redundant), "two links through different gateways");
    }
}
