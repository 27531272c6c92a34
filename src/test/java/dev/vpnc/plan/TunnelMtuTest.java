package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each tunnel's MTU: its underlay family's (1420 over IPv6, 1440 over IPv4) unless a block sets
 * one, in the plan's tunnel ends and in the interface MTU that up.sh sets; W0318 judged per tunnel.
 */
class TunnelMtuTest {
    @TempDir
    Path tmp;

    /** Site a: a1 over IPv6, a2 over IPv4; site b likewise; site c: a DNS name. */
    private static String network(String underlay, String networkExtra, String a2Extra) {
        return """
                profile edge { uplink eth0  lan eth1 }
                network n {
                  tunnels ipv6 2001:db8:ff::/64
                  underlay %s
                %s}
                site a { prefixes 2001:db8:a::/48  subnet 2001:db8:a:ff::/64
                  gateway a1 uses edge { endpoint 2001:db8:1::1 }
                  gateway a2 uses edge { endpoint 192.0.2.2 %s} }
                site b { prefixes 2001:db8:b::/48  subnet 2001:db8:b:ff::/64
                  gateway b1 uses edge { endpoint 2001:db8:2::1 }
                  gateway b2 uses edge { endpoint 198.51.100.2 } }
                site c { prefixes 2001:db8:c::/48  subnet 2001:db8:c:ff::/64
                  gateway c1 uses edge { endpoint vpn.c.example.net }
                  gateway c2 uses edge { endpoint 203.0.113.2 } }
                """.formatted(underlay, networkExtra, a2Extra);
    }

    /** The IPv4-only network: every endpoint an IPv4 address, or a DNS name. */
    private static String ipv4Network(String networkExtra) {
        return network("ipv4", networkExtra, "").replace("2001:db8:1::1", "192.0.2.1").replace("2001:db8:2::1", "198.51.100.1");
    }

