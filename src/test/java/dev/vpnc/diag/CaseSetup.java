package dev.vpnc.diag;

import dev.vpnc.compiler.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * What a diagnostic case needs beyond its files, once they are copied to a scratch folder. Git
 * keeps no file modes but the executable bit, so key files are made 0600, as vpnc creates them,
 * and {@code modes.txt} (lines {@code MODE PATH}, e.g. {@code rw-r--r-- secrets/a/private.key})
 * sets any other mode a case is about. {@code output.txt} names the folder the case compiles
 * into (relative to the case), for the codes about where the output goes; {@code runner.txt}
 * ({@code lab}) the command that will run the result, for the codes about what it runs.
 */
final class CaseSetup {
    private CaseSetup() {
    }

    /** The runner of a case: `vpnc compile` unless {@code runner.txt} says {@code lab}. */
    static Runner runner(Path work) throws IOException {
        Path runner = work.resolve("runner.txt");
        return Files.exists(runner) && Files.readString(runner).trim().equals("lab") ? Runner.LAB : Runner.COMPILE;
    }

    /** Applies the modes; returns the output folder of the case, or null when it has none. */
    static Path apply(Path work) throws IOException {
        Path secrets = work.resolve("secrets");
        if (Files.isDirectory(secrets)) {
            try (Stream<Path> s = Files.walk(secrets)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        Path modes = work.resolve("modes.txt");
        if (Files.exists(modes)) {
            for (String line : Files.readAllLines(modes)) {
                String[] w = line.trim().split("\\s+");
                if (w.length == 2) {
                    Files.setPosixFilePermissions(work.resolve(w[1]), PosixFilePermissions.fromString(w[0]));
                }
            }
        }
        Path output = work.resolve("output.txt");
        return Files.exists(output) ? work.resolve(Files.readString(output).trim()) : null;
    }
}
