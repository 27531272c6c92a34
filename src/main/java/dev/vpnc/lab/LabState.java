package dev.vpnc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a lab started, on disk so that {@code lab down} (another process, maybe after a crashed
 * {@code lab up}) ends exactly that: the pids of its holders. Rewritten atomically on every
 * change; a holder is recorded as soon as its unshare process exists, before it is ready.
 *
 * <pre>
 * source /abs/path/net.vpn
 * network NAME
 * holder HOST UNSHARE_PID PID1_OR_0 MARKER
 * </pre>
 */
public final class LabState {
    /** Where labs live: one directory per network, bundles and state file inside. */
    public static final Path BASE = Path.of(System.getProperty("vpnc.lab.base", "/run/vpnc-lab"));
    static final String FILE = "state";
    /**
     * With {@code -Dvpnc.lab.tied=true} (the test suite sets it), every host this process starts
     * ends when the process ends, however it ends: a test run never leaves a lab behind. Without
     * it, a lab outlives {@code vpnc lab up} until {@code vpnc lab down}.
     */
    static final boolean TIED = Boolean.getBoolean("vpnc.lab.tied");

    /** One holder as recorded. */
    public record Entry(String host, long unsharePid, long pid, String marker) {
    }

    private final Path dir;
    private final Path source;
    private final String network;
    private final Map<String, Entry> holders = new LinkedHashMap<>();

    LabState(Path dir, Path source, String network) {
        this.dir = dir;
        this.source = source;
        this.network = network;
    }

    /** A new lab's state (its directory is created; it must not exist). */
    public static LabState create(Path dir, Path source, String network) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        LabState s = new LabState(dir, source.toAbsolutePath().normalize(), network);
        s.save();
        return s;
    }

    public static Path dirFor(String network) {
        return BASE.resolve(network);
    }

    public Path dir() {
        return dir;
    }

    public Path source() {
        return source;
    }

    public String network() {
        return network;
    }

    public synchronized List<Entry> holders() {
        return new ArrayList<>(holders.values());
    }

    synchronized void record(Entry e) {
        holders.put(e.host(), e);
        save();
    }

    /** Set by {@link #end()}: no holder starts any more. */
    private boolean ending;

    /**
     * Starts a holder's process and records its pid, both under this state's monitor: once
     * {@link #end()} has returned, every holder that will ever exist is recorded, so one pass of
     * {@code lab down} ends them all, even while another thread is still building the lab.
     */
    synchronized Process launch(ProcessBuilder pb, String host, String marker) throws IOException {
        if (ending) {
            throw new LabException("the lab is being ended: " + host + " is not started");
        }
        Process p = pb.start();
        record(new Entry(host, p.pid(), 0, marker));
        return p;
    }

    /** No holder starts after this returns (a SIGINT or SIGTERM of `lab up` ends the lab being built). */
    public synchronized void end() {
        ending = true;
    }

    synchronized void forget(String host) {
        holders.remove(host);
        save();
    }

    synchronized void save() {
        StringBuilder sb = new StringBuilder();
        sb.append("source ").append(source).append('\n');
        sb.append("network ").append(network).append('\n');
        for (Entry e : holders.values()) {
            sb.append("holder ").append(e.host()).append(' ').append(e.unsharePid()).append(' ').append(e.pid())
                    .append(' ').append(e.marker()).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabState load(Path dir) {
        try {
            LabState s = null;
            Path source = null;
            for (String line : Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f[0].equals("source")) {
                    source = Path.of(line.substring("source ".length()));
                } else if (f[0].equals("network")) {
                    s = new LabState(dir, source, f[1]);
                } else if (f[0].equals("holder") && s != null && f.length == 5) {
                    s.holders.put(f[1], new Entry(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]));
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The state in {@code dir}, or null when there is none that can be read. */
    public static LabState at(Path dir) {
        return load(dir);
    }

    /**
     * Whether the lab in {@code dir} is left over from a run that ended without `lab down` (a
     * killed JVM, a crash): it has no state that can be read, or none of its hosts is alive.
     */
    public static boolean stale(Path dir) {
        LabState s = load(dir);
        return s == null || s.holders().stream().noneMatch(e -> Holder.isOurs(e.pid(), e.marker())
                || Holder.isOurs(e.unsharePid(), e.marker()));
    }

    /** Labs started from this source file (normally zero or one). */
    public static List<LabState> findBySource(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        List<LabState> found = new ArrayList<>();
        if (!Files.isDirectory(BASE)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(BASE)) {
            for (Path d : dirs.sorted().toList()) {
                LabState s = load(d);
                if (s != null && abs.equals(s.source)) {
                    found.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
