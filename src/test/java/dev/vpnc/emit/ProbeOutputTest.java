package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.Probe;
import dev.vpnc.plan.RunDir;
import dev.vpnc.testing.Project;
import dev.vpnc.tools.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's health probe, from the plan to the files: examples/probe (every site probed, BIRD 2)
 * and the same network on BIRD 1.6. BIRD's own parsers read each gateway's configs with the
 * probe's state file absent (announcing) and present (withdrawn); examples/reference, without a
 * probe, has none of it.
 */
class ProbeOutputTest {
    @TempDir
    static Path tmp;

    static Pipeline.Result bird2;
    static Pipeline.Result bird16;
    static Pipeline.Result reference;

    @BeforeAll
    static void compile() throws IOException {
        bird2 = compile("probe", "probe", Map.of());
        bird16 = compile("probe", "probe16", Map.of("network probed uses timers-bfd {\n",
                "network probed uses timers-bfd {\n  bird 1.6\n"));
        reference = compile("reference", "reference", Map.of());
    }

    private static Pipeline.Result compile(String example, String dir, Map<String, String> edits) throws IOException {
        Path work = tmp.resolve(dir);
        Project.copyTree(Project.root().resolve("examples").resolve(example), work);
        String source = Files.readString(work.resolve("net.vpn"));
        for (Map.Entry<String, String> e : edits.entrySet()) {
            assertTrue(source.contains(e.getKey()), e.getKey());
            source = source.replace(e.getKey(), e.getValue());
        }
        Files.writeString(work.resolve("net.vpn"), source);
        Pipeline.Result r = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertTrue(r.files() != null, () -> r.diagnostics().sorted().toString());
        return r;
    }

