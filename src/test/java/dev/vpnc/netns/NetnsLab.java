package dev.vpnc.netns;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A throw-away lab of emulated hosts, each one a process tree in its own network, mount and PID
 * namespaces, joined by veth pairs. Nothing of it is visible from the machine's own namespaces,
 * and everything in it dies with its holder processes.
 *
 * <h2>Isolation recipe (checked on a machine without the WireGuard kernel module)</h2>
 *
 * <p>Each host is a <em>holder</em> process started from the machine's namespaces with
 *
 * <pre>
 * unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private \
 *         bash -c HOLDER vpnctXXXX-HOST
 * </pre>
 *
 * <ul>
 *   <li>{@code --net}: a fresh network namespace, anonymous (no file under the machine's
 *       /run/netns, so there is nothing to delete and nothing another test can see). The up.sh
 *       under test still creates its own named namespace {@code private}, but inside the host's
 *       private /run (below).</li>
 *   <li>{@code --mount --propagation private}: a copy of the machine's mount tree whose changes
 *       do not propagate back. The holder mounts a tmpfs on /run in it, so /run/netns (the
 *       {@code private} namespace of the scripts), /run/wireguard/*.sock (wireguard-go) and
 *       /run/vpnc/HOST (BIRD's socket and pid file) are per host and invisible to the machine.
 *       Files written later under /tmp (the bundles, the secrets) are still visible: same file
 *       system, only the mount table is copied. {@code ip netns add} works in there: it makes
 *       /run/netns a shared mount of its own.</li>
 *   <li>{@code --pid --fork --mount-proc}: a PID namespace whose PID 1 is the holder's bash and
 *       whose /proc (in the host's mount namespace) shows only the host's processes. PID 1 of
 *       this machine does not reap orphans, but bash does: the daemons up.sh starts
 *       (wireguard-go, BIRD double-fork) are re-parented to the holder and reaped when they die,
 *       so "no process left" can be checked without zombies. It also makes {@code netns 1} in
 *       down.sh ({@code ip link set dev eth1 netns 1}) mean the emulated host's namespace, not
 *       the machine's: PID 1 of the namespace is the holder, which sits in the host's network
 *       namespace.</li>
 *   <li>{@code --kill-child}: killing unshare (the Java {@link Process}) SIGKILLs the holder;
 *       when PID 1 of a PID namespace dies, the kernel kills every process in it, the mount
 *       namespace goes (and with it the bind mount that keeps {@code private} alive), and the
 *       network namespaces go with their interfaces: a veth dies with either end.</li>
 *   <li>The holder reads its stdin, a pipe from this JVM, and exits on end of file: if the JVM
 *       dies without running the cleanup, every host still dies within a second. A hard
 *       lifetime limit is a second safety net.</li>
 * </ul>
 *
 * <p>Commands run inside a host with {@code nsenter -t PID1 -m -n -p} (mount, network and PID
 * namespaces of the holder; nsenter forks so the command is inside the PID namespace too), each
 * under {@code timeout -s KILL}. Veth pairs are created from the machine's namespaces directly
 * between two holders ({@code ip link add A netns PID1 type veth peer name B netns PID2}), so they
 * never appear in the machine's namespace, even for an instant. Hence cleanup is: kill the
 * holders this lab started (by their pid), and check that nothing named after the lab is left.
 */
public final class NetnsLab implements AutoCloseable {
    /** Upper bound of a host's life, whatever happens to the JVM or the cleanup (unless a lab sets its own). */
    private static final int MAX_LIFETIME_SECONDS = 300;

    private static final String HOLDER = """
            set -u
            mount -t tmpfs -o mode=0755 vpnct-run /run
            mkdir -p /run/netns
            ip link set lo up
            echo ready
            # PID 1 of the host: bash reaps adopted orphans from its SIGCHLD handler while it
            # waits in read (woken every 0.2 s); end of file on stdin (the JVM closed it or died) ends the host.
            end=$((SECONDS + $1))
            while (( SECONDS < end )); do
              read -r -t 0.2 _
              (( $? == 1 )) && exit 0
            done
            """;

    /** The outcome of a command. */
    public record Result(List<String> command, int exit, String out, String err) {
        public String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }

