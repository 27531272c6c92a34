package dev.vpnc.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The cold start that {@code lab up} measured, kept in the lab's state for {@code lab test}'s
 * report: the time from the start of every host's up.sh (all at once, as after a power cut)
 * until every site pings every other one.
 */
final class ColdStart {
    private static final String FILE = "cold-start";

    private ColdStart() {
    }

    /**
     * Target: 4 s on the reference network (9 hosts), 6 s on 12 hosts; 2 s more per 3 hosts
     * beyond, since every emulated host's up.sh shares the same cores.
     */
    static double target(int hosts) {
        return 4 + Math.max(0, hosts - 9) * 2.0 / 3;
    }

    static void save(LabState state, LabUp.Figures f) {
        try {
            Files.writeString(state.dir().resolve(FILE),
                    String.format(Locale.ROOT, "%.3f %.3f%n", f.upScripts(), f.pinging()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code lab up} measured, if this lab's state has it (a lab left by an older vpnc has not). */
    static Optional<LabUp.Figures> read(LabState state) {
        Path file = state.dir().resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String[] f = Files.readString(file).trim().split(" ");
            return Optional.of(new LabUp.Figures(0, Double.parseDouble(f[0]), Double.parseDouble(f[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