    private static GatewayPlan gateway(Pipeline.Result r, String name) {
        return r.plan().gateways().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachGatewayProbesFromItsOwnLanAddressWithItsSitesTiming() {
        assertEquals(new Probe("2001:db8:a1::1", true, "2001:db8:f1::2", 1, 3, 3), gateway(bird2, "v1-1").probe());
        assertEquals(new Probe("2001:db8:a1::1", true, "2001:db8:f1::3", 1, 3, 3), gateway(bird2, "v1-2").probe());
        assertEquals(new Probe("2001:db8:a2::1", true, "2001:db8:f2::2", 1, 3, 3), gateway(bird2, "v2-1").probe());
        assertEquals(new Probe("10.0.3.1", false, "10.1.3.2", 2, 2, 3), gateway(bird2, "v3-1").probe());
        reference.plan().gateways().forEach(g -> assertNull(g.probe(), g.name()));
    }

    @Test
    void onlyTheExportToTheTunnelsDependsOnTheProbe() {
        String conf = bird2.files().get("v1-1/bird.conf");
        assertTrue(conf.contains("function vpnc_probe_failed()\n{\n  include \"/run/vpn[c]/v1-1/probe-failed.conf\";\n"
                + "  return false;\n}\n"), conf);
        assertTrue(conf.contains("filter to_tunnels_v6 {\n  if vpnc_probe_failed() && net ~ SITE_V1_V6 then reject;\n"), conf);
        assertTrue(conf.contains("filter to_tunnels_v4 {\n  if vpnc_probe_failed() && net ~ SITE_V1_V4 then reject;\n"), conf);
        // Nothing else asks: what the gateway learns, and what it tells its site, do not change.
        assertEquals(3, conf.split("vpnc_probe_failed\\(\\)", -1).length - 1, conf);
        for (String file : List.of("v1-1/bird.conf", "v1-1/bird6.conf")) {
            String c = bird16.files().get(file);
            assertTrue(c.contains("include \"/run/vpn[c]/v1-1/probe-failed.conf\";"), file);
            assertEquals(2, c.split("vpnc_probe_failed\\(\\)", -1).length - 1, c);
        }
        reference.files().forEach((path, text) -> assertFalse(text.contains("probe"), path));
    }

    @Test
    void theIncludedFileIsAGlobThatMatchesOnlyTheStateFile() {
        assertEquals("/run/vpnc/v1-1/probe-failed.conf", RunDir.probeFailed("v1-1"));
        assertEquals("/run/vpn[c]/v1-1/probe-failed.conf", RunDir.probeFailedPattern("v1-1"));
    }

    /**
     * bird -p on every gateway's configs, the include pointed at a scratch folder (still a
     * pattern): absent, then "return true;" as probe.sh writes it. A file BIRD cannot parse must
     * fail, or the second check would prove nothing.
     */
    @Test
    void birdParsesTheConfigsWithTheStateFileAbsentAndPresent() throws IOException {
        RealTools.requireTools(List.of("bird"));
        List<RealTools.Failure> failures = new ArrayList<>();
        for (GatewayPlan g : bird2.plan().gateways()) {
            Path state = tmp.resolve("state2").resolve(g.name());
            Path conf = withStateIn(bird2.files(), g.name() + "/bird.conf", state);
            failures.addAll(RealTools.checkBird(conf));
            Files.writeString(state.resolve("probe-failed.conf"), "return true;\n");
            failures.addAll(RealTools.checkBird(conf));
            Files.writeString(state.resolve("probe-failed.conf"), "return maybe;\n");
            assertFalse(RealTools.checkBird(conf).isEmpty(), "BIRD did not read the state file of " + g.name());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void bird16ParsesTheConfigsWithTheStateFileAbsentAndPresent() throws IOException {
        RealTools.bird16("bird6");
        List<RealTools.Failure> failures = new ArrayList<>();
        for (GatewayPlan g : bird16.plan().gateways()) {
            for (String daemon : List.of("bird", "bird6")) {
                Path state = tmp.resolve("state16").resolve(g.name() + "-" + daemon);
                Path conf = withStateIn(bird16.files(), g.name() + "/" + daemon + ".conf", state);
                failures.addAll(RealTools.checkBird16(conf, daemon));
                Files.writeString(state.resolve("probe-failed.conf"), "return true;\n");
                failures.addAll(RealTools.checkBird16(conf, daemon));
                Files.writeString(state.resolve("probe-failed.conf"), "return maybe;\n");
                assertFalse(RealTools.checkBird16(conf, daemon).isEmpty(), "no state file read by " + daemon + " of " + g.name());
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The config at {@code path}, its state file moved to {@code state} (as a pattern still), written out. */
    private static Path withStateIn(SortedMap<String, String> files, String path, Path state) throws IOException {
        String host = path.substring(0, path.indexOf('/'));
        String text = files.get(path);
        String pattern = RunDir.probeFailedPattern(host);
        assertTrue(text.contains(pattern), path);
        Files.createDirectories(state);
        String dir = state.toString();
        String moved = dir.substring(0, dir.length() - 1) + "[" + dir.charAt(dir.length() - 1) + "]/probe-failed.conf";
        Path conf = state.resolveSibling(state.getFileName() + ".conf");
        Files.writeString(conf, text.replace(pattern, moved));
        return conf;
    }

    @Test
    void gatewaysWithAProbeGetTheScriptAndTheUnitAndAnsibleEnablesIt() {
        SortedMap<String, String> files = bird2.files();
        for (GatewayPlan g : bird2.plan().gateways()) {
            assertTrue(files.containsKey(g.name() + "/probe.sh"), g.name());
            String unit = files.get(g.name() + "/systemd/vpnc-probe.service");
            assertTrue(unit.contains("ExecStart=/etc/vpnc/probe.sh\n"), unit);
            assertTrue(unit.contains("PartOf=vpnc.service\n"), unit);
            assertTrue(unit.contains("IPAddressAllow=" + g.probe().address() + "\n"), unit);
            // A fresh start announces: up.sh removes the state a previous run left.
            assertTrue(files.get(g.name() + "/up.sh").contains("rm -f -- \"/run/vpnc/" + g.name() + "/probe-failed.conf\""));
        }
        assertFalse(files.containsKey("r1/probe.sh"));
        String inventory = files.get("ansible/inventory.yml");
        assertTrue(inventory.contains("vpnc_units: [\"vpnc.service\", \"vpnc-bird.service\", \"vpnc-probe.service\", \"vpnc-status.timer\"]"),
                inventory);
        assertTrue(reference.files().get("ansible/inventory.yml").contains(
                "vpnc_units: [\"vpnc.service\", \"vpnc-bird.service\", \"vpnc-status.timer\"]"));
        assertTrue(bird16.files().get("ansible/inventory.yml").contains(
                "[\"vpnc.service\", \"vpnc-bird6.service\", \"vpnc-bird.service\", \"vpnc-probe.service\", \"vpnc-status.timer\"]"),
                () -> bird16.files().get("ansible/inventory.yml"));
    }

    @Test
    void theScriptAndTheUnitPassShellcheckAndSystemd() throws IOException {
        RealTools.requireTools(List.of("bash", "shellcheck", "systemd-analyze"));
        Path dir = tmp.resolve("v1-1");
        Files.createDirectories(dir.resolve("systemd"));
        for (Map.Entry<String, String> f : bird16.files().entrySet()) {
            if (f.getKey().startsWith("v1-1/")) {
                Path p = dir.resolve(f.getKey().substring("v1-1/".length()));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
        List<RealTools.Failure> failures = new ArrayList<>(RealTools.checkShell(dir.resolve("probe.sh")));
        failures.addAll(RealTools.checkUnits(dir.resolve("systemd")));
        failures.addAll(RealTools.checkUnitSecurity(dir.resolve("systemd")));
        assertEquals(List.of(), failures);
    }
}
