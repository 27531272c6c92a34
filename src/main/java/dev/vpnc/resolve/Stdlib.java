package dev.vpnc.resolve;

import dev.vpnc.source.SourceFile;
import java.util.List;

/** The modules shipped in stdlib/ (kept in one list so messages can name them). */
public final class Stdlib {
    private Stdlib() {
    }

    /** Whether a source file is one of the stdlib's (shipped in the jar). */
    public static boolean isStdlib(SourceFile file) {
        return file.displayName().startsWith("<stdlib>/");
    }

    public static List<String> modules() {
        return List.of("std.bird2", "std.defaults", "std.timers");
    }
}
