package dev.vpnc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs external tools. A missing tool fails the test in CI (CI=true), and skips it elsewhere,
 * so a developer without BIRD can still run the rest while CI cannot silently test nothing.
 */
public final class Tools {
    private Tools() {
    }

    public record Result(int exit, String out, String err) {
    }

    public static void require(String tool) {
        boolean present = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool)));
        requireThat(present, tool + " is not installed (bash .ci/run installs it)");
    }

    /** What must hold for a test to mean something: a failure in CI, a skip elsewhere. */
    public static void requireThat(boolean holds, String why) {
        if (!holds) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + " (required in CI)");
            }
            Assumptions.abort(why);
        }
    }

    /** Linux, as root: what the tests that build networks (namespaces, daemons) need. */
    public static void requireRootOnLinux() throws IOException {
        requireThat(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"), "not Linux");
        requireThat(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"))
                .matches("(?s).*\\nUid:\\s+\\d+\\s+0\\s.*"), "not root");
    }

    public static Result run(String stdin, String... command) throws IOException, InterruptedException {
        java.nio.file.Path errFile = java.nio.file.Files.createTempFile("vpnc-tool", ".err");
        try {
            // stderr goes to a file so a chatty tool cannot block on a full pipe.
            Process p = new ProcessBuilder(List.of(command)).redirectError(errFile.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(errFile);
        }
    }
}
