package dev.vpnc.testing;

import dev.vpnc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Paths of the project and helpers to compile its examples in a scratch directory. */
public final class Project {
    private Project() {
    }

    public static Path root() {
        return Path.of(System.getProperty("vpnc.projectRoot", ".")).toAbsolutePath().normalize();
    }

    /** Every example: a folder of examples/ holding a net.vpn. */
    public static List<Path> examples() {
        try (Stream<Path> s = Files.list(root().resolve("examples"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("net.vpn"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of one CLI run. */
    public record Run(int exit, String out, String err) {
    }

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Runs vpnc in a JVM of its own, with the test's class path, under a shell that sets
     * {@code umask} first: for what one process cannot show of itself (the umask, two runs at
     * once). Waits up to {@code timeoutSeconds}.
     */
    public static Run process(String umask, long timeoutSeconds, String... args) {
        return process(List.of(), umask, timeoutSeconds, args);
    }

    /** {@link #process(String, long, String...)} under a wrapper command such as strace. */
    public static Run process(List<String> wrapper, String umask, long timeoutSeconds, String... args) {
        List<String> cmd = new java.util.ArrayList<>(wrapper);
        cmd.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Dvpnc.lock.dir=" + System.getProperty("vpnc.lock.dir", ""),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("vpnc-out", ".txt");
            Path err = Files.createTempFile("vpnc-err", ".txt");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("vpnc " + String.join(" ", args) + " ran over " + timeoutSeconds + " s");
                }
                return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Copies an example (source files and its committed lock) into {@code work} and compiles it
     * there with a fresh key store, into {@code work/out}.
     */
    public static Run compileExample(Path example, Path work) throws IOException {
        copyTree(example, work);
        return cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("secrets") || rel.startsWith("out")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Every regular file under a directory, relative path (with /) to content. */
    public static SortedMap<String, String> readTree(Path dir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
