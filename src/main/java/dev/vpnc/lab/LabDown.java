package dev.vpnc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Ends a lab: kills the holders recorded in its state, by pid and only after checking that the
 * pid still carries the lab's marker (a pid reused since is left alone); everything the lab
 * created lived in their namespaces and goes with them. Works on whatever a failed or
 * interrupted {@code lab up} left: the state records a holder before it is even ready.
 */
public final class LabDown {
    private LabDown() {
    }

    /**
     * Returns what could not be removed (empty: nothing of the lab is left). Works on a thread that
     * was interrupted (a test's timeout ends it that way): nothing here waits interruptibly.
     */
    public static List<String> down(LabState state) {
        boolean interrupted = Thread.interrupted();
        try {
            return downUninterrupted(state);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> downUninterrupted(LabState state) {
        List<String> problems = new ArrayList<>();
        for (LabState.Entry e : state.holders()) {
            if (!Holder.kill(e.unsharePid(), e.pid(), e.marker())) {
                problems.add("host " + e.host() + " (pid " + e.pid() + ") still alive");
            }
        }
        if (problems.isEmpty()) {
            deleteTree(state.dir());
        }
        return problems;
    }

    /** Removes a lab folder that has no state to read (no host was ever recorded in it). */
    public static List<String> removeState(Path dir) {
        try {
            deleteTree(dir);
            return List.of();
        } catch (UncheckedIOException e) {
            return List.of("cannot remove " + dir + ": " + e.getCause().getMessage());
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
