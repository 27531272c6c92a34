package dev.vpnc.resolve;

import java.util.List;

/** The modules shipped in stdlib/ (kept in one list so messages can name them). */
public final class Stdlib {
    private Stdlib() {
    }

    public static List<String> modules() {
        return List.of("std.bird2", "std.defaults", "std.timers");
    }
}
