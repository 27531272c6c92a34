package dev.vpnc.syntax;

import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;

/**
 * What to delete to remove a top-level statement (a declaration, an import) and leave the file
 * in the canonical layout ({@link Formatter}): whole lines, the statement's own comments, and no
 * blank line left doubled, leading or trailing.
 */
public final class Removal {
    private Removal() {
    }

    /**
     * The span that removes {@code statement}: its lines (a comment at the end of its last line
     * goes with it), the comment lines directly above it, and the blank lines that would be left
     * doubled, at the top of the file or at its end. Comments that open the file stay: they may be
     * its header rather than the statement's. A statement that shares a line with other code
     * (`profile a { } profile b { }`) is removed alone, its line left as it is.
     */
    public static Span ofStatement(Span statement) {
        SourceFile f = statement.file();
        int first = statement.line();
        int last = statement.endLine();
        String before = f.text().substring(start(f, first), statement.start());
        String after = f.text().substring(statement.end(), Math.max(statement.end(), end(f, last)));
        if (!before.isBlank() || !(after.isBlank() || after.strip().startsWith("#"))) {
            return statement;
        }
        int top = first;
        while (top > 1 && isComment(f.lineText(top - 1))) {
            top--;
        }
        if (top < first && blankUpTo(f, top - 1)) {
            top = first;
        }
        int bottom = last;
        boolean blankAbove = top > 1 && f.lineText(top - 1).isBlank();
        boolean atTop = blankUpTo(f, top - 1);
        boolean blankBelow = real(f, bottom + 1) && f.lineText(bottom + 1).isBlank();
        if (blankBelow && (blankAbove || atTop)) {
            while (real(f, bottom + 1) && f.lineText(bottom + 1).isBlank()) {
                bottom++;
            }
        } else if (blankAbove && blankFrom(f, bottom + 1)) {
            while (top > 1 && f.lineText(top - 1).isBlank()) {
                top--;
            }
        }
        return new Span(f, start(f, top), start(f, bottom + 1));
    }

    private static boolean isComment(String line) {
        return line.strip().startsWith("#");
    }

    /** Lines 1 to {@code line} are blank (none when {@code line} is 0); read upwards, it stops at the first that is not. */
    private static boolean blankUpTo(SourceFile f, int line) {
        for (int l = line; l >= 1; l--) {
            if (!f.lineText(l).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Lines from {@code line} to the end of the file are blank; it stops at the first character that is not. */
    private static boolean blankFrom(SourceFile f, int line) {
        String text = f.text();
        for (int i = start(f, line); i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A line of the text: not the empty one after its final newline, nor one past its end. */
    private static boolean real(SourceFile f, int line) {
        return line <= f.lineCount() && start(f, line) < f.text().length();
    }

    /** The offset of the first character of {@code line}; past the last line, the end of the text. */
    private static int start(SourceFile f, int line) {
        return f.offset(line, 1);
    }

    /** The offset of the end of {@code line}, before its line terminator. */
    private static int end(SourceFile f, int line) {
        return start(f, line) + f.lineText(line).length();
    }
}