        public Result ok() {
            Assertions.assertEquals(0, exit, () -> "command failed:\n" + describe());
            return this;
        }
    }

    /** An emulated host: the holder process and PID 1 of its namespaces as the machine sees it. */
    public final class Host {
        public final String name;
        final Process holder;
        public final long pid;

        private Host(String name, Process holder, long pid) {
            this.name = name;
            this.holder = holder;
            this.pid = pid;
        }

        /** Runs a command inside this host (network, mount and PID namespaces). */
        public Result run(int timeoutSeconds, Map<String, String> env, String... command) {
            List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-n", "-p", "--"));
            full.addAll(List.of(command));
            return exec(timeoutSeconds, env, full);
        }

        /** Runs a bash script inside this host. */
        public Result sh(int timeoutSeconds, String script) {
            return run(timeoutSeconds, Map.of(), "bash", "-c", script);
        }

        /** Runs a bash script inside this host and requires exit 0. */
        public String shOk(String script) {
            return sh(20, script).ok().out();
        }

        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }

    public final String prefix;
    private final Path scratch;
    private final List<Host> hosts = new ArrayList<>();

    private final int maxLifetimeSeconds;

    /** @param prefix vpnct plus a short random suffix: every name this lab creates starts with it */
    public NetnsLab(String prefix, Path scratch) {
        this(prefix, scratch, MAX_LIFETIME_SECONDS);
    }

    /** A lab whose hosts live at most {@code maxLifetimeSeconds}, for tests longer than the default. */
    public NetnsLab(String prefix, Path scratch, int maxLifetimeSeconds) {
        this.prefix = prefix;
        this.scratch = scratch;
        this.maxLifetimeSeconds = maxLifetimeSeconds;
    }

    public Host host(String shortName) throws IOException {
        String name = prefix + "-" + shortName;
        ProcessBuilder pb = new ProcessBuilder("unshare", "--net", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc", "--propagation", "private", "bash", "-c", HOLDER, name, Integer.toString(maxLifetimeSeconds))
                .redirectError(scratch.resolve(name + ".holder.err").toFile());
        Process holder = pb.start();
        // Registered before it is ready: close() kills it whatever happens next.
        Host pending = new Host(name, holder, -1);
        hosts.add(pending);
        BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("holder " + name + " did not start: " + e, e);
        }
        if (!"ready".equals(line)) {
            throw new IOException("holder " + name + " did not start: " + line + " / "
                    + Files.readString(scratch.resolve(name + ".holder.err")));
        }
        long pid = -1;
        String children = Files.readString(Path.of("/proc", Long.toString(holder.pid()), "task",
                Long.toString(holder.pid()), "children")).trim();
        for (String child : children.split("\\s+")) {
            if (!child.isEmpty() && cmdline(Long.parseLong(child)).contains(name)) {
                pid = Long.parseLong(child);
            }
        }
        if (pid < 0) {
            throw new IOException("no PID 1 found under unshare " + holder.pid() + " (children: " + children + ")");
        }
        Host host = new Host(name, holder, pid);
        hosts.set(hosts.indexOf(pending), host);
        return host;
    }

    /** A veth pair between two hosts, created directly in their namespaces. */
    public void veth(Host a, String nameInA, Host b, String nameInB) {
        exec(10, Map.of(), List.of("ip", "link", "add", nameInA, "netns", Long.toString(a.pid), "type", "veth",
                "peer", "name", nameInB, "netns", Long.toString(b.pid))).ok();
    }

    /** Runs a command in the machine's namespaces, killed after the timeout. */
    public Result exec(int timeoutSeconds, Map<String, String> env, List<String> command) {
        List<String> full = new ArrayList<>(List.of("timeout", "-s", "KILL", Integer.toString(timeoutSeconds)));
        full.addAll(command);
        try {
            File out = Files.createTempFile(scratch, "cmd", ".out").toFile();
            File err = Files.createTempFile(scratch, "cmd", ".err").toFile();
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    // Files, not pipes: a daemon that keeps an inherited descriptor cannot block us.
                    .redirectOutput(out)
                    .redirectError(err);
            Map<String, String> environment = new HashMap<>(env);
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds + 5L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            int exit = p.isAlive() ? -1 : p.exitValue();
            Result r = new Result(command, exit, Files.readString(out.toPath()), Files.readString(err.toPath()));
            Files.delete(out.toPath());
            Files.delete(err.toPath());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Pulls the plug on one host: its holder killed (by pid, as in {@link #shutdown}), everything
     * in its namespaces dies with it, as in a power cut: processes, network namespaces, the
     * interfaces it had (and the other end of its veth pairs), its /run. Files written under the
     * machine's /tmp stay, as a disk would.
     */
    public void powerOff(Host h) {
        try {
            h.holder.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        if (h.pid > 0 && cmdline(h.pid).contains(h.name)) {
            ProcessHandle.of(h.pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        h.holder.destroyForcibly();
        try {
            if (!h.holder.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("holder of " + h.name + " still alive");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 50 && h.pid > 0 && Files.exists(Path.of("/proc", Long.toString(h.pid))); i++) {
            sleep(100);
        }
        hosts.remove(h);
    }

    /**
     * Kills the holders this lab started, by pid only (a pid is checked to still be ours, by its
     * command line, before the signal), and waits for them; everything inside dies with them.
     * Returns what is still there, for the caller to report.
     */
    public List<String> shutdown() {
        List<String> problems = new ArrayList<>();
        for (Host h : hosts) {
            try {
                h.holder.getOutputStream().close(); // end of file: the holder exits by itself
            } catch (IOException e) {
                // already closed
            }
            if (h.pid > 0 && cmdline(h.pid).contains(h.name)) {
                ProcessHandle.of(h.pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            h.holder.destroyForcibly();
        }
        for (Host h : hosts) {
            try {
                if (!h.holder.waitFor(10, TimeUnit.SECONDS)) {
                    problems.add("holder of " + h.name + " (unshare pid " + h.holder.pid() + ") still alive");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (h.pid > 0) {
                for (int i = 0; i < 50 && Files.exists(Path.of("/proc", Long.toString(h.pid))); i++) {
                    sleep(100);
                }
                if (Files.exists(Path.of("/proc", Long.toString(h.pid))) && cmdline(h.pid).contains(h.name)) {
                    problems.add("PID 1 of " + h.name + " (pid " + h.pid + ") still alive");
                }
            }
        }
        hosts.clear();
        // Nothing of the lab may be visible from the machine: no interface, no named namespace.
        Result links = exec(10, Map.of(), List.of("ip", "-o", "link", "show"));
        for (String line : links.out().split("\n")) {
            if (line.contains(prefix)) {
                problems.add("interface left in the machine's namespace: " + line);
            }
        }
        Result netns = exec(10, Map.of(), List.of("ip", "netns", "list"));
        for (String line : netns.out().split("\n")) {
            if (line.contains(prefix)) {
                problems.add("network namespace left on the machine: " + line);
            }
        }
        return problems;
    }

    @Override
    public void close() {
        List<String> problems = shutdown();
        if (!problems.isEmpty()) {
            throw new AssertionError("lab cleanup: " + problems);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
