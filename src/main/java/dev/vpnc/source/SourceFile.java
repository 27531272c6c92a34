package dev.vpnc.source;

import java.util.ArrayList;
import java.util.List;

/**
 * One source text with its display name (as given on the command line or as the stdlib calls
 * it, never an absolute machine path) and the offsets of its lines. A text that is not .vpn
 * source (the lock file) is {@link #opaque}: diagnostics locate its lines but never quote them,
 * since such a file may hold anything, a key included.
 */
public final class SourceFile {
    private final String displayName;
    private final String text;
    private final boolean quotable;
    private final int[] lineStarts;

    public SourceFile(String displayName, String text) {
        this(displayName, text, true);
    }

    /** A text whose lines diagnostics may point at (line, column) but must not show. */
    public static SourceFile opaque(String displayName, String text) {
        return new SourceFile(displayName, text, false);
    }

    private SourceFile(String displayName, String text, boolean quotable) {
        this.displayName = displayName;
        this.text = text;
        this.quotable = quotable;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    /** False for a file that is not .vpn source: renderers print its locations, not its text. */
    public boolean quotable() {
        return quotable;
    }

    /** 1-based line of a 0-based character offset. */
    public int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of a 0-based character offset. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The offset of a 1-based line and column, clamped to the text (editors send positions). */
    public int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        return Math.max(start, Math.min(start + column - 1, end));
    }

    /** Text of a 1-based line, without its line terminator. */
    public String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        if (end > start && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
