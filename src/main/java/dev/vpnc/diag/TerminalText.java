package dev.vpnc.diag;

import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Text from the input made safe to print on a terminal. Whoever writes a .vpn file (or names it)
 * chooses the characters that diagnostics echo, whoever wrote into an output directory those of
 * its diff ({@code vpnc plan --diff}): a raw ESC could move the cursor, rewrite the
 * title or hide lines, and a bidi override could make a snippet read other than it is. Such
 * characters are shown as Rust-style escapes, <code>&#92;u{1b}</code>, which a reader can see and no
 * terminal acts on. Other text, non-ASCII letters included, is left as it is.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** C0 controls, DEL, C1 controls, the bidi embeddings, overrides and isolates, and the bidi marks. */
    static boolean unsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200e || cp == 0x200f || cp == 0x061c;
    }

    /** The text with every unsafe character shown as an escape. */
    public static String escape(String text) {
        return escape(text, TerminalText::unsafe);
    }

    /**
     * As {@link #escape}, a tab kept: no terminal acts on it but to move to the next stop, and in a
     * file's lines (the diff of {@code vpnc plan --diff}) it is the file's own indentation.
     */
    public static String escapeKeepingTabs(String text) {
        return escape(text, cp -> cp != '\t' && unsafe(cp));
    }

    private static String escape(String text, IntPredicate unsafe) {
        if (text.codePoints().noneMatch(unsafe)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (unsafe.test(cp)) {
                b.append(String.format(Locale.ROOT, "\\u{%x}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
