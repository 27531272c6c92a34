package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of compile and check: drawn on a terminal once the run has lasted
 * {@value Progress#AFTER_ENV} (0 here, so that the reference network is slow enough), erased
 * before the summary; nothing of it on a pipe or with --quiet. The terminal is a real
 * pseudo-terminal: vpnc runs in a JVM of its own under util-linux {@code script}.
 */
class ProgressTest {
    /** One draw: back to the line's start, the line with its elapsed seconds, clear to the end. */
    private static final Pattern DRAW = Pattern.compile("\r(vpnc: (compiling|checking) net\\.vpn: [^\r\n\033]*"
            + "\\(\\d+\\.\\d s\\))\033\\[K");

    @TempDir
    Path tmp;

    Path src;
    Path out;

    @BeforeEach
    void network() throws IOException {
        Project.copyTree(Project.root().resolve("examples/reference"), tmp.resolve("net"));
        src = tmp.resolve("net/net.vpn");
        out = tmp.resolve("out");
    }

    @Test
    void aTerminalSeesTheLineUntilTheSummary() throws Exception {
        Tools.require("script");
        String tty = underTerminal("0", "compile", src.toString(), "-o", out.toString()).checked(0);
        List<String> draws = draws(tty);
        assertFalse(draws.isEmpty(), "no progress line on a terminal:\n" + visible(tty));
        assertTrue(draws.stream().allMatch(d -> d.startsWith("vpnc: compiling net.vpn: ")), draws.toString());
        // Erased after its last draw, and the summary starts on the clean line.
        int last = tty.lastIndexOf("\rvpnc: compiling");
        int erased = tty.indexOf(Progress.ERASE, last + 1);
        int summary = tty.indexOf("compiled 9 hosts");
        assertTrue(erased > last && summary == erased + Progress.ERASE.length(),
                "not erased before the summary:\n" + visible(tty));

        String check = underTerminal("0", "check", src.toString()).checked(0);
        assertFalse(draws(check).isEmpty(), "no progress line for check:\n" + visible(check));
        assertTrue(check.endsWith(Progress.ERASE + "ok: 9 hosts, 12 tunnels\r\n"), visible(check));
    }

    @Test
    void aPipeSeesNone() throws Exception {
        // The same run as on the terminal, TERM and the delay alike, but stderr is a pipe.
        Process p = vpnc("0", "compile", src.toString(), "-o", out.toString()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.startsWith("compiled 9 hosts"), stdout);
        assertEquals("", stderr);
    }

    @Test
    void noLineBeforeTheDelay() throws Exception {
        Tools.require("script");
        String tty = underTerminal("60000", "compile", src.toString(), "-o", out.toString()).checked(0);
        assertTrue(tty.startsWith("compiled 9 hosts"), visible(tty));
        assertFalse(tty.contains("vpnc: compiling") || tty.contains("\033"), visible(tty));
    }

    @Test
    void quietPrintsOnlyDiagnostics() throws Exception {
        Tools.require("script");
        assertEquals("", underTerminal("0", "compile", "-q", src.toString(), "-o", out.toString()).checked(0));
        assertTrue(Files.isDirectory(out.resolve("v1-1")), "quiet still compiles");
        assertEquals("", underTerminal("0", "compile", "--check", "--quiet", src.toString(), "-o", out.toString()).checked(0));
        assertEquals("", underTerminal("0", "check", "--quiet", src.toString()).checked(0));
        // What --check finds is its result, not a summary: still listed, exit 10 as without -q.
        Files.delete(out.resolve("v1-1/up.sh"));
        String differs = underTerminal("0", "compile", "--check", "-q", src.toString(), "-o", out.toString()).checked(Main.DIFFERS);
        assertTrue(differs.contains("missing  v1-1/up.sh") && !differs.contains("vpnc: checking"), visible(differs));

        Files.writeString(src, Files.readString(src).replaceFirst("site v1 \\{", "site v1 {\n  bogus 1"));
        String bad = underTerminal("0", "check", "-q", src.toString()).checked(Main.INPUT_ERRORS);
        assertTrue(bad.startsWith("error[E0001]: ") && bad.contains("net.vpn:") && bad.contains("error: 1 error"), visible(bad));
        assertFalse(bad.contains("vpnc: checking"), visible(bad));
    }

    /** The phases in order, with the network's size once it is known; none after an error. */
    @Test
    void thePipelineTellsItsPhases() {
        List<String> told = new ArrayList<>();
        Pipeline.Result r = Pipeline.run(src, tmp.resolve("net/secrets"), tmp.resolve("net/vpnc.lock"), List.of(), null,
                Runner.COMPILE, (phase, hosts) -> told.add(phase + " " + hosts));
        assertTrue(r.files() != null, r.diagnostics().toString());
        assertEquals(List.of("PARSE 0", "RESOLVE 0", "CHECK 9", "PLAN 9", "RENDER 9"), told);
        assertEquals("rendering 9 hosts", Progress.describe(Pipeline.Phase.RENDER, 9));
        assertEquals("checking 1 host", Progress.describe(Pipeline.Phase.CHECK, 1));

        told.clear();
        Path bad = tmp.resolve("net/bad.vpn");
        writeQuietly(bad, "network corp {\n  bogus 1\n}\n");
        Pipeline.run(bad, tmp.resolve("net/secrets"), tmp.resolve("net/vpnc.lock"), List.of(), null,
                Runner.COMPILE, (phase, hosts) -> told.add(phase + " " + hosts));
        assertEquals(List.of("PARSE 0"), told);
    }

    @Test
    void terminalsAreKnownByTheirDevice() {
        assertTrue(Progress.isTerminal("/dev/pts/3", "xterm-256color"));
        assertTrue(Progress.isTerminal("/dev/tty2", "linux"));
        assertTrue(Progress.isTerminal("/dev/console", "vt100"));
        assertFalse(Progress.isTerminal("pipe:[48213]", "xterm"));
        assertFalse(Progress.isTerminal("/tmp/build.log", "xterm"));
        assertFalse(Progress.isTerminal("/dev/null", "xterm"));
        assertFalse(Progress.isTerminal("/dev/pts/3", null));
        assertFalse(Progress.isTerminal("/dev/pts/3", ""));
        assertFalse(Progress.isTerminal("/dev/pts/3", "dumb"));
        assertEquals(1000, Progress.afterMillis(null));
        assertEquals(0, Progress.afterMillis("0"));
        assertEquals(250, Progress.afterMillis("250"));
        assertEquals(1000, Progress.afterMillis("soon"));
        assertEquals(1000, Progress.afterMillis("-5"));
    }

    /** In-process: only on a Terminal writer; never drawn again once closed; cut to the width. */
    @Test
    void drawsOnlyOnATerminalAndNotAfterClose() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.Terminal terminal = new Progress.Terminal(bytes);
        Progress p = Progress.start(terminal, false, "compiling a-rather-long-file-name-for-a-narrow-terminal.vpn", 0, 40);
        p.phase("rendering 9 hosts");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bytes.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.close();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\rvpnc: compiling a-rather-long-file-"), drawn);
        assertTrue(drawn.endsWith("\033[K" + Progress.ERASE), drawn);
        for (String line : drawn.split("\r")) {
            assertTrue(line.replace("\033[K", "").length() < 40, "wider than the terminal: " + line);
        }
        Thread.sleep(3 * Progress.REDRAW_MS);
        assertEquals(drawn, bytes.toString(StandardCharsets.UTF_8), "drawn after close");

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (Progress none = Progress.start(new java.io.PrintWriter(plain, true), false, "compiling net.vpn", 0, 80);
             Progress quiet = Progress.start(new Progress.Terminal(plain), true, "compiling net.vpn", 0, 80)) {
            Thread.sleep(3 * Progress.REDRAW_MS);
        }
        assertEquals(0, plain.size(), plain.toString(StandardCharsets.UTF_8));
    }

    /** Every progress line drawn in a captured output. */
    private static List<String> draws(String tty) {
        List<String> found = new ArrayList<>();
        Matcher m = DRAW.matcher(tty);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String visible(String s) {
        return s.replace("\r", "\\r").replace("\033", "\\e");
    }

    private static void writeQuietly(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the terminal showed (stdout and stderr of vpnc, as the pseudo-terminal passes them), and the exit code. */
    private record Tty(int exit, String shown) {
        String checked(int expected) {
            assertEquals(expected, exit, visible(shown));
            return shown;
        }
    }

    /** vpnc in a JVM of its own, on the test's class path, TERM=xterm, the delay given (ms). */
    private static ProcessBuilder vpnc(String afterMillis, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dvpnc.lock.dir=" + System.getProperty("vpnc.lock.dir", ""), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("CLASSPATH", System.getProperty("java.class.path"));
        env.put("TERM", "xterm");
        env.put(Progress.AFTER_ENV, afterMillis);
        return pb;
    }

    /** The same command under {@code script}: its stdout and stderr are a pseudo-terminal. */
    private static Tty underTerminal(String afterMillis, String... args) throws Exception {
        ProcessBuilder direct = vpnc(afterMillis, args);
        StringBuilder line = new StringBuilder();
        for (String word : direct.command()) {
            line.append(line.length() == 0 ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().putAll(direct.environment());
        Process p = pb.start();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("timed out: " + line);
        }
        return new Tty(p.exitValue(), shown);
    }
}
