package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference network's units under a real systemd: scripts/units-under-systemd.sh boots the
 * machine's own systemd as PID 1 of new namespaces over an overlay of the machine, installs one
 * host's bundle there (as docs/output.md says, or with the generated playbook), and checks every
 * unit active with its sandbox, reload, a killed BIRD restarted, stop and start, and a power cut
 * followed by a boot that brings the host back. A gateway installed by hand, another by Ansible,
 * a router, a gateway of the BIRD 1.6 target, and one of a site with a health probe; on FRR
 * (vpnc-frr.service), a gateway, a router and a probed gateway, where the script also checks the
 * daemons in the gateway's namespace, frr-reload.py through the unit's reload, a killed bgpd and
 * vtysh reached from vpnc.service, the probe and the status units. Runs a systemd per host, so it
 * is in {@code dev.vpnc.NetworkSuite}.
 */
class UnitsUnderSystemdTest {
    @TempDir
    static Path work;

    private static Path out;
    private static Path out16;
    private static Path keys;
    private static Path probed;
    private static Path probedKeys;
    private static Path frr;
    private static Path frrKeys;
    private static Path frrProbed;
    private static Path frrProbedKeys;

    @BeforeAll
    static void compileTheReference() throws IOException {
        Tools.requireRootOnLinux();
        Tools.requireThat(Files.isExecutable(Path.of("/lib/systemd/systemd")), "no /lib/systemd/systemd (Debian's systemd package)");
        for (String tool : List.of("unshare", "nsenter", "ip", "bird", "birdc", "wg", "wireguard-go", "nft", "ansible-playbook")) {
            Tools.require(tool);
        }
        Path ref = work.resolve("reference");
        Project.Run compiled = Project.compileExample(Project.root().resolve("examples/reference"), ref);
        assertEquals(0, compiled.exit(), compiled.err());
        out = ref.resolve("out");
        keys = ref.resolve("secrets");
        // The BIRD 1.6 target: the reference with v1-2 on it (as Bird16GoldenTest does with v1-1).
        Path legacy = work.resolve("reference-bird16");
        Project.copyTree(Project.root().resolve("examples/reference"), legacy);
        Path source = legacy.resolve("net.vpn");
        String text = Files.readString(source);
        String v12 = "gateway v1-2 uses edge { endpoint 2001:db8:1::2 }";
        assertTrue(text.contains(v12), "the reference declares v1-2 on one line");
        Files.writeString(source, text.replace(v12, "gateway v1-2 uses edge {\n    endpoint 2001:db8:1::2\n    bird 1.6\n  }"));
        Project.Run legacyCompiled = Project.cli("compile", source.toString(), "-o", legacy.resolve("out").toString());
        assertEquals(0, legacyCompiled.exit(), legacyCompiled.err());
        out16 = legacy.resolve("out");
        Path probe = work.resolve("probe");
        Project.Run probeCompiled = Project.compileExample(Project.root().resolve("examples/probe"), probe);
        assertEquals(0, probeCompiled.exit(), probeCompiled.err());
        probed = probe.resolve("out");
        probedKeys = probe.resolve("secrets");
        Path frrExample = work.resolve("frr");
        Project.Run frrCompiled = Project.compileExample(Project.root().resolve("examples/frr"), frrExample);
        assertEquals(0, frrCompiled.exit(), frrCompiled.err());
        frr = frrExample.resolve("out");
        frrKeys = frrExample.resolve("secrets");
        // examples/probe with every host on FRR: its health probe goes through frr.sh probe (vtysh).
        Path frrProbe = work.resolve("probe-frr");
        Project.copyTree(Project.root().resolve("examples/probe"), frrProbe);
        Path probeSource = frrProbe.resolve("net.vpn");
        String probeText = Files.readString(probeSource);
        String network = "network probed uses timers-bfd {\n";
        assertTrue(probeText.contains(network), "examples/probe declares its network on one line");
        Files.writeString(probeSource, probeText.replace(network, network + "  routing frr\n"));
        Project.Run frrProbeCompiled = Project.cli("compile", probeSource.toString(), "-o", frrProbe.resolve("out").toString());
        assertEquals(0, frrProbeCompiled.exit(), frrProbeCompiled.err());
        frrProbed = frrProbe.resolve("out");
        frrProbedKeys = frrProbe.resolve("secrets");
    }

