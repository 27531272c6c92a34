package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.resolve.InsideMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmitterTest {
    static Stream<NetworkPlan> variants() {
        return Stream.of(ReferencePlanFixture.plan(), ReferencePlanFixture.plan(InsideMode.OSPF, true),
                ReferencePlanFixture.plan(InsideMode.BGP, false), ReferencePlanFixture.plan(InsideMode.OSPF, false, false));
    }

    @Test
    void thePreloadListHoldsEveryTemplate() throws IOException {
        Path root = Path.of("templates");
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, new TreeSet<>(Emitter.TEMPLATES));
        Emitter.preloadTemplates();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void renderingTwiceGivesIdenticalFiles(NetworkPlan plan) {
        assertEquals(Emitter.render(plan), Emitter.render(plan));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void noSecretTimestampOrMachinePathInTheOutput(NetworkPlan plan) {
        for (Map.Entry<String, String> f : Emitter.render(plan).entrySet()) {
            String content = f.getValue();
            ReferencePlanFixture.PRIVATE_KEYS.values().forEach(k -> assertFalse(content.contains(k), f.getKey()));
            assertFalse(content.matches("(?s)(.*\n)?\\s*(PrivateKey|PresharedKey)\\s*=.*"), f.getKey());
            assertFalse(content.matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d.*"), "date in " + f.getKey());
            assertFalse(content.contains(System.getProperty("user.dir")), f.getKey());
            assertFalse(content.contains(System.getProperty("java.io.tmpdir") + "/"), f.getKey());
            assertTrue(content.endsWith("\n") && !content.endsWith("\n\n"), "one final newline: " + f.getKey());
        }
    }

    @Test
    void everyHostGetsItsBundle() {
        SortedMap<String, String> files = Emitter.render(ReferencePlanFixture.plan());
        List<String> v11 = files.keySet().stream().filter(p -> p.startsWith("v1-1/")).toList();
        assertEquals(List.of("v1-1/README.md", "v1-1/bird.conf", "v1-1/down.sh", "v1-1/firewall/private.nft",
                "v1-1/firewall/public.nft", "v1-1/reload.sh", "v1-1/status.sh", "v1-1/systemd/vpnc-bird.service",
                "v1-1/systemd/vpnc-status.service", "v1-1/systemd/vpnc-status.timer", "v1-1/systemd/vpnc.service", "v1-1/up.sh", "v1-1/wireguard/wg-v2-1.conf",
                "v1-1/wireguard/wg-v2-2.conf", "v1-1/wireguard/wg-v3-1.conf", "v1-1/wireguard/wg-v3-2.conf"), v11);
        assertEquals(List.of("r1/README.md", "r1/bird.conf", "r1/down.sh", "r1/reload.sh", "r1/status.sh", "r1/systemd/vpnc-bird.service",
                "r1/systemd/vpnc-status.service", "r1/systemd/vpnc-status.timer", "r1/systemd/vpnc.service", "r1/up.sh"),
                files.keySet().stream().filter(p -> p.startsWith("r1/")).toList());
        assertEquals(6 * 16 + 3 * 10 + 2 + 3, files.size()); // + topology.svg, index.html and ansible/ at the root
        assertTrue(files.containsKey("ansible/inventory.yml") && files.containsKey("ansible/deploy.yml")
                && files.containsKey("ansible/status.yml"));
        assertTrue(Emitter.isExecutable("v1-1/up.sh"));
        assertFalse(Emitter.isExecutable("v1-1/bird.conf"));
        files.keySet().stream().filter(Emitter::isExecutable)
                .forEach(p -> assertTrue(files.get(p).startsWith("#!/usr/bin/env bash\n"), p));
    }

    @Test
    void ipv6EndpointsAreBracketedAndBothEndsOfEveryTunnelAgree() {
        SortedMap<String, String> files = Emitter.render(ReferencePlanFixture.plan());
        Pattern endpoint = Pattern.compile("(?m)^Endpoint = (.*):(\\d+)$");
        Pattern listen = Pattern.compile("(?m)^ListenPort = (\\d+)$");
        Map<String, String> listenPorts = new HashMap<>();
        Map<String, String> connectPorts = new HashMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getKey().contains("/wireguard/")) {
                continue;
            }
            String host = f.getKey().substring(0, f.getKey().indexOf('/'));
            String peer = f.getKey().replaceAll(".*/wg-(.*)\\.conf", "$1");
            Matcher e = endpoint.matcher(f.getValue());
            assertTrue(e.find(), f.getKey());
            String address = e.group(1);
            assertTrue(!address.contains(":") || address.startsWith("[") && address.endsWith("]"), address);
            Matcher l = listen.matcher(f.getValue());
            assertTrue(l.find(), f.getKey());
            listenPorts.put(host + ">" + peer, l.group(1));
            connectPorts.put(host + ">" + peer, e.group(2));
            assertTrue(f.getValue().contains("AllowedIPs = 0.0.0.0/0, ::/0\n"), f.getKey());
        }
        assertEquals(24, listenPorts.size());
        connectPorts.forEach((pair, port) -> {
            String[] ends = pair.split(">");
            assertEquals(listenPorts.get(ends[1] + ">" + ends[0]), port, pair);
        });
    }

    @Test
    void tunnelsCarryOnlyOwnPrefixesOutAndPeerPrefixesIn() {
        String bird = Emitter.render(ReferencePlanFixture.plan()).get("v1-1/bird.conf");
        assertTrue(bird.contains("filter to_tunnels_v6 {\n  if net ~ SITE_SITE1_V6 then accept;\n  reject;\n}"), bird);
        assertTrue(bird.contains("filter from_site2_v6 {\n  if net ~ SITE_SITE2_V6 then accept;\n  reject;\n}"), bird);
        assertTrue(bird.contains("define SITE_SITE2_V4 = [ 10.0.2.0/24+ ];"), bird);
        assertTrue(bird.contains("""
                protocol bgp bgp_v2_1 {
                  description "tunnel wg-v2-1 to v2-1 (site site2)";
                  local 2001:db8:ff::0 as 65001;
                  neighbor 2001:db8:ff::1 as 65002;
                  interface "wg-v2-1";
                """), bird);
        assertTrue(bird.contains("import filter from_site2_v4;\n    export filter to_tunnels_v4;\n"
                + "    # IPv4 over the IPv6 session: announce our IPv4 address on the shared link as next hop.\n"
                + "    next hop address 10.255.255.0;"), bird);
        assertTrue(bird.contains("preference 160;"));
        assertTrue(bird.contains("merge paths on;"));
        assertTrue(bird.contains("rr client;"));
        assertTrue(bird.contains("bfd on;"));
        assertTrue(bird.contains("protocol bfd {"));
    }

    @Test
    void ospfVariantRunsOspfInsideWithMergedExternals() {
        SortedMap<String, String> files = Emitter.render(ReferencePlanFixture.plan(InsideMode.OSPF, true));
        String gw = files.get("v1-1/bird.conf");
        assertTrue(gw.contains("protocol ospf v3 ospf_v6 {"), gw);
        assertTrue(gw.contains("protocol ospf v2 ospf_v4 {"), gw);
        assertTrue(gw.contains("if source = RTS_BGP && (net ~ SITE_SITE2_V6 || net ~ SITE_SITE3_V6) then accept;"), gw);
        assertFalse(gw.contains("ibgp_"), gw);
        String router = files.get("r1/bird.conf");
        assertTrue(router.contains("merge external yes;"), router);
        assertTrue(router.contains("ecmp yes;"), router);
        assertFalse(router.contains("protocol bgp"), router);
    }

    @Test
    void withoutBfdNoBfdAnywhere() {
        Emitter.render(ReferencePlanFixture.plan(InsideMode.BGP, false)).forEach((path, content) -> {
            if (path.endsWith("bird.conf")) {
                assertFalse(content.contains("bfd"), path);
            }
        });
    }

    @Test
    void ipv6OnlyHasNoIpv4Anything() {
        Emitter.render(ReferencePlanFixture.plan(InsideMode.BGP, true, false)).forEach((path, content) -> {
            if (path.endsWith("bird.conf") || path.endsWith(".sh")) {
                // IPv4 forwarding stays on: harmless, and the host may route IPv4 for other reasons.
                assertFalse(content.replace("net.ipv4.ip_forward=1", "").contains("ipv4"), path);
                assertFalse(content.matches("(?s).*\\b10\\.\\d+\\.\\d+\\.\\d+/.*"), path);
            }
        });
    }

    @Test
    void gatewayScriptsUseTheNamespaceAndTheSecretsFolder() {
        SortedMap<String, String> files = Emitter.render(ReferencePlanFixture.plan());
        String up = files.get("v1-1/up.sh");
        assertTrue(up.contains("secrets=${VPNC_SECRETS:-/etc/vpnc/secrets}"), up);
        assertTrue(up.contains("WG_USERSPACE=${VPNC_WG_USERSPACE:-wireguard-go}"), up);
        assertTrue(up.contains("\nup_tunnel \"wg-v2-1\" \"psk/wg-v2-1.psk\" &\n"), up);
        assertTrue(up.contains("\naddr replace 2001:db8:ff::0/127 dev wg-v2-1\n"), up);
        assertTrue(up.contains("\naddr replace 10.255.255.0/31 dev wg-v2-1\n"), up);
        String unit = files.get("v1-1/systemd/vpnc-bird.service");
        // BIRD joins the private namespace through systemd, not ip netns exec (no CAP_SYS_ADMIN).
        assertTrue(unit.contains("\nNetworkNamespacePath=/run/netns/private\n"), unit);
        assertTrue(unit.contains("\nExecStartPre=/usr/sbin/bird -p -c /etc/vpnc/bird.conf\n"), unit);
        assertTrue(unit.contains("\nExecStart=/usr/sbin/bird -f -c /etc/vpnc/bird.conf -s /run/vpnc/v1-1/bird.ctl\n"), unit);
        assertFalse(unit.contains("netns exec"), unit);
        String routerUnit = files.get("r1/systemd/vpnc-bird.service");
        assertTrue(routerUnit.contains("ExecStart=/usr/sbin/bird -f"), routerUnit);
        assertFalse(routerUnit.contains("NetworkNamespacePath"), routerUnit);
    }

    @Test
    void unsafeNamesAreRefusedRatherThanPrintedIntoScripts() {
        NetworkPlan plan = ReferencePlanFixture.plan();
        var gw = plan.gateways().get(0);
        var bad = new dev.vpnc.plan.GatewayPlan("v1-1$(reboot)", gw.site(), gw.asn(), gw.routerId(), gw.namespace(),
                gw.uplink(), gw.lanInterfaces(), gw.lan(), gw.publicKey(), gw.inside(), gw.timers(),
                gw.sitePrefixes6(), gw.sitePrefixes4(), gw.ipv4(), gw.tunnels(), gw.neighbors(), gw.endpoint());
        NetworkPlan broken = new NetworkPlan(plan.network(), List.of(bad), List.of());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Emitter.render(broken));
    }
}
