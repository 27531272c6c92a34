package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.cli.Main;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab is gone, whatever ends the process that started it: within 5 s no process of it is left
 * (its hosts' namespaces, interfaces and mounts die with their PID 1), and a later `lab up` is not
 * blocked by its state. Covered: SIGKILL of a JVM whose labs are tied to it (the test suite's
 * case), SIGTERM and SIGINT of `vpnc lab up`, a `lab down` on an interrupted thread (a JUnit
 * timeout), and the state of a crashed run.
 */
@Timeout(300)
class LabCleanupTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void preconditions() throws IOException {
        require(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "not Linux");
        require(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "not root");
        for (String tool : List.of("ip", "wg", "wireguard-go", "bird", "birdc", "unshare", "nsenter", "setsid", "ping")) {
            Tools.require(tool);
        }
    }

    /** Two sites of one gateway: the smallest lab. */
    private Path network(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("net.vpn"), """
                network %s {
                  tunnels ipv6 2001:db8:ff::/64
                  bfd off
                }

                site a {
                  asn 65001
                  prefixes 2001:db8:a1::/64
                  subnet 2001:db8:f1::/64
                  gateway a1 { uplink eth0  lan eth1  endpoint 2001:db8:1::1 }
                }

                site b {
                  asn 65002
                  prefixes 2001:db8:a2::/64
                  subnet 2001:db8:f2::/64
                  gateway b1 { uplink eth0  lan eth1  endpoint 2001:db8:2::1 }
                }
                """.formatted(name));
        return dir.resolve("net.vpn");
    }

    @Test
    void aKilledJvmTakesItsTiedLabWithIt() throws Exception {
        Path source = network("cleanup-kill");
        Process jvm = vpncProcess(true, "lab", "up", source.toString());
        try {
            waitForHosts("cleanup-kill", 2);
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertGoneWithin5s("cleanup-kill");
        } finally {
            jvm.destroyForcibly();
        }
        // The state it left does not block the next lab.
        Project.Run up = Project.cli("lab", "up", source.toString());
        try {
            assertEquals(0, up.exit(), up.out() + up.err());
            assertTrue(up.out().contains("left by an earlier lab whose hosts had all ended"), up.out());
        } finally {
            assertEquals(0, Project.cli("lab", "down", source.toString()).exit());
        }
        assertGoneWithin5s("cleanup-kill");
    }

    @Test
    void sigtermOrSigintOfLabUpEndsWhatItStarted() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            String name = "cleanup-" + signal.toLowerCase(Locale.ROOT);
            Path source = network(name);
            Process vpnc = vpncProcess(false, "lab", "up", source.toString());
            try {
                waitForHosts(name, 2);
                assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(vpnc.pid())).start().waitFor());
                assertTrue(vpnc.waitFor(30, TimeUnit.SECONDS), "vpnc lab up did not end on SIG" + signal);
                assertGoneWithin5s(name);
                // A host whose start was under way when the signal came must not appear afterwards.
                Shell.sleep(2000);
                assertEquals(List.of(), processesOf(name), "SIG" + signal + ": a host started after the lab was ended");
                assertFalse(Files.exists(LabState.dirFor(name)), "SIG" + signal + ": the lab's state is left");
            } finally {
                vpnc.destroyForcibly();
                Project.cli("lab", "down", source.toString());
            }
        }
    }

    @Test
    void downWorksOnAnInterruptedThread() throws Exception {
        Path source = network("cleanup-interrupted");
        Project.Run up = Project.cli("lab", "up", source.toString());
        assertEquals(0, up.exit(), up.out() + up.err());
        Thread.currentThread().interrupt();
        Project.Run down;
        try {
            down = Project.cli("lab", "down", source.toString());
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, down.exit(), down.out() + down.err());
        assertGoneWithin5s("cleanup-interrupted");
    }

    @Test
    void stateWithoutLiveHostsIsRemovedByTheNextLab() throws Exception {
        Path source = network("cleanup-stale");
        Path dir = LabState.dirFor("cleanup-stale");
        Files.createDirectories(dir);
        // What a run killed while starting its first host leaves: a host recorded, long dead.
        Files.writeString(dir.resolve(LabState.FILE), "source " + source + "\nnetwork cleanup-stale\n"
                + "holder a1 999999 0 vpnc-lab:cleanup-stale:a1\n");
        Project.Run up = Project.cli("lab", "up", source.toString());
        try {
            assertEquals(0, up.exit(), up.out() + up.err());
        } finally {
            assertEquals(0, Project.cli("lab", "down", source.toString()).exit());
        }
        assertGoneWithin5s("cleanup-stale");
    }

    // ---------------------------------------------------------------------------------------

    /** vpnc in a JVM of its own; {@code tied}: its labs end with it (as the test suite's do). */
    private static Process vpncProcess(boolean tied, String... args) throws IOException {
        // SIGINT back to its default: a shell that starts the suite in the background (`&`, no job
        // control) ignores SIGINT for all it starts, and a JVM that inherits that never sees it.
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dvpnc.lab.tied=" + tied, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until {@code count} hosts of the lab run (PID 1 recorded in its state). */
    private static void waitForHosts(String network, int count) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            LabState s = LabState.at(LabState.dirFor(network));
            if (s != null && s.holders().stream().filter(e -> e.pid() > 0).count() >= count) {
                return;
            }
            Shell.sleep(50);
        }
        Assertions.fail("the lab " + network + " did not start " + count + " hosts within 60 s");
    }

    /** No process carries the lab's marker 5 s from now at the latest. */
    private static void assertGoneWithin5s(String network) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Long> left = processesOf(network);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Shell.sleep(100);
            left = processesOf(network);
        }
        if (!left.isEmpty()) {
            StringBuilder what = new StringBuilder();
            for (long pid : left) {
                Path proc = Path.of("/proc", Long.toString(pid));
                String stat = Holder.read(proc.resolve("stat"));
                // "pid (comm) state ppid ...": the state and parent say whether it is dying or was never killed.
                String tail = stat.isEmpty() ? "gone" : stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[0]
                        + " ppid " + stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[1];
                String cmdline = Holder.read(proc.resolve("cmdline")).replace('\0', ' ').strip();
                what.append("\n  ").append(pid).append(' ').append(tail).append(' ')
                        .append(cmdline, 0, Math.min(cmdline.length(), 120));
            }
            Assertions.fail("processes of the lab " + network + " still alive after 5 s:" + what);
        }
    }

    private static List<Long> processesOf(String network) throws IOException {
        String marker = "vpnc-lab:" + network + ":";
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                String cmdline = Holder.read(p.resolve("cmdline"));
                if (cmdline.contains(marker) && Holder.isOurs(pid, cmdline.substring(cmdline.indexOf(marker)).split("\0")[0])) {
                    found.add(pid);
                }
            }
        }
        return found;
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + " (required in CI)");
            }
            Assumptions.abort(why);
        }
    }
}
