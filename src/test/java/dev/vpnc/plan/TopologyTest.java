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
import org.junit.jupiter.api.Test;

/** Which gateways get a tunnel: full mesh by default, or only between linked sites. */
class TopologyTest {
    private static final String SITES = """
            profile edge { uplink eth0  lan eth1 }
            site a { prefixes 2001:db8:a::/48  subnet 2001:db8:a:ff::/64
              gateway a1 uses edge { endpoint 2001:db8:1::1 }  gateway a2 uses edge { endpoint 2001:db8:1::2 } }
            site b { prefixes 2001:db8:b::/48  subnet 2001:db8:b:ff::/64
              gateway b1 uses edge { endpoint 2001:db8:2::1 }  gateway b2 uses edge { endpoint 2001:db8:2::2 } }
            site c { prefixes 2001:db8:c::/48  subnet 2001:db8:c:ff::/64
              gateway c1 uses edge { endpoint 2001:db8:3::1 }  gateway c2 uses edge { endpoint 2001:db8:3::2 } }
            """;

    private static List<String> tunnels(String network) {
        Diagnostics d = new Diagnostics();
        List<dev.vpnc.ast.FileAst> files = Loader.load(new SourceFile("t.vpn", network + SITES), Path.of("."), d);
        Model m = Resolver.resolve(files, d);
        assertFalse(d.hasErrors(), Renderer.render(d.sorted()));
        return Topology.tunnels(m).stream().map(Topology.Pair::key).toList();
    }

    @Test
    void fullMeshJoinsEveryGatewayToEveryGatewayOfEveryOtherSite() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64 }\n");
        assertEquals(12, t.size(), "3 sites x 2 gateways: 12 tunnels");
        assertFalse(t.contains("a1 a2"), "no tunnel inside a site");
    }

    @Test
    void explicitMeshJoinsOnlyLinkedSites() {
        List<String> t = tunnels("network n { tunnels ipv6 2001:db8:ff::/64\n mesh { a <-> b\n c <-> a } }\n");
        assertEquals(List.of("a1 b1", "a1 b2", "a1 c1", "a1 c2", "a2 b1", "a2 b2", "a2 c1", "a2 c2"), t);
    }
}
