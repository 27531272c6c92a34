package dev.vpnc.diag;

import dev.vpnc.compiler.KeyRotation;
import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.plan.RotationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a diagnostic case needs beyond its files, once they are copied to a scratch folder. Git
 * keeps no file modes but the executable bit, so key files are made 0600, as vpnc creates them,
 * and {@code modes.txt} (lines {@code MODE PATH}, e.g. {@code rw-r--r-- secrets/a/private.key})
 * sets any other mode a case is about. {@code output.txt} names the folder the case compiles
 * into (relative to the case), for the codes about where the output goes; {@code runner.txt}
 * ({@code lab}) the command that will run the result, for the codes about what it runs;
 * {@code command.txt} ({@code keys rotate HOST... [--psk A:B] [--all] ...}) a key rotation to
 * check instead of a compile, for the codes of {@code vpnc keys rotate}.
 */
final class CaseSetup {
    private CaseSetup() {
    }

    /** The runner of a case: `vpnc compile` unless {@code runner.txt} says {@code lab}. */
    static Runner runner(Path work) throws IOException {
        Path runner = work.resolve("runner.txt");
        return Files.exists(runner) && Files.readString(runner).trim().equals("lab") ? Runner.LAB : Runner.COMPILE;
    }

    /** What vpnc reports for the case in {@code work}: its compile, or the key rotation of its command.txt. */
    static Diagnostics diagnose(Path work, Path output) throws IOException {
        Path command = work.resolve("command.txt");
        if (!Files.exists(command)) {
            return Pipeline.run(work.resolve("input.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"), List.of(), output,
                    runner(work)).diagnostics();
        }
        return KeyRotation.plan(work.resolve("input.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"), List.of(),
                request(Files.readString(command).trim()), "input.vpn").diagnostics();
    }

    /** {@code keys rotate} and its arguments, as command.txt writes them. */
    private static RotationRequest request(String command) {
        List<String> words = List.of(command.split("\\s+"));
        if (words.size() < 2 || !words.get(0).equals("keys") || !words.get(1).equals("rotate")) {
            throw new IllegalArgumentException("command.txt: expected `keys rotate ...`, got " + command);
        }
        List<String> hosts = new ArrayList<>();
        List<String> psks = new ArrayList<>();
        boolean all = false;
        boolean allPsk = false;
        boolean resume = false;
        for (int i = 2; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--psk" -> psks.add(words.get(++i));
                case "--all" -> all = true;
                case "--all-psk" -> allPsk = true;
                case "--continue" -> resume = true;
                default -> hosts.add(words.get(i));
            }
        }
        return new RotationRequest(hosts, psks, all, allPsk, resume);
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
