package dev.vpnc.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Pauses of the whole machine while the lab runs: a process at real-time priority wakes every
 * 5 ms and notes each time it woke more than {@link #THRESHOLD_MICROS} late. Nothing of the lab
 * runs above it (BIRD: {@code chrt -r 10}), so such a pause is the machine's, not the network's:
 * on the virtual machines these labs were measured on, both processors now and then stop for
 * 100 ms (no context switch and no timer interrupt in a {@code perf} trace), which a BFD detection
 * of 150 ms cannot absorb. The report names the pauses during each failover round, to tell a
 * flap of the emulation's host from one of vpnc's design.
 *
 * <p>One bash process, no fork per turn: {@code read -t} on its standard input, a pipe from this
 * process that nothing is written to, sleeps, and {@code EPOCHREALTIME} gives the time. The end
 * of that pipe (this process closed it, or died, even by SIGKILL) ends the watcher: a killed
 * {@code lab test} leaves no real-time loop behind.
 */
final class StallWatch implements AutoCloseable {
    /** A pause: when it started (epoch seconds) and how long it lasted (s). */
    record Stall(double at, double seconds) {
        String describe() {
            // The machine's clock, as BIRD's session stamps are.
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(Math.round(at * 1000)), ZoneId.systemDefault());
            return String.format(Locale.ROOT, "%.2f s at %s", seconds, CLOCK.format(t));
        }
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /** Late by this much (µs) is a pause; the watcher's own wake-up is a few hundred µs late at most. */
    static final long THRESHOLD_MICROS = 50_000;

    private static final String SCRIPT = """
            set -u
            prev=${EPOCHREALTIME/./}
            while :; do
              read -r -t 0.005 _
              (( $? == 1 )) && exit 0
              now=${EPOCHREALTIME/./}
              (( now - prev > %d )) && echo "$prev $(( now - prev ))"
              prev=$now
            done
            """.formatted(5_000 + THRESHOLD_MICROS);

    private final Process process;
    private final Path log;

    private StallWatch(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts watching; its notes go to {@code dir/stalls}. At real-time priority where allowed, else as it can. */
    static StallWatch start(Path dir) {
        Path log = dir.resolve("stalls");
        boolean realtime = Shell.run(5, "chrt", "-f", "50", "true").ok();
        List<String> command = new ArrayList<>(realtime ? List.of("chrt", "-f", "50") : List.of());
        command.addAll(List.of("bash", "-c", SCRIPT, "stall-watch"));
        try {
            Process p = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectErrorStream(true).start();
            return new StallWatch(p, log);
        } catch (IOException e) {
            throw new LabException("cannot start the stall watcher: " + e.getMessage());
        }
    }

    /** The pauses that overlap {@code [from, to]} (epoch seconds). */
    List<Stall> between(double from, double to) {
        List<Stall> found = new ArrayList<>();
        for (Stall s : read()) {
            if (s.at() + s.seconds() >= from && s.at() <= to) {
                found.add(s);
            }
        }
        return found;
    }

    private List<Stall> read() {
        try {
            return parse(Files.readString(log));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lines "START_MICROS GAP_MICROS": the gap less the watcher's own 5 ms sleep. */
    static List<Stall> parse(String text) {
        List<Stall> stalls = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[0].matches("\\d+") && f[1].matches("\\d+")) {
                stalls.add(new Stall(Long.parseLong(f[0]) / 1e6, (Long.parseLong(f[1]) - 5_000) / 1e6));
            }
        }
        return stalls;
    }

    /** The watcher's process, for a test that pauses it. */
    long pid() {
        return process.pid();
    }

    /** Closes the watcher's standard input, as this process's death would. */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
