package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The progress line of a command that takes a while (compile, check): once it has run for a
 * second, one line on standard error, redrawn in place at most four times a second, such as
 * {@code vpnc: compiling net.vpn: rendering 150 hosts (2.1 s)}, and erased when the work ends,
 * before the command prints its diagnostics and summary, so that nothing of it stays in the
 * scrollback. Only on a terminal: standard error that is a pipe, a file or a CI log, or a
 * {@code --quiet} run, gets nothing. A command under a second gets nothing either.
 *
 * <p>The line is drawn only on the {@link Terminal} writer that {@link Main#main} makes when
 * the process's standard error is a terminal; every other writer (tests' in-process runs, a
 * pipe) is left alone.
 */
final class Progress implements AutoCloseable {
    /**
     * Hidden, for tests: milliseconds before the line appears (default 1000). {@code 0} draws it
     * at once, so that a test needs no slow network to see it.
     */
    static final String AFTER_ENV = "VPNC_PROGRESS_AFTER_MS";
    static final long DEFAULT_AFTER_MS = 1000;
    /** Between two draws: at most four a second. */
    static final long REDRAW_MS = 250;
    /** Back to the start of the line, and clear to its end. */
    static final String ERASE = "\r\033[K";
    /** The line's length when the terminal's width is not known ($COLUMNS not exported). */
    private static final int DEFAULT_WIDTH = 80;
    /** /dev/pts/N (a pseudo-terminal: xterm, ssh, tmux), /dev/ttyN (a console), /dev/console. */
    private static final Pattern TERMINAL = Pattern.compile("/dev/(pts/\\d+|tty\\w*|console)");

    /** Standard error, when it is a terminal: the only writer a progress line is drawn on. */
    static final class Terminal extends PrintWriter {
        Terminal(OutputStream stderr) {
            super(stderr, true);
        }
    }

    /** A writer on standard error for {@link Main#main}: a {@link Terminal} when it is one. */
    static PrintWriter stderr() {
        String device;
        try {
            device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            device = "";
        }
        return isTerminal(device, System.getenv("TERM")) ? new Terminal(System.err) : new PrintWriter(System.err, true);
    }

    /**
     * Java 17 cannot ask isatty(2): on Linux the link /proc/self/fd/2 names the device instead. A
     * terminal that cannot move the cursor (TERM unset or {@code dumb}: an editor's shell buffer)
     * counts as none.
     */
    static boolean isTerminal(String device, String term) {
        return TERMINAL.matcher(device).matches() && term != null && !term.isBlank() && !term.equals("dumb");
    }

    /** {@link #AFTER_ENV}'s value as a delay; the default when unset or not a count of milliseconds. */
    static long afterMillis(String env) {
        if (env != null && env.matches("\\d{1,9}")) {
            return Long.parseLong(env);
        }
        return DEFAULT_AFTER_MS;
    }

    private final PrintWriter err;
    private final String doing;
    private final long start = System.nanoTime();
    private final int width;
    private volatile String phase = "starting";
    private boolean drawn;
    private boolean closed;

    private Progress(PrintWriter err, boolean active, String doing, long afterMillis, int width) {
        this.err = err;
        this.doing = doing;
        this.width = width;
        if (!active) {
            closed = true;
            return;
        }
        // A plain daemon thread, not an executor: fewer classes to load, and start-up is most of a small run.
        Thread thread = new Thread(() -> redraw(afterMillis), "vpnc-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** "compiling net.vpn": the verb, and the name of the file without its folders (the line stays short). */
    static String doing(String verb, Path file) {
        Path name = file.getFileName();
        return verb + " " + (name == null ? file : name);
    }

    /**
     * The progress of one command, {@code doing} such as "compiling net.vpn"; draws nothing unless
     * {@code err} is a {@link Terminal} and the run is not quiet.
     */
    static Progress start(PrintWriter err, boolean quiet, String doing) {
        String columns = System.getenv("COLUMNS");
        int width = columns != null && columns.matches("\\d{2,4}") ? Integer.parseInt(columns) : DEFAULT_WIDTH;
        return start(err, quiet, doing, afterMillis(System.getenv(AFTER_ENV)), width);
    }

    /** {@link #start(PrintWriter, boolean, String)} with the delay and the terminal's width given. */
    static Progress start(PrintWriter err, boolean quiet, String doing, long afterMillis, int width) {
        if (quiet || !(err instanceof Terminal)) {
            return new Progress(err, false, doing, 0, 0);
        }
        return new Progress(err, true, doing, afterMillis, width);
    }

    /** Tells this progress the pipeline's phases. */
    Pipeline.Listener listener() {
        return (p, hosts) -> phase(describe(p, hosts));
    }

    static String describe(Pipeline.Phase p, int hosts) {
        String of = hosts == 0 ? "" : " " + hosts + (hosts == 1 ? " host" : " hosts");
        return switch (p) {
            case PARSE -> "parsing";
            case RESOLVE -> "resolving";
            case CHECK -> "checking" + of;
            case PLAN -> "planning" + of;
            case RENDER -> "rendering" + of;
        };
    }

    /** What the command does now, such as "writing 10856 files"; shown at the next redraw. */
    void phase(String what) {
        phase = what;
    }

    /** A line for the user while the work goes on: printed on a line of its own, the progress line drawn again below it. */
    synchronized void note(String line) {
        if (drawn) {
            err.print(ERASE);
            drawn = false;
        }
        err.println(line);
        err.flush();
    }

    /** The line as drawn now. */
    String line() {
        long tenths = (System.nanoTime() - start) / 100_000_000;
        String text = "vpnc: " + doing + ": " + phase + " (" + tenths / 10 + "." + tenths % 10 + " s)";
        // Longer than the terminal is wide, it would wrap, and \r would erase only its last row.
        return text.length() < width ? text : text.substring(0, Math.max(0, width - 4)) + "...";
    }

    /** The progress thread: the first draw after the delay, then one each {@link #REDRAW_MS} until closed. */
    private synchronized void redraw(long afterMillis) {
        long next = start + TimeUnit.MILLISECONDS.toNanos(afterMillis);
        try {
            while (!closed) {
                long left = next - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                    continue;
                }
                err.print("\r" + line() + "\033[K");
                err.flush();
                drawn = true;
                // From the end of a draw, not a fixed rate: after a pause (a stopped process) no burst of catch-up draws.
                next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REDRAW_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the redraws and erases the line: what the command prints next starts a clean line. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (drawn) {
            err.print(ERASE);
            err.flush();
            drawn = false;
        }
    }
}
