package dev.vpnc.review;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.Patch;
import dev.vpnc.diag.TerminalText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines compile would change in one file of an output directory, as {@code vpnc plan --diff}
 * shows them: a unified diff ({@value #CONTEXT} lines of context, {@code @@} hunk headers) of the
 * file in DIR against the file compile would write, or a note saying why none is shown.
 * java-diff-utils finds the changed lines and groups them into hunks; this class decides what may
 * be shown and makes every line printable.
 */
public final class FileDiff {
    /** Lines of context around each change, as {@code diff -u}. */
    public static final int CONTEXT = 3;
    /**
     * Lines removed plus lines added past which the search stops. Myers' algorithm takes time in
     * the size of the files times the number of changes: a generated file differs from its last
     * compile in a few lines, but a large file that is something else entirely (DIR is the user's)
     * would take minutes; past this many changes the diff would not be read anyway.
     */
    static final int MAX_EDITS = 10_000;
    /** The side compile would create: a name for the header, not a path that exists. */
    private static final String NOTHING = "/dev/null";

    private FileDiff() {
    }

    /** What is shown under a file: its diff, or a note instead. */
    public sealed interface Shown permits Lines, Note {
    }

    /** A unified diff, its two headers first; each line without its newline, printable on a terminal. */
    public record Lines(List<String> lines) implements Shown {
        public Lines {
            lines = List.copyOf(lines);
        }
    }

    /** Why no diff is shown. */
    public record Note(String text) implements Shown {
    }

    public static final Note NOT_TEXT = new Note("binary or not UTF-8: not shown");

    /** A file compile would add: its lines as added ones, against nothing. */
    public static Shown added(String newName, String text) {
        return diff(NOTHING, "", newName, text);
    }

    /**
     * A file of DIR that compile would rewrite, against its new text. The old bytes are the
     * user's: shown only when they are a regular file's UTF-8 text without NUL, never decoded
     * leniently (a replacement character would show a line that is not in the file).
     */
    public static Shown changed(String oldName, OutputTree.Found old, String newName, String text) {
        if (!old.regular()) {
            return new Note("not a regular file: not shown");
        }
        return text(old.bytes()).map(was -> diff(oldName, was, newName, text)).orElse(NOT_TEXT);
    }

    /** The bytes as text: strict UTF-8 and no NUL (a NUL is what tells git a binary file), or empty. */
    static Optional<String> text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Shown diff(String oldName, String old, String newName, String now) {
        List<String> a = lines(old);
        List<String> b = lines(now);
        Patch<String> patch;
        try {
            // The algorithm named, not DiffUtils' default: that one is a global anyone may replace.
            patch = DiffUtils.diff(a, b, new MyersDiff<String>(), new EditLimit());
        } catch (TooManyChanges e) {
            return new Note("more than " + MAX_EDITS + " lines removed and added: not shown");
        }
        if (patch.getDeltas().isEmpty()) {
            // Lines keep their newline, so equal lines are equal texts: only a new empty file.
            return new Note("empty file");
        }
        List<String> out = new ArrayList<>();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, a, patch, CONTEXT);
        for (int i = 0; i < unified.size(); i++) {
            String line = unified.get(i);
            if (i < 2) {
                out.add(TerminalText.escapeKeepingTabs(line));
            } else if (line.startsWith("@@")) {
                out.add(hunkHeader(line));
            } else {
                // ' ', '-' or '+' and the line as split, its newline included when it has one.
                boolean newline = line.endsWith("\n");
                out.add(TerminalText.escapeKeepingTabs(newline ? line.substring(0, line.length() - 1) : line));
                if (!newline) {
                    out.add("\\ No newline at end of file");
                }
            }
        }
        return new Lines(out);
    }

    /**
     * The file's lines, each with its {@code \n}: a last line without one then differs from the
     * same line with one, as in {@code diff -u}, and a {@code \r} stays in its line (printed
     * <code>&#92;u{d}</code>), so neither a missing last newline nor CRLF line ends make a diff of nothing.
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl + 1));
            start = nl + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * java-diff-utils numbers an empty side from 1 ({@code @@ -1,0 +1,4 @@}); {@code diff -u} and
     * {@code patch} number it 0, the line before which nothing is. A side is empty only when its
     * file is: any other hunk has a line of context on both sides.
     */
    private static String hunkHeader(String line) {
        return line.replaceFirst("^@@ -1,0 ", "@@ -0,0 ").replaceFirst(" \\+1,0 @@$", " +0,0 @@");
    }

    /** Stops the search once the edit script grows past {@link #MAX_EDITS}: called at each step. */
    private static final class EditLimit implements DiffAlgorithmListener {
        @Override
        public void diffStart() {
        }

        @Override
        public void diffStep(int value, int max) {
            if (value > MAX_EDITS) {
                throw new TooManyChanges();
            }
        }

        @Override
        public void diffEnd() {
        }
    }

    private static final class TooManyChanges extends RuntimeException {
        TooManyChanges() {
            super(null, null, false, false);
        }
    }
}
