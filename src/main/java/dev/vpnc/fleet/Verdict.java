package dev.vpnc.fleet;

import java.util.Locale;

/**
 * A verdict, from the best to the worst. The first three are status.sh's; {@code UNKNOWN} is a
 * host whose status is missing, unreadable or not trusted: worse than degraded (its redundancy
 * cannot be vouched for), better than broken (nothing says a site is cut off).
 */
public enum Verdict {
    OK, DEGRADED, UNKNOWN, BROKEN;

    /** As status.sh writes it: {@code ok}, {@code degraded}, {@code unknown}, {@code broken}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict status.sh writes as {@code word}, or null (status.sh writes no "unknown"). */
    static Verdict ofStatusWord(String word) {
        return switch (word) {
            case "ok" -> OK;
            case "degraded" -> DEGRADED;
            case "broken" -> BROKEN;
            default -> null;
        };
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
