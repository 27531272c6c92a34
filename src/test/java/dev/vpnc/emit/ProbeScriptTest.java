package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe.sh of gateway v1-1 (examples/probe) driven with --once against stand-ins for ip, ping
 * and birdc ({@code src/test/resources/probe-stubs}): ping answers unless the test says it does
 * not, birdc records its calls. The state file is moved into the test's folder with
 * VPNC_PROBE_FILE. No network, no root.
 */
class ProbeScriptTest {
    private static final String WITHDRAWN = "probe.sh: 2001:db8:a1::1 does not answer (3 pings in a row): withdrawing site v1's routes\n";
    private static final String ANNOUNCED = "probe.sh: 2001:db8:a1::1 answers again (3 pings in a row): announcing site v1's routes\n";
    private static final String CONFIGURE = "birdc -s /run/vpnc/v1-1/bird.ctl configure";

    @TempDir
    Path tmp;
    private Path stub;
    private Path tools;
    private Path state;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        Tools.require("bash");
        tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        for (String tool : List.of("ip", "ping", "birdc", "birdc6")) {
            Path to = tools.resolve(tool);
            Files.copy(Project.root().resolve("src/test/resources/probe-stubs").resolve(tool.replace("6", "")), to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        stub = Files.createDirectories(tmp.resolve("stub"));
        state = tmp.resolve("run/probe-failed.conf");
    }

    private Path script(String example, Map<String, String> edits, String host) throws IOException {
        Path work = tmp.resolve("work");
        Project.copyTree(Project.root().resolve("examples").resolve(example), work);
        String source = Files.readString(work.resolve("net.vpn"));
        for (Map.Entry<String, String> e : edits.entrySet()) {
            source = source.replace(e.getKey(), e.getValue());
        }
        Files.writeString(work.resolve("net.vpn"), source);
        Pipeline.Result r = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertTrue(r.files() != null, () -> r.diagnostics().sorted().toString());
        Path script = tmp.resolve(host + "-probe.sh");
        Files.writeString(script, r.files().get(host + "/probe.sh"));
        return script;
    }

    private Run run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        pb.environment().put("VPNC_STUB", stub.toString());
        pb.environment().put("VPNC_PROBE_FILE", state.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "probe.sh --once did not end");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private void unreachable(boolean down) throws IOException {
        if (down) {
            Files.writeString(stub.resolve("unreachable"), "");
        } else {
            Files.deleteIfExists(stub.resolve("unreachable"));
        }
    }

    private List<String> birdcCalls() throws IOException {
        Path calls = stub.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith("birdc")).toList() : List.of();
    }

    @Test
    void threeUnansweredPingsWithdrawThreeAnsweredOnesAnnounce() throws Exception {
        Path script = script("probe", Map.of(), "v1-1");
        unreachable(true);
        for (int i = 1; i <= 2; i++) {
            assertEquals(new Run(0, "", ""), run(script, "--once"), "ping " + i);
            assertFalse(Files.exists(state), "withdrawn after " + i + " ping(s)");
        }
        assertEquals(List.of(), birdcCalls());
        assertEquals(new Run(0, WITHDRAWN, ""), run(script, "--once"));
        assertEquals("return true;\n", Files.readString(state));
        assertEquals(List.of(CONFIGURE), birdcCalls());
        // The ping went from the private namespace, from the gateway's own LAN address.
        assertTrue(Files.readString(stub.resolve("calls")).contains(
                "ip netns exec private ping -n -q -c 1 -W 1 -I 2001:db8:f1::2 2001:db8:a1::1\n"));

        unreachable(false);
        assertEquals(new Run(0, "", ""), run(script, "--once"));
        assertEquals(new Run(0, "", ""), run(script, "--once"));
        assertTrue(Files.exists(state));
        assertEquals(new Run(0, ANNOUNCED, ""), run(script, "--once"));
        assertFalse(Files.exists(state));
        assertEquals(List.of(CONFIGURE, CONFIGURE), birdcCalls());
    }

    @Test
    void anAnsweredPingInBetweenStartsTheCountAgain() throws Exception {
        Path script = script("probe", Map.of(), "v1-1");
        unreachable(true);
        run(script, "--once");
        run(script, "--once");
        unreachable(false);
        run(script, "--once");
        unreachable(true);
        run(script, "--once");
        run(script, "--once");
        assertFalse(Files.exists(state));
        assertEquals(new Run(0, WITHDRAWN, ""), run(script, "--once"));
        assertTrue(Files.exists(state));
    }

    @Test
    void aBirdThatDoesNotAnswerIsReportedAndTheStateStillWritten() throws Exception {
        Path script = script("probe", Map.of(), "v1-1");
        unreachable(true);
        Files.writeString(stub.resolve("bird-down"), "");
        run(script, "--once");
        run(script, "--once");
        Run r = run(script, "--once");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(WITHDRAWN, r.out());
        assertEquals("probe.sh: birdc configure failed; trying again at the next ping\n", r.err());
        // BIRD reads the file when it starts or reloads.
        assertTrue(Files.exists(state));
    }

    @Test
    void bird16ConfiguresBothDaemons() throws Exception {
        Path script = script("probe", Map.of("network probed uses timers-bfd {\n",
                "network probed uses timers-bfd {\n  bird 1.6\n"), "v1-1");
        unreachable(true);
        for (int i = 0; i < 3; i++) {
            run(script, "--once");
        }
        assertEquals(List.of("birdc6 -s /run/vpnc/v1-1/bird6.ctl configure", "birdc -s /run/vpnc/v1-1/bird.ctl configure"),
                birdcCalls());
    }

    @Test
    void anUnknownArgumentIsAUsageError() throws Exception {
        Run r = run(script("probe", Map.of(), "v1-1"), "--twice");
        assertEquals(new Run(2, "", "usage: probe.sh [--once]\n"), r);
    }
}
