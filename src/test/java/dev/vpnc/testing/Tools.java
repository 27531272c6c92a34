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
        if (!present) {
            String why = tool + " is not installed (bash .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
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
