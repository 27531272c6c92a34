package dev.vpnc.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StallWatchTest {
    @Test
    void linesAreStartAndGapInMicrosecondsLessTheWatchersOwnSleep() {
        List<StallWatch.Stall> stalls = StallWatch.parse("1796563410039000 105000\nnoise\n1796563411000000 60000\n");
        assertEquals(2, stalls.size());
        assertEquals(1796563410.039, stalls.get(0).at(), 1e-6);
        assertEquals(0.100, stalls.get(0).seconds(), 1e-9);
        assertEquals(0.055, stalls.get(1).seconds(), 1e-9);
    }

    /** A watcher stopped for 300 ms (SIGSTOP, as a paused processor would) notes a pause of about that. */
    @Test
    void aPausedWatcherNotesThePause(@TempDir Path dir) {
        try (StallWatch watch = StallWatch.start(dir)) {
            Shell.sleep(200);
            double before = System.currentTimeMillis() / 1000.0;
            assertTrue(Shell.run(5, "kill", "-STOP", Long.toString(watch.pid())).ok());
            Shell.sleep(300);
            assertTrue(Shell.run(5, "kill", "-CONT", Long.toString(watch.pid())).ok());
            List<StallWatch.Stall> seen = List.of();
            for (int i = 0; i < 50 && seen.isEmpty(); i++) {
                Shell.sleep(100);
                seen = watch.between(before, System.currentTimeMillis() / 1000.0);
            }
            assertFalse(seen.isEmpty(), "no pause noted");
            // Generous bounds: the machine may be busy, which only lengthens the pause.
            assertTrue(seen.stream().anyMatch(s -> s.seconds() >= 0.2 && s.seconds() < 10), seen.toString());
            assertTrue(watch.between(before - 100, before - 50).isEmpty());
        }
    }

    /** The watcher ends with the end of its input, which is what the death of lab test closes. */
    @Test
    void theWatcherEndsWhenItsParentGoesAway(@TempDir Path dir) throws Exception {
        try (StallWatch watch = StallWatch.start(dir)) {
            ProcessHandle watcher = ProcessHandle.of(watch.pid()).orElseThrow();
            Shell.sleep(200);
            assertTrue(watcher.isAlive());
            watch.endInput();
            watcher.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(watcher.isAlive());
        }
    }
}
