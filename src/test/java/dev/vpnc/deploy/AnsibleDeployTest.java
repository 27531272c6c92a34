package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.netns.NetnsLab;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Ansible inventory and playbook, judged by Ansible itself: syntax check, the
 * inventory lists every host of the network, and a real run over a local connection installs one
 * gateway's bundle and secrets into a scratch root with the right modes (without running up.sh).
 */
class AnsibleDeployTest {
    @TempDir
    static Path work;
    static Path out;

    @BeforeAll
    static void compile() throws IOException {
        Tools.require("ansible-playbook");
        Tools.require("ansible-inventory");
        Project.Run r = Project.compileExample(Project.root().resolve("examples/reference"), work);
        assertEquals(0, r.exit(), r.err());
        out = work.resolve("out");
    }

    @Test
    void playbookPassesTheSyntaxCheck() throws Exception {
        Result r = ansible("ansible-playbook", "--syntax-check", "-i", "inventory.yml", "deploy.yml");
        assertEquals(0, r.exit(), r.all());
    }

    @Test
    void inventoryListsEveryHostInItsGroup() throws Exception {
        Result r = ansible("ansible-inventory", "-i", "inventory.yml", "--list");
        assertEquals(0, r.exit(), r.all());
        JsonObject inv = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject hostvars = inv.getAsJsonObject("_meta").getAsJsonObject("hostvars");
        TreeSet<String> bundles = new TreeSet<>();
        TreeSet<String> gateways = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.toList()) {
                if (Files.exists(d.resolve("up.sh"))) {
                    bundles.add(d.getFileName().toString());
                    if (Files.isDirectory(d.resolve("wireguard"))) {
                        gateways.add(d.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(9, bundles.size());
        assertEquals(bundles, new TreeSet<>(hostvars.keySet()));
        TreeSet<String> inGroup = new TreeSet<>();
        inv.getAsJsonObject("vpnc_gateways").getAsJsonArray("hosts").forEach(h -> inGroup.add(h.getAsString()));
        assertEquals(gateways, inGroup);
        // Each host's units are its bundle's, vpnc.service first.
        for (String host : bundles) {
            List<String> units = new ArrayList<>();
            hostvars.getAsJsonObject(host).getAsJsonArray("vpnc_units").forEach(u -> units.add(u.getAsString()));
            assertEquals("vpnc.service", units.get(0), host);
            assertEquals(relativeFiles(out.resolve(host).resolve("systemd")), units.stream().sorted().toList(), host);
        }
        // A gateway is reached at its endpoint; a router's address is left to the operator.
        assertEquals("2001:db8:1::1", hostvars.getAsJsonObject("v1-1").get("ansible_host").getAsString());
        assertFalse(hostvars.getAsJsonObject("r1").has("ansible_host"));
    }

    @Test
    void localRunInstallsBundleAndSecretsWithTheirModes() throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root);
        Path keys = work.resolve("secrets");
        Result r = ansible("ansible-playbook", "-i", "inventory.yml", "deploy.yml", "-c", "local", "--limit", "v1-1",
                "-e", "vpnc_root=" + root, "-e", "vpnc_apply=false", "-e", "vpnc_become=false",
                "-e", "vpnc_keystore=" + keys);
        assertEquals(0, r.exit(), r.all());
        String privateKey = Files.readString(keys.resolve("v1-1/private.key")).strip();
        assertFalse(r.all().contains(privateKey), "the private key is in Ansible's output");

        Path installed = root.resolve("etc/vpnc");
        List<String> bundleFiles = relativeFiles(out.resolve("v1-1"));
        assertTrue(bundleFiles.contains("reload.sh") && bundleFiles.contains("wireguard/wg-v2-1.conf"), bundleFiles.toString());
        for (String f : bundleFiles) {
            Path p = installed.resolve(f);
            assertTrue(Files.isRegularFile(p), "not installed: " + f);
            assertEquals(Files.readString(out.resolve("v1-1").resolve(f)), Files.readString(p), f);
            assertEquals(f.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--", mode(p), f);
        }
        assertEquals("rwx------", mode(installed.resolve("secrets")));
        assertEquals("rw-------", mode(installed.resolve("secrets/private.key")));
        assertEquals(privateKey, Files.readString(installed.resolve("secrets/private.key")).strip());
        // Only the host's own secrets.
        assertEquals(relativeFiles(keys.resolve("v1-1")), relativeFiles(installed.resolve("secrets")));
        assertUnitsInstalledAndEnabled(root, out.resolve("v1-1"), List.of("vpnc.service", "vpnc-bird.service"));

        // A second run changes nothing.
        Result again = ansible("ansible-playbook", "-i", "inventory.yml", "deploy.yml", "-c", "local", "--limit", "v1-1",
                "-e", "vpnc_root=" + root, "-e", "vpnc_apply=false", "-e", "vpnc_become=false",
                "-e", "vpnc_keystore=" + keys);
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().matches("(?s).*v1-1\\s+: ok=\\d+\\s+changed=0 .*"), again.out());
    }

    /**
     * The host's units in the root's /etc/systemd/system, byte-identical with its bundle's and
     * 0644, each enabled: a link in multi-user.target.wants to /etc/systemd/system/UNIT (absolute
     * on the host, as systemctl --root makes it).
     */
    private static void assertUnitsInstalledAndEnabled(Path root, Path bundle, List<String> units) throws IOException {
        assertEquals(units.stream().sorted().toList(), relativeFiles(bundle.resolve("systemd")));
        Path unitDir = root.resolve("etc/systemd/system");
        for (String unit : units) {
            Path installed = unitDir.resolve(unit);
            assertEquals(Files.readString(bundle.resolve("systemd").resolve(unit)), Files.readString(installed), unit);
            assertEquals("rw-r--r--", mode(installed), unit);
            Path link = unitDir.resolve("multi-user.target.wants").resolve(unit);
            assertTrue(Files.isSymbolicLink(link), "not enabled: " + unit);
            assertEquals(Path.of("/etc/systemd/system", unit), Files.readSymbolicLink(link), unit);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Two emulated gateways deployed for real: up, nothing new, one bundle changed, a reboot

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
            Result first = deploy(pairOut, gws);
            assertEquals(0, first.exit(), first.all());
            for (Gateway g : gws.values()) {
                assertTrue(changed(first.out(), g.name) > 0, first.out());
                assertUnitsInstalledAndEnabled(g.root, pairOut.resolve(g.name), List.of("vpnc.service", "vpnc-bird.service"));
            }
            awaitSession(a1, "bgp_b1");
            awaitSession(b1, "bgp_a1");

            // 2. Nothing new: nothing changes, on either host.
            Result second = deploy(pairOut, gws);
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
            Result third = deploy(pairOut, gws);
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
            System.out.println("[AnsibleDeployTest] a1 booted in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
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
            System.out.println("[AnsibleDeployTest] a1's session with b1 established " + (System.nanoTime() - t0) / 1_000_000
                    + " ms after the boot began");
            String handshake = a1.host.shOk("ip netns exec private wg show wg-b1 latest-handshakes");
            assertFalse(handshake.strip().endsWith("\t0") || handshake.isBlank(), "no handshake since the reboot: " + handshake);

            // 5. The rebooted host is up as the playbook expects it: nothing to do anywhere.
            Result last = deploy(pairOut, gws);
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
        boolean ci = "true".equals(System.getenv("CI"));
        String why = null;
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            why = "not Linux";
        } else if (!Files.readString(Path.of("/proc/self/status")).matches("(?s).*\\nUid:\\s+\\d+\\s+0\\s.*")) {
            why = "not root";
        }
        if (why != null) {
            if (ci) {
                Assertions.fail(why + " (required in CI)");
            }
            Assumptions.abort(why);
        }
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
    private static Result deploy(Path pairOut, Map<String, Gateway> gws) throws Exception {
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
        return ansibleIn(pairOut, "ansible-playbook", "-i", "inventory.yml", "-i", lab.toString(), "deploy.yml",
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

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    files.add(dir.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        return files;
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    /** Runs an Ansible command in the generated ansible/ folder, its temporary files kept in the test's folder. */
    private static Result ansible(String... command) throws Exception {
        return ansibleIn(out, command);
    }

    /** Runs an Ansible command in the ansible/ folder of an output tree. */
    private static Result ansibleIn(Path outputDir, String... command) throws Exception {
        Path tmp = Files.createDirectories(work.resolve("ansible-tmp"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(outputDir.resolve("ansible").toFile());
        Map<String, String> env = pb.environment();
        env.put("ANSIBLE_LOCAL_TEMP", tmp.resolve("local").toString());
        env.put("ANSIBLE_REMOTE_TEMP", tmp.resolve("remote").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), stdout, Files.readString(err));
    }
}
