package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.netns.NetnsLab;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook of {@link AnsibleDeployTest} run for real on emulated hosts. It runs networks
 * (namespaces, wireguard-go, BIRD), so it is in {@code dev.vpnc.NetworkSuite}, one after the
 * other with the labs, and left out of Surefire's own scan (pom.xml).
 */
class AnsibleOnEmulatedHostsTest {
    @TempDir
    static Path work;

    private static final List<String> LAB_TOOLS = List.of("ip", "wg", "wireguard-go", "bird", "birdc", "unshare",
            "nsenter", "timeout", "systemctl", "bash");

    /**
     * Two gateways of two sites, each an emulated host (see {@code NetnsLab}: its own network,
     * mount and PID namespaces, its uplinks joined by a veth pair), deployed by the real playbook
     * over a connection that runs each module inside its host, with the install root of each host
     * in the test's folder. Under such a root the playbook runs up.sh and reload.sh itself and
     * enables the units with systemctl --root. Checked: the first run brings both hosts up (BGP
     * session established over the tunnel) and installs and enables their units; a second run
     * reports changed=0 for both; a change in one host's bundle reloads that host only (its BIRD
     * reconfigured, the other's not); then that host loses power (everything in its namespaces
     * dies, its /run with it) and boots: the enabled units' commands, run as systemd runs them,
     * bring it back (tunnel, BIRD in its private namespace, the session with the other gateway);
     * and a last run finds nothing to do.
     */
    @Test
    @Timeout(900)
    void emulatedGatewaysAreDeployedReloadedAloneAndComeBackAfterAReboot() throws Exception {
        requireLab();
        Path pair = work.resolve("pair");
        Project.Run compiled = Project.compileExample(Project.root().resolve("src/test/resources/deploy/pair"), pair);
        assertEquals(0, compiled.exit(), compiled.err());
        Path pairOut = pair.resolve("out");
        String prefix = "vpnct" + String.format("%04x", new SecureRandom().nextInt(0x10000));
        Path scratch = Files.createDirectories(work.resolve(prefix));
        try (NetnsLab lab = new NetnsLab(prefix, scratch, 900)) {
            Map<String, Gateway> gws = new TreeMap<>();
            for (String[] g : new String[][] {{"a1", "2001:db8:1::1", "2001:db8:2::/64"}, {"b1", "2001:db8:2::1", "2001:db8:1::/64"}}) {
                gws.put(g[0], new Gateway(g[0], g[1], g[2], scratch.resolve("root-" + g[0])));
            }
            Gateway a1 = gws.get("a1");
            Gateway b1 = gws.get("b1");
            a1.host = lab.host("a1");
            b1.host = lab.host("b1");
            wire(lab, a1, b1);

            // 1. Both hosts installed and brought up.
            AnsibleDeployTest.Result first = deploy(pairOut, gws);
            assertEquals(0, first.exit(), first.all());
            for (Gateway g : gws.values()) {
                assertTrue(changed(first.out(), g.name) > 0, first.out());
                AnsibleDeployTest.assertUnitsInstalledAndEnabled(g.root, pairOut.resolve(g.name),
                        List.of("vpnc.service", "vpnc-bird.service", "vpnc-status.timer"));
            }
            awaitSession(a1, "bgp_b1");
            awaitSession(b1, "bgp_a1");

            // 2. Nothing new: nothing changes, on either host.
            AnsibleDeployTest.Result second = deploy(pairOut, gws);
            assertEquals(0, second.exit(), second.all());
            for (Gateway g : gws.values()) {
                assertEquals(0, changed(second.out(), g.name), second.out());
            }

            // 3. One host's bundle changes: that host only is reloaded.
            String a1Before = lastReconfiguration(a1);
            String b1Before = lastReconfiguration(b1);
            Path conf = pairOut.resolve("a1/bird.conf");
            Files.writeString(conf, Files.readString(conf) + "# a change in a1's bundle only\n");
            NetnsLab.sleep(1100); // BIRD's reconfiguration time has a resolution of a second or less
            AnsibleDeployTest.Result third = deploy(pairOut, gws);
            assertEquals(0, third.exit(), third.all());
            assertTrue(changed(third.out(), "a1") > 0, third.out());
            assertEquals(0, changed(third.out(), "b1"), third.out());
            assertTrue(third.out().matches("(?s).*RUNNING HANDLER \\[Apply the new bundle to the running host] \\**\\s+changed: \\[a1].*"),
                    third.out());
            assertFalse(third.out().contains("changed: [b1]"), third.out());
            assertEquals(Files.readString(conf), Files.readString(a1.root.resolve("etc/vpnc/bird.conf")));
            assertFalse(a1Before.equals(lastReconfiguration(a1)), "a1's BIRD was not reconfigured: " + a1Before);
            assertEquals(b1Before, lastReconfiguration(b1), "b1's BIRD was reconfigured");
            awaitSession(a1, "bgp_b1");

            // 4. a1 loses power; its disk (the install root) stays. It boots: the enabled units start it.
            lab.powerOff(a1.host);
            // The other end of the uplink goes with it (once the kernel has freed a1's namespace).
            b1.host.shOk("for _ in $(seq 100); do ip link show eth0 >/dev/null 2>&1 || exit 0; sleep 0.1; done; exit 1");
            a1.host = lab.host("a1");
            wire(lab, a1, b1);
            assertFalse(a1.host.sh(5, "test -e /run/netns/private").exit() == 0, "a1's /run survived its reboot");
            SystemdBoot.mountEtc(a1.host, a1.root);
            long t0 = System.nanoTime();
            List<String> boot = SystemdBoot.boot(a1.host, a1.root);
            System.out.println("[AnsibleOnEmulatedHostsTest] a1 booted in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                    + String.join("; ", boot));
            assertTrue(boot.get(0).startsWith("vpnc.service: /etc/vpnc/up.sh"), boot.toString());
            assertTrue(boot.stream().anyMatch(c -> c.startsWith("vpnc-bird.service: nsenter --net=/run/netns/private -- "
                    + "/usr/sbin/bird -f ")), boot.toString());
            String links = a1.host.shOk("ip -n private -br link");
            assertTrue(links.contains("wg-b1") && links.contains("eth1"), links);
            // BIRD is the unit's (in the foreground, no pid file), not one up.sh started.
            assertFalse(a1.host.sh(5, "test -e /run/vpnc/a1/bird.pid").exit() == 0, "up.sh started BIRD: " + boot);
            String birdNetns = a1.host.shOk("ip netns identify \"$(pgrep -x bird)\"").strip();
            assertEquals("private", birdNetns, "BIRD's network namespace");
            awaitSession(a1, "bgp_b1");
            awaitSession(b1, "bgp_a1");
            System.out.println("[AnsibleOnEmulatedHostsTest] a1's session with b1 established " + (System.nanoTime() - t0) / 1_000_000
                    + " ms after the boot began");
            String handshake = a1.host.shOk("ip netns exec private wg show wg-b1 latest-handshakes");
            assertFalse(handshake.strip().endsWith("\t0") || handshake.isBlank(), "no handshake since the reboot: " + handshake);

            // 5. The rebooted host is up as the playbook expects it: nothing to do anywhere.
            AnsibleDeployTest.Result last = deploy(pairOut, gws);
            assertEquals(0, last.exit(), last.all());
            for (Gateway g : gws.values()) {
                assertEquals(0, changed(last.out(), g.name), last.out());
            }
        }
    }

    /** An emulated gateway: its endpoint, the other site's uplink prefix, its install root, its host. */
    private static final class Gateway {
        final String name;
        final String endpoint;
        final String peerPrefix;
        final Path root;
        NetnsLab.Host host;

        Gateway(String name, String endpoint, String peerPrefix, Path root) {
            this.name = name;
            this.endpoint = endpoint;
            this.peerPrefix = peerPrefix;
            this.root = root;
        }
    }

    private static void requireLab() throws IOException {
        Tools.requireRootOnLinux();
        LAB_TOOLS.forEach(Tools::require);
    }

    /**
     * The uplinks (eth0, one veth pair between the two hosts, each endpoint in its own /64 routed
     * on the link) and a LAN interface (eth1, a veth pair inside each host).
     */
    private static void wire(NetnsLab lab, Gateway a, Gateway b) {
        lab.veth(a.host, "eth0", b.host, "eth0");
        for (Gateway g : List.of(a, b)) {
            g.host.shOk("set -e\n"
                    + "ip addr replace " + g.endpoint + "/64 dev eth0 nodad; ip link set eth0 up\n"
                    + "ip -6 route replace " + g.peerPrefix + " dev eth0\n"
                    // A host already up has its eth1 in its private namespace; lan0 stays.
                    + "if ! ip link show lan0 >/dev/null 2>&1; then\n"
                    + "  ip link add eth1 type veth peer name lan0; ip link set eth1 up; ip link set lan0 up\n"
                    + "fi");
        }
    }

    /**
     * One playbook run over both hosts: modules run inside each host (the local connection with a
     * Python that enters the host's namespaces), each host installed under its own root.
     */
    private static AnsibleDeployTest.Result deploy(Path pairOut, Map<String, Gateway> gws) throws Exception {
        StringBuilder inventory = new StringBuilder("all:\n  hosts:\n");
        for (Gateway g : gws.values()) {
            Path python = work.resolve("python-" + g.name);
            Files.writeString(python, "#!/bin/sh\nexec nsenter -t " + g.host.pid + " -m -n -p -- /usr/bin/python3 \"$@\"\n");
            Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
            inventory.append("    \"").append(g.name).append("\":\n")
                    .append("      ansible_connection: local\n")
                    .append("      ansible_python_interpreter: \"").append(python).append("\"\n")
                    .append("      vpnc_root: \"").append(g.root).append("\"\n");
        }
        Path lab = work.resolve("lab-inventory.yml");
        Files.writeString(lab, inventory.toString());
        return AnsibleDeployTest.ansibleIn(work, pairOut, "ansible-playbook", "-i", "inventory.yml", "-i", lab.toString(), "deploy.yml",
                "-e", "vpnc_become=false", "-e", "vpnc_keystore=" + pairOut.resolveSibling("secrets"));
    }

    /** The changed count of a host in the play recap. */
    private static int changed(String output, String host) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + "\\s+: ok=\\d+\\s+changed=(\\d+) ").matcher(output);
        assertTrue(m.find(), "no recap line for " + host + ":\n" + output);
        return Integer.parseInt(m.group(1));
    }

    private static String lastReconfiguration(Gateway g) {
        String status = g.host.shOk("birdc -s /run/vpnc/" + g.name + "/bird.ctl show status");
        return status.lines().filter(l -> l.startsWith("Last reconfiguration")).findFirst()
                .orElseThrow(() -> new AssertionError("no reconfiguration time in " + status));
    }

    /** Waits (30 s at most) for a BGP session of a host to be Established. */
    private static void awaitSession(Gateway g, String session) {
        String protocols = "";
        for (int i = 0; i < 150; i++) {
            protocols = g.host.sh(5, "birdc -s /run/vpnc/" + g.name + "/bird.ctl show protocols").out();
            if (protocols.lines().anyMatch(l -> l.startsWith(session + " ") && l.contains("Established"))) {
                return;
            }
            NetnsLab.sleep(200);
        }
        throw new AssertionError(session + " not Established on " + g.name + " within 30 s:\n" + protocols);
    }

}
