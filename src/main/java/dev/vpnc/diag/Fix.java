package dev.vpnc.diag;

import dev.vpnc.source.Span;
import java.util.List;

/**
 * A repair the compiler proposes with a diagnostic, as text edits: "Replace `edgee` with `edge`".
 * It travels as data (spans and the new text), so an editor applies it without reading the
 * diagnostic's help back. {@code preferred}: the likely intent, safe to apply without looking
 * (an editor's auto-fix); a stub the user must still fill in, or a deletion, is not.
 */
public record Fix(String title, List<Edit> edits, boolean preferred) {

    public Fix {
        edits = List.copyOf(edits);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix without edits: " + title);
        }
    }

    /**
     * Replaces the text of {@code span} with {@code replacement}: an empty span inserts, an empty
     * replacement deletes. The edits of one fix do not overlap.
     */
    public record Edit(Span span, String replacement) {
    }

    /** Deletes {@code span}: never preferred, the user decides what goes. */
    public static Fix delete(String title, Span span) {
        return new Fix(title, List.of(new Edit(span, "")), false);
    }

    /** The text at {@code at}, {@code written}, replaced by {@code replacement}: a preferred fix. */
    public static Fix replace(Span at, String written, String replacement) {
        return new Fix("Replace `" + Diagnostic.shorten(written) + "` with `" + Diagnostic.shorten(replacement) + "`",
                List.of(new Edit(at, replacement)), true);
    }
}
