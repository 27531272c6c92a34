package dev.vpnc.emit.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Coordinates as printed: one decimal at most, no exponent, no locale, no negative zero. */
final class Coordinates {
    private Coordinates() {
    }

    static String format(double v) {
        // BigDecimal rounds the exact binary value, so the text never depends on the JVM's formatter.
        String s = new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
