package dev.vpnc.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * An emulated host: a holder process in fresh network, mount and PID namespaces (the recipe of
 * the namespace tests, made to outlive the command that starts it).
 *
 * <p>{@code setsid unshare --net --mount --pid --fork --kill-child --mount-proc --propagation
 * private bash -c HOLDER MARKER STATE}: the bash is PID 1 of the host, so it reaps the daemons
 * up.sh starts (this machine's PID 1 does not reap orphans), and everything in the host dies
 * with it: killing it is the crash of the host. Its own tmpfs on /run gives each host its own
 * /run/netns (the bundle's {@code private} namespace), /run/wireguard and /run/vpnc; the lab's
 * state directory (bundles, hosts file), which lives under the machine's /run, is bind-mounted
 * back through a descriptor opened before the tmpfs hid it. setsid and /dev/null on stdin detach
 * it from the terminal and from the JVM, so it outlives {@code vpnc lab up}.
 *
 * @param name       host name (the .vpn's, or the lab's own: wan, lan-SITE)
 * @param marker     argument that identifies the holder as ours in /proc/PID/cmdline
 * @param unsharePid the unshare process (machine's PID namespace)
 * @param pid        PID 1 of the host as the machine sees it (nsenter target)
 */
public record Holder(String name, String marker, long unsharePid, long pid) {
    private static final String SCRIPT = """
            set -u
            state=$1
            exec 4<"$state"
            mount -t tmpfs -o mode=0755 vpnc-lab-run /run
            mkdir -p /run/netns "$state"
            mount -c --bind /proc/self/fd/4 "$state"
            exec 4<&-
            [ -f "$state/hosts" ] && mount --bind "$state/hosts" /etc/hosts
            # Before any interface exists, so that every interface inherits it: no duplicate
            # address detection (addresses usable at once, link-locals for OSPFv3 and BGP).
            sysctl -q -w net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0
            ip link set lo up
            mkfifo /run/.vpnc-lab-hold
            exec 3<>/run/.vpnc-lab-hold
            echo ready
            # PID 1 of the host: bash reaps adopted orphans from its SIGCHLD handler while it
            # waits in read (woken every second). A host tied to the process that started it
            # reads its stdin, a pipe from that process: end of file (the process closed it, or
            # died, even by SIGKILL) ends the host, and the kernel then ends everything in it.
            if [ "${2:-}" = tied ]; then
              while :; do read -r -t 1 _; (( $? == 1 )) && exit 0; done
            fi
            while :; do read -r -t 1 -u 3 _; done
            """;

    /** Holders tied to this process, by marker: their stdin pipes stay open as long as they are referenced here. */
    private static final Map<String, Process> TIED = new ConcurrentHashMap<>();

    /** Starts the holder's process and records its pid, before anything can go wrong after. */
    @FunctionalInterface
    interface Launch {
        Process start(ProcessBuilder pb) throws IOException;
    }

    /** Starts a holder through {@code launch}. A {@code tied} holder ends when this process does (see the script). */
    static Holder start(String name, String marker, Path state, Path log, Launch launch, boolean tied) {
        ProcessBuilder pb = new ProcessBuilder("setsid", "unshare", "--net", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc", "--propagation", "private", "bash", "-c", SCRIPT, marker, state.toString(), tied ? "tied" : "")
                .redirectInput(tied ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.toFile())
                .redirectErrorStream(true);
        Process p;
        try {
            p = launch.start(pb);
        } catch (IOException e) {
            throw new LabException("cannot start the holder of " + name + ": " + e.getMessage());
        }
        if (tied) {
            TIED.put(marker, p);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String logText = read(log);
            if (logText.lines().anyMatch("ready"::equals)) {
                for (String child : read(Path.of("/proc", Long.toString(p.pid()), "task", Long.toString(p.pid()), "children"))
                        .trim().split("\\s+")) {
                    if (!child.isEmpty() && isOurs(Long.parseLong(child), marker)) {
                        return new Holder(name, marker, p.pid(), Long.parseLong(child));
                    }
                }
            }
            if (!p.isAlive()) {
                throw new LabException("the holder of " + name + " ended: " + logText.strip());
            }
            Shell.sleep(5);
        }
        throw new LabException("the holder of " + name + " did not start within 10 s: " + read(log).strip());
    }

    /** Runs a command inside this host (its network, mount and PID namespaces). */
    public Shell.Result run(int timeoutSeconds, Map<String, String> env, List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-m", "-n", "-p", "--"));
        full.addAll(command);
        return Shell.run(timeoutSeconds, env, full);
    }

    /** Runs a bash script inside this host. */
    public Shell.Result sh(int timeoutSeconds, String script) {
        return run(timeoutSeconds, Map.of(), List.of("bash", "-c", script));
    }

    /** Runs a bash script inside this host; fails the lab operation when it fails. */
    public String shOk(String what, String script) {
        Shell.Result r = sh(30, "set -e\n" + script);
        if (!r.ok()) {
            throw new LabException(name + ": " + what + " failed:\n" + r.describe());
        }
        return r.out();
    }

    /** True while the host lives. */
    public boolean alive() {
        return isOurs(pid, marker);
    }

    /** True when the process is alive (not a zombie) and carries the marker as one of its arguments. */
    static boolean isOurs(long pid, String marker) {
        if (pid <= 0) {
            return false;
        }
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (stat.isEmpty() || close < 0 || stat.substring(close + 1).trim().startsWith("Z")) {
            return false;
        }
        return Arrays.asList(read(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0")).contains(marker);
    }

    /**
     * Kills the host: PID 1 (the kernel then kills everything in its PID namespace and the
     * namespaces go), after which unshare ends by itself; each only after checking that the pid
     * is still ours.
     * Returns false if one of them is still alive after 5 s.
     */
    static boolean kill(long unsharePid, long pid, String marker) {
        Process tied = TIED.remove(marker);
        if (tied != null) {
            try {
                tied.getOutputStream().close();
            } catch (IOException alreadyClosed) {
                // the host ends by the kill below anyway
            }
        }
        // Each killed process is then waited for by its start time, not its marker: PID 1 loses its
        // command line as soon as it starts exiting, while the kernel is still killing the rest of
        // its PID namespace (wireguard-go, BIRD, flows) and waits for them before PID 1 is gone.
        String pidStart = isOurs(pid, marker) ? startTime(pid) : "";
        String unshareStart = isOurs(unsharePid, marker) ? startTime(unsharePid) : "";
        // PID 1 only: unshare, its parent, then reaps it and exits by itself. Killed together,
        // unshare could go first, and PID 1 would be left to the machine's init to reap: a dead
        // host's process seen for a while after the lab or test that made it has ended.
        if (isOurs(pid, marker)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long start = System.nanoTime();
        boolean unshareKilled = false;
        while (System.nanoTime() - start < 5_000_000_000L) {
            if (!isOurs(pid, marker) && !isOurs(unsharePid, marker)
                    && !living(pid, pidStart) && !living(unsharePid, unshareStart)) {
                return true;
            }
            // An unshare that outlives its child by 2 s will not end by itself.
            if (!unshareKilled && System.nanoTime() - start > 2_000_000_000L && isOurs(unsharePid, marker)) {
                ProcessHandle.of(unsharePid).ifPresent(ProcessHandle::destroyForcibly);
                unshareKilled = true;
            }
            // Not Shell.sleep: ending a lab must work on a thread that was interrupted (a test's timeout).
            LockSupport.parkNanos(20_000_000L);
        }
        return false;
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks): with the pid, one process's identity. */
    private static String startTime(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        String[] f = close < 0 ? new String[0] : stat.substring(close + 2).split(" ");
        return f.length > 19 ? f[19] : "";
    }

    /** True while the process that had {@code start} as its start time exists and is not a zombie. */
    private static boolean living(long pid, String start) {
        if (pid <= 0 || start.isEmpty()) {
            return false;
        }
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        return close >= 0 && !stat.substring(close + 2).startsWith("Z") && start.equals(startTime(pid));
    }

    boolean kill() {
        return kill(unsharePid, pid, marker);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
