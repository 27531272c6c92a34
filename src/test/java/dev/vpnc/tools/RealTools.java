package dev.vpnc.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real tools over generated bundles and returns what they reject. Reusable over any
 * output tree ({@code <host>/bird.conf}, {@code <host>/wireguard/*.conf}, {@code <host>/*.sh},
 * {@code <host>/systemd/*.service}).
 *
 * <p>Each check is built to discriminate (see the negative tests in {@code RealToolsTest}):
 * <ul>
 *   <li>BIRD: {@code bird -p -c FILE} parses without starting; exit 0 required. A host directory
 *       with a {@code bird6.conf} is a BIRD 1.6 bundle: its {@code bird6.conf} goes to BIRD 1.6.8's
 *       {@code bird6 -p -c}, its {@code bird.conf} to BIRD 1.6.8's {@code bird -p -c} (see
 *       {@link #bird16}: Debian's {@code bird} package, unpacked, since it conflicts with bird2).</li>
 *   <li>Shell: {@code bash -n} and {@code shellcheck} (default severity); exit 0 required.</li>
 *   <li>WireGuard: {@code wg setconf UNUSED FILE} on an interface that does not exist. It always
 *       fails; a valid file fails at the device step ("Unable to modify interface"), a bad one at
 *       parsing ("Configuration parsing error"), before touching any device.</li>
 *   <li>systemd: {@code systemd-analyze verify --root=TMP} with the host's units in
 *       TMP/etc/systemd/system (services and timers), the system's units beside them and stub executables only at the
 *       paths a bundle may use; exit 0 AND empty stderr (unknown keys are only warnings). And
 *       {@code systemd-analyze security --offline=yes UNIT} on each unit: an overall exposure
 *       of at most {@link #MAX_EXPOSURE} (0 is the safest, 10 a unit without any sandbox).</li>
 * </ul>
 */
public final class RealTools {
    /** The executables a generated unit may start (stubs in the verification root). */
    public static final List<String> UNIT_EXECUTABLES = List.of(
            "/etc/vpnc/up.sh", "/etc/vpnc/down.sh", "/etc/vpnc/reload.sh", "/etc/vpnc/status.sh", "/etc/vpnc/probe.sh", "/etc/vpnc/frr.sh", "/usr/bin/vtysh", "/usr/sbin/bird", "/usr/sbin/birdc",
            "/usr/sbin/bird6", "/usr/sbin/birdc6", "/usr/bin/ip", "/bin/kill");

    /** The most exposed a generated unit may be, on systemd-analyze security's scale (0 to 10). */
    public static final double MAX_EXPOSURE = 5.0;

    private static final Pattern OVERALL_EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)");

    /** Never an existing interface: {@code wg setconf} on it cannot change anything. */
    static final String UNUSED_INTERFACE = "vpncchk0";

    private static final List<String> SYSTEM_UNIT_DIRS = List.of("/usr/lib/systemd/system", "/lib/systemd/system");
    private static final long TIMEOUT_SECONDS = 120;

    /** One rejected file. */
    public record Failure(Path file, String tool, String output) {
        @Override
        public String toString() {
            return file + ": " + tool + " says:\n" + output.strip();
        }
    }

    /** A finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return (stdout + "\n" + stderr).strip();
        }
    }

    private RealTools() {
    }

    /** All tools {@link #checkTree} needs. */
    public static final List<String> ALL_TOOLS = List.of("bird", "bash", "shellcheck", "wg", "systemd-analyze", "nft", "unshare");

    /**
     * Makes the calling test fail when a tool is missing in CI ({@code CI=true}), skip elsewhere.
     */
    public static void requireTools(List<String> tools) {
        List<String> missing = tools.stream().filter(t -> find(t) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "tools missing from PATH, /usr/sbin and /sbin: " + missing;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (required in CI)");
        }
        Assumptions.abort(message);
    }

    /** Checks every file of an output tree; an empty list means every tool accepted everything. */
    public static List<Failure> checkTree(Path outputDir) {
        requireTools(ALL_TOOLS);
        List<Failure> failures = new ArrayList<>();
        List<Path> files = listFiles(outputDir);
        failures.addAll(checkShells(files.stream().filter(f -> f.getFileName().toString().endsWith(".sh")).toList()));
        for (Path f : files) {
            String name = f.getFileName().toString();
            String parent = f.getParent().getFileName().toString();
            boolean bird16 = Files.exists(f.resolveSibling("bird6.conf"));
            if (bird16 && (name.equals("bird.conf") || name.equals("bird6.conf"))) {
                failures.addAll(checkBird16(f, name.equals("bird6.conf") ? "bird6" : "bird"));
            } else if (name.equals("bird.conf")) {
                failures.addAll(checkBird(f));
            } else if (parent.equals("wireguard") && name.endsWith(".conf")) {
                failures.addAll(checkWireguard(f));
            } else if (parent.equals("firewall") && name.endsWith(".nft")) {
                failures.addAll(checkNftables(f));
            }
        }
        files.stream().map(Path::getParent).filter(d -> d.getFileName().toString().equals("systemd")).distinct()
                .forEach(d -> {
                    failures.addAll(checkUnits(d));
                    failures.addAll(checkUnitSecurity(d));
                });
        return failures;
    }

    public static List<Failure> checkBird(Path birdConf) {
        Result r = run(List.of(tool("bird"), "-p", "-c", birdConf.toString()), null);
        return r.exitCode() == 0 ? List.of() : List.of(new Failure(birdConf, "bird -p", r.both()));
    }

    /** Parses with BIRD 1.6.8: {@code daemon} is {@code bird} (IPv4) or {@code bird6} (IPv6). */
    public static List<Failure> checkBird16(Path conf, String daemon) {
        Path exe = bird16(daemon);
        Result r = run(List.of(exe.toString(), "-p", "-c", conf.toString()), null);
        return r.exitCode() == 0 ? List.of() : List.of(new Failure(conf, daemon + " 1.6 -p", r.both()));
    }

    /** Where scripts/test.sh unpacks Debian's bird 1.6 package: $VPNC_BIRD16_DIR, or ~/.cache/vpnc/bird16. */
    static Path bird16Dir() {
        String dir = System.getenv("VPNC_BIRD16_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".cache", "vpnc", "bird16");
    }

    /**
     * BIRD 1.6.8's {@code bird} or {@code bird6} (unpacked by scripts/test.sh with {@code apt-get
     * download bird} and {@code dpkg-deb -x}); fails the test in CI when absent, skips it elsewhere.
     */
    public static Path bird16(String daemon) {
        Path exe = bird16Dir().resolve("usr/sbin").resolve(daemon);
        if (!Files.isExecutable(exe)) {
            String message = "BIRD 1.6 not unpacked at " + exe.getParent() + " (scripts/test.sh does it)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (required in CI)");
            }
            Assumptions.abort(message);
        }
        return exe;
    }

    /**
     * {@link #checkShell} on many scripts, with one shellcheck process for all of them (its start
     * is most of its time: one example's 36 scripts took 5.2 s one by one, 2.6 s at once). When
     * it finds something, each script is checked alone, so that each failure names its script.
     */
    public static List<Failure> checkShells(List<Path> scripts) {
        if (scripts.isEmpty()) {
            return List.of();
        }
        List<Failure> failures = new ArrayList<>();
        for (Path script : scripts) {
            Result syntax = run(List.of(tool("bash"), "-n", script.toString()), null);
            if (syntax.exitCode() != 0) {
                failures.add(new Failure(script, "bash -n", syntax.both()));
            }
        }
        List<String> all = new ArrayList<>(List.of(tool("shellcheck")));
        scripts.forEach(s -> all.add(s.toString()));
        if (run(all, null).exitCode() != 0) {
            for (Path script : scripts) {
                Result lint = run(List.of(tool("shellcheck"), script.toString()), null);
                if (lint.exitCode() != 0) {
                    failures.add(new Failure(script, "shellcheck", lint.both()));
                }
            }
        }
        return failures;
    }

    public static List<Failure> checkShell(Path script) {
        return checkShells(List.of(script));
    }

    /**
     * nftables' own parser and the kernel's checks ({@code nft --check}: the whole transaction is
     * built and validated, then not committed), in a network namespace of its own so that no
     * ruleset of this machine is read or touched.
     */
    public static List<Failure> checkNftables(Path rules) {
        Result r = run(List.of(tool("unshare"), "--net", "--map-root-user", tool("nft"), "--check", "-f", rules.toString()), null);
        return r.exitCode() == 0 ? List.of() : List.of(new Failure(rules, "nft --check", r.both()));
    }

    public static List<Failure> checkWireguard(Path conf) {
        if (Files.exists(Path.of("/sys/class/net", UNUSED_INTERFACE))
                || Files.exists(Path.of("/var/run/wireguard", UNUSED_INTERFACE + ".sock"))) {
            throw new IllegalStateException("interface " + UNUSED_INTERFACE + " exists: refusing to run wg setconf on it");
        }
        Result r = run(List.of(tool("wg"), "setconf", UNUSED_INTERFACE, conf.toString()), null);
        if (r.exitCode() == 0) {
            return List.of(new Failure(conf, "wg setconf", "configured a device named " + UNUSED_INTERFACE
                    + ", which should not exist"));
        }
        boolean parsed = !r.stderr().contains("Configuration parsing error")
                && r.stderr().contains("Unable to modify interface");
        return parsed ? List.of() : List.of(new Failure(conf, "wg setconf", r.both()));
    }

    /** Verifies the units of one directory together (they refer to each other). */
    public static List<Failure> checkUnits(Path systemdDir) {
        List<Path> units = listFiles(systemdDir).stream()
                .filter(p -> p.getFileName().toString().endsWith(".service") || p.getFileName().toString().endsWith(".timer"))
                .toList();
        if (units.isEmpty()) {
            return List.of();
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("vpnc-systemd-root");
            copySystemUnits(root.resolve("usr/lib/systemd/system"));
            for (String exe : UNIT_EXECUTABLES) {
                Path stub = root.resolve(exe.substring(1));
                Files.createDirectories(stub.getParent());
                Files.writeString(stub, "#!/bin/sh\nexit 0\n");
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            // The units under test live in the root, so dependencies between them resolve there.
            Path unitDir = Files.createDirectories(root.resolve("etc/systemd/system"));
            List<String> command = new ArrayList<>(List.of(tool("systemd-analyze"), "verify", "--root=" + root));
            for (Path unit : units) {
                Files.copy(unit, unitDir.resolve(unit.getFileName()));
                command.add(unit.getFileName().toString());
            }
            Result r = run(command, null);
            if (r.exitCode() != 0 || !r.stderr().isBlank()) {
                return List.of(new Failure(systemdDir, "systemd-analyze verify",
                        ("exit " + r.exitCode() + "\n" + r.both()).replace(root.toString(), "")));
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (root != null) {
                deleteTree(root);
            }
        }
    }

    /** A unit's overall exposure, and what systemd-analyze security said of each setting. */
    public record Exposure(Path unit, double level, String report) {
    }

    /** {@code systemd-analyze security --offline=yes UNIT}: the unit file alone, no running manager. */
    public static Exposure exposure(Path unit) {
        Result r = run(List.of(tool("systemd-analyze"), "security", "--offline=yes", "--no-pager", unit.toString()), null);
        Matcher m = OVERALL_EXPOSURE.matcher(r.stdout());
        if (!m.find()) {
            throw new IllegalStateException("no overall exposure for " + unit + " (exit " + r.exitCode() + "):\n" + r.both());
        }
        return new Exposure(unit, Double.parseDouble(m.group(1)), r.both());
    }

    /** Every unit of one directory exposed at most {@link #MAX_EXPOSURE}. */
    public static List<Failure> checkUnitSecurity(Path systemdDir) {
        List<Failure> failures = new ArrayList<>();
        for (Path unit : listFiles(systemdDir)) {
            if (unit.getFileName().toString().endsWith(".service")) {
                Exposure e = exposure(unit);
                if (e.level() > MAX_EXPOSURE) {
                    failures.add(new Failure(unit, "systemd-analyze security",
                            "exposure " + e.level() + " > " + MAX_EXPOSURE + "\n" + e.report()));
                }
            }
        }
        return failures;
    }

    private static void copySystemUnits(Path target) throws IOException {
        Path source = SYSTEM_UNIT_DIRS.stream().map(Path::of).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("no system unit directory in " + SYSTEM_UNIT_DIRS));
        Files.createDirectories(target);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Finds a tool on PATH, or in the sbin directories PATH may lack for non-root users. */
    static String find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    private static String tool(String name) {
        String path = find(name);
        if (path == null) {
            throw new IllegalStateException(name + " not found (call requireTools first)");
        }
        return path;
    }

    static Result run(List<String> command, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LC_ALL", "C");
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            Path out = Files.createTempFile("vpnc-tool", ".out");
            Path err = Files.createTempFile("vpnc-tool", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
