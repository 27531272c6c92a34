package dev.vpnc.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the machine (or, through nsenter, of an emulated host) under
 * {@code timeout -s KILL}. Output goes to files, not pipes: up.sh starts daemons (BIRD,
 * wireguard-go) that inherit its descriptors, and a pipe they keep open would block the reader.
 */
public final class Shell {
    private Shell() {
    }

    /** The outcome of a command. */
    public record Result(List<String> command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n" + out + err;
        }
    }

    public static Result run(int timeoutSeconds, Map<String, String> env, List<String> command) {
        List<String> full = new ArrayList<>(List.of("timeout", "-s", "KILL", Integer.toString(timeoutSeconds)));
        full.addAll(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("vpnc-lab", ".out");
            err = Files.createTempFile("vpnc-lab", ".err");
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds + 5L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            int exit = p.isAlive() ? -1 : p.exitValue();
            return new Result(command, exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command);
        } finally {
            delete(out);
            delete(err);
        }
    }

    public static Result run(int timeoutSeconds, String... command) {
        return run(timeoutSeconds, Map.of(), List.of(command));
    }

    /** Runs a bash script in the machine's namespaces. */
    public static Result bash(int timeoutSeconds, String script) {
        return run(timeoutSeconds, "bash", "-c", script);
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file: nothing to do
            }
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