    private Pipeline.Result compile(String text) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "net");
        Files.writeString(dir.resolve("net.vpn"), text);
        Pipeline.Result r = Pipeline.run(dir.resolve("net.vpn"), dir.resolve("secrets"), dir.resolve("vpnc.lock"));
        assertFalse(r.diagnostics().hasErrors(), () -> Renderer.render(r.diagnostics().sorted()));
        return r;
    }

    /** "a1 b1" -> "1420 IPV6", from a1's end; both ends agree, and up.sh sets each interface's MTU. */
    private static Map<String, String> mtus(Pipeline.Result r) {
        Map<String, TunnelEnd> ends = new TreeMap<>();
        for (GatewayPlan g : r.plan().gateways()) {
            String upSh = r.files().get(g.name() + "/up.sh");
            for (TunnelEnd t : g.tunnels()) {
                ends.put(g.name() + " " + t.peerHost(), t);
                assertTrue(upSh.contains("link set dev " + t.ifname() + " mtu " + t.mtu() + " up"),
                        g.name() + "/up.sh sets the MTU of " + t.ifname() + " to " + t.mtu());
            }
        }
        Map<String, String> out = new TreeMap<>();
        ends.forEach((key, t) -> {
            String[] names = key.split(" ");
            TunnelEnd other = ends.get(names[1] + " " + names[0]);
            assertEquals(t.mtu(), other.mtu(), "both ends of " + key);
            assertEquals(t.underlay(), other.underlay(), "both ends of " + key);
            if (names[0].compareTo(names[1]) < 0) {
                out.put(key, t.mtu() + " " + t.underlay());
            }
        });
        return out;
    }

    private static List<String> w0318(Pipeline.Result r) {
        return r.diagnostics().sorted().stream().filter(d -> d.code() == Code.W0318)
                .map(d -> d.span().text() + ": " + d.label()).toList();
    }

    @Test
    void anIpv4OnlyUnderlayGives1440Everywhere() throws IOException {
        Map<String, String> mtus = mtus(compile(ipv4Network("")));
        assertEquals(12, mtus.size(), "3 site pairs, 4 tunnels each");
        mtus.forEach((tunnel, mtu) -> assertEquals("1440 IPV4", mtu, tunnel));
    }

    @Test
    void aDualUnderlayGives1440OnlyWhereBothEndpointsAreIpv4() throws IOException {
        Map<String, String> mtus = mtus(compile(network("ipv6, ipv4", "", "")));
        assertEquals("1420 IPV6", mtus.get("a1 b1"), "both IPv6");
        assertEquals("1440 IPV4", mtus.get("a2 b2"), "both IPv4");
        assertEquals("1440 IPV4", mtus.get("a2 c2"), "both IPv4");
        // One end is reached over IPv6 (an IPv6 endpoint, or a DNS name that may resolve to one):
        // its peer sends over IPv6, where 1440 would not fit.
        assertEquals("1420 IPV6", mtus.get("a1 b2"), "IPv6 and IPv4");
        assertEquals("1420 IPV6", mtus.get("a2 b1"), "IPv4 and IPv6");
        assertEquals("1420 IPV6", mtus.get("a2 c1"), "IPv4 and a DNS name");
        assertEquals(List.of(), w0318(compile(network("ipv6, ipv4", "", ""))), "the defaults fit");
    }

    @Test
    void aSetMtuAppliesToAllTheGatewaysTunnels() throws IOException {
        Map<String, String> network = mtus(compile(network("ipv6, ipv4", "  wireguard { mtu 1400 }\n", "")));
        network.forEach((tunnel, mtu) -> assertTrue(mtu.startsWith("1400 "), tunnel + ": " + mtu));
        assertEquals("1400 IPV4", network.get("a2 b2"), "the family stays, the MTU is the one set");

        Map<String, String> host = mtus(compile(network("ipv6, ipv4", "", "wireguard { mtu 1300 } ")));
        host.forEach((tunnel, mtu) -> assertEquals(tunnel.contains("a2"), mtu.startsWith("1300 "), tunnel + ": " + mtu));
        assertEquals("1300 IPV4", host.get("a2 b2"), "both ends take the smaller: the one a2 sets");
        assertEquals("1440 IPV4", host.get("b2 c2"));

        Map<String, String> ipv4 = mtus(compile(ipv4Network("  wireguard { mtu 1420 }\n")));
        ipv4.forEach((tunnel, mtu) -> assertEquals("1420 IPV4", mtu, tunnel));
    }

    @Test
    void aSetMtuIsJudgedAgainstEachTunnelsUnderlay() throws IOException {
        // 1430 fits IPv4 (1490), not IPv6 (1510): over a dual underlay some tunnels go over IPv6.
        assertEquals(List.of("1430: 1430 + 80 bytes of WireGuard over IPv6 = 1510"),
                w0318(compile(network("ipv6, ipv4", "  wireguard { mtu 1430 }\n", ""))));
        assertEquals(List.of(), w0318(compile(ipv4Network("  wireguard { mtu 1430 }\n"))));
        assertEquals(List.of("1460: 1460 + 60 bytes of WireGuard over IPv4 = 1520"),
                w0318(compile(ipv4Network("  wireguard { mtu 1460 }\n"))));
        // Set on a2 alone: its tunnels to IPv6 endpoints go over IPv6.
        List<String> host = w0318(compile(network("ipv6, ipv4", "", "wireguard { mtu 1430 } ")));
        assertEquals(List.of("1430: 1430 + 80 bytes of WireGuard over IPv6 = 1510"), host);
    }

    @Test
    void anMtuBelowIpv6sMinimumIsAnError() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "net");
        Files.writeString(dir.resolve("net.vpn"), network("ipv6, ipv4", "  wireguard { mtu 1279 }\n", ""));
        Pipeline.Result r = Pipeline.run(dir.resolve("net.vpn"), dir.resolve("secrets"), dir.resolve("vpnc.lock"));
        List<Diagnostic> errors = r.diagnostics().sorted().stream().filter(d -> d.code() == Code.E0204).toList();
        assertEquals(1, errors.size(), () -> Renderer.render(r.diagnostics().sorted()));
        assertTrue(errors.get(0).label().contains("IPv6 needs links of 1280 bytes or more"), errors.get(0).label());
    }
}
