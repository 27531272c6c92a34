package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.resolve.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which batches of rotations leave every pair of linked sites a tunnel, and the batches --all makes. */
class RotationSafetyTest {
    @TempDir
    Path tmp;

    /** Sites a and b with two gateways, c with one; a full mesh. */
    private RotationSafety safety() throws IOException {
        Path source = tmp.resolve("net.vpn");
        Files.writeString(source, """
                profile edge {
                  uplink eth0
                  lan eth1
                }
                network corp {
                  tunnels ipv6 2001:db8:ff::/64
                }
                site a {
                  asn 65001
                  prefixes 2001:db8:a1::/64
                  subnet 2001:db8:f1::/64
                  gateway a-1 uses edge { endpoint 2001:db8:1::1 }
                  gateway a-2 uses edge { endpoint 2001:db8:1::2 }
                }
                site b {
                  asn 65002
                  prefixes 2001:db8:a2::/64
                  subnet 2001:db8:f2::/64
                  gateway b-1 uses edge { endpoint 2001:db8:2::1 }
                  gateway b-2 uses edge { endpoint 2001:db8:2::2 }
                }
                site c {
                  asn 65003
                  prefixes 2001:db8:a3::/64
                  subnet 2001:db8:f3::/64
                  gateway c-1 uses edge { endpoint 2001:db8:3::1 }
                }
                """);
        Pipeline.Result r = Pipeline.planOnly(source, tmp.resolve("secrets"), tmp.resolve("vpnc.lock"), List.of());
        Model model = r.model();
        return new RotationSafety(model, Topology.tunnels(model));
    }

    private static List<Rotated> keys(String... hosts) {
        return java.util.Arrays.stream(hosts).map(Rotated::key).toList();
    }

    @Test
    void aGatewayDrainsItsTunnelsAPresharedKeyOnlyItsOwn() throws IOException {
        RotationSafety s = safety();
        assertEquals(3, s.drains(Rotated.key("a-1")).size());
        assertEquals(List.of(new GatewayPair("a-1", "b-1")), s.drains(Rotated.psk(new GatewayPair("a-1", "b-1"))));
    }

    @Test
    void bothGatewaysOfASiteAtOnceCutItAvoidably() throws IOException {
        RotationSafety s = safety();
        assertTrue(s.safe(keys("a-1", "b-1")));
        assertFalse(s.safe(keys("a-1", "a-2")));
        List<RotationSafety.Cut> cuts = s.cuts(keys("a-1", "a-2"));
        assertEquals(List.of(new RotationSafety.SitePair("a", "b"), new RotationSafety.SitePair("a", "c")),
                cuts.stream().map(RotationSafety.Cut::sites).toList());
        assertNull(cuts.get(0).alone());
    }

    @Test
    void aSingleGatewayCutsItsSiteByDesignAndIsAllowed() throws IOException {
        RotationSafety s = safety();
        List<RotationSafety.Cut> cuts = s.cuts(keys("c-1"));
        assertEquals(2, cuts.size());
        assertEquals(Rotated.key("c-1"), cuts.get(0).alone());
        assertTrue(s.safe(keys("a-1", "b-1", "c-1")));
    }

    @Test
    void batchesTakeOneGatewayPerSiteInNameOrder() throws IOException {
        RotationSafety s = safety();
        assertEquals(List.of(keys("a-1", "b-1", "c-1"), keys("a-2", "b-2")), s.batches(keys("a-1", "a-2", "b-1", "b-2", "c-1")));
        // The batches of what waits are the later batches: the lock records only what waits.
        assertEquals(List.of(keys("a-2", "b-2")), s.batches(keys("a-2", "b-2")));
        List<Rotated> psks = List.of(
                Rotated.psk(new GatewayPair("a-1", "b-1")), Rotated.psk(new GatewayPair("a-1", "b-2")),
                Rotated.psk(new GatewayPair("a-2", "b-1")), Rotated.psk(new GatewayPair("a-2", "b-2")));
        assertEquals(2, s.batches(psks).size(), "three of the four tunnels between a and b, then the fourth");
    }
}