    @Test
    @Timeout(300)
    void aGatewayInstalledAsTheDocsSay() throws Exception {
        boot("v1-1", Map.of());
    }

    @Test
    @Timeout(600)
    void aGatewayInstalledByThePlaybook() throws Exception {
        boot("v2-1", Map.of("VPNC_TEST_ANSIBLE", "1"));
    }

    @Test
    @Timeout(300)
    void aRouter() throws Exception {
        boot("r1", Map.of());
    }

    /** A gateway of a probed site: vpnc-probe.service starts, stops and comes back with vpnc.service. */
    @Test
    @Timeout(300)
    void aProbedGateway() throws Exception {
        boot(probed, probedKeys, "v1-1", Map.of());
    }

    /** Its three units (bird, bird6, vpnc) with BIRD 1.6 from the package scripts/test.sh unpacks. */
    @Test
    @Timeout(300)
    void aBird16Gateway() throws Exception {
        String dir = System.getenv().getOrDefault("VPNC_BIRD16_DIR", "");
        Tools.requireThat(Files.isExecutable(Path.of(dir, "usr/sbin/bird6")), "no BIRD 1.6 in VPNC_BIRD16_DIR (scripts/test.sh unpacks it)");
        boot(out16, "v1-2", Map.of("VPNC_BIRD16_DIR", dir));
    }

    /** vpnc-frr.service of a gateway: FRR's daemons started by frr.sh in the private namespace. */
    @Test
    @Timeout(300)
    void anFrrGateway() throws Exception {
        requireFrr();
        boot(frr, frrKeys, "v1-1", Map.of());
    }

    /** vpnc-frr.service of an internal router: the daemons in the host's own namespace. */
    @Test
    @Timeout(300)
    void anFrrRouter() throws Exception {
        requireFrr();
        boot(frr, frrKeys, "r1", Map.of());
    }

    /** A probed gateway on FRR: probe.sh withdraws and announces through frr.sh probe (vtysh). */
    @Test
    @Timeout(300)
    void aProbedFrrGateway() throws Exception {
        requireFrr();
        boot(frrProbed, frrProbedKeys, "v1-1", Map.of());
    }

    /** Debian's frr (daemons, vtysh, the group frrvty) and frr-pythontools (frr-reload.py). */
    private static void requireFrr() throws IOException {
        Tools.require("vtysh");
        for (String file : List.of("/usr/lib/frr/zebra", "/usr/lib/frr/bgpd", "/usr/lib/frr/bfdd", "/usr/lib/frr/frr-reload.py")) {
            Tools.requireThat(Files.isExecutable(Path.of(file)), "no " + file + " (Debian's frr and frr-pythontools)");
        }
        Tools.requireThat(Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("frrvty:")),
                "no group frrvty (Debian's frr)");
    }

    /**
     * Ends a script that overran. SIGTERM to the script alone first: its EXIT trap kills its
     * container's launcher (unshare --kill-child, so the container's PID 1 and everything in its
     * namespaces die with it) and removes its cgroup. SIGTERM to the container's processes
     * instead would make its systemd re-execute itself rather than end. Whatever is still there
     * 30 s later is killed, and waited for.
     */
    private static void end(Process p) throws InterruptedException {
        List<ProcessHandle> started = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        for (ProcessHandle h : started) {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Reported by the harness's own look at what is left; the test fails anyway.
            }
        }
    }

    private static void boot(String host, Map<String, String> env) throws Exception {
        boot(out, host, env);
    }

    private static void boot(Path out, String host, Map<String, String> env) throws Exception {
        boot(out, keys, host, env);
    }

    private static void boot(Path out, Path keys, String host, Map<String, String> env) throws Exception {
        List<String> command = List.of("bash", Project.root().resolve("scripts/units-under-systemd.sh").toString(),
                out.resolve(host).toString(), keys.resolve(host).toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // scripts/test.sh exports VPNC_BIRD16_DIR for the BIRD 1.6 tests; with it, the script puts BIRD
        // 1.6 in place of BIRD 2 inside its machine, which a BIRD 2 bundle cannot run on.
        pb.environment().remove("VPNC_BIRD16_DIR");
        pb.environment().putAll(env);
        Path log = work.resolve(host + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(280, TimeUnit.SECONDS)) {
            end(p);
            Assertions.fail("units-under-systemd.sh " + host + " did not end in 280 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.print(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("== " + host + ": 0 failed"), output);
    }
}
