package dev.vpnc.diag;

import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders diagnostics the way rustc does:
 *
 * <pre>
 * error[E0103]: unknown profile `edg`
 *   --> net.vpn:12:27
 *    |
 * 12 |   gateway v1-1 uses edg { endpoint 2001:db8:1::1 }
 *    |                     ^^^ not declared
 *    = help: did you mean `edge`?
 * </pre>
 *
 * Everything printed that comes from the input (messages, names, snippets, labels) goes through
 * {@link TerminalText#escape}, so a source cannot send control characters to the terminal. A file
 * that is not .vpn source ({@link dev.vpnc.source.SourceFile#quotable()} false: the lock) is
 * located by line, its text never shown.
 */
public final class Renderer {
    private Renderer() {
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d)).append('\n');
        }
        return out.toString();
    }

    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        out.append(d.severity().label()).append('[').append(d.code().id()).append("]: ")
                .append(TerminalText.escape(d.message())).append('\n');
        int gutter = Math.max(digits(d.span().line()),
                d.secondary().stream().mapToInt(l -> digits(l.span().line())).max().orElse(1));
        String pad = " ".repeat(gutter);
        out.append(pad).append("--> ").append(TerminalText.escape(d.span().location())).append('\n');
        out.append(pad).append(" |\n");
        // Labels in the primary's file come in line order, as rustc shows them; labels in other
        // files follow, each under its own location line.
        record Mark(Span span, char mark, String label) {
        }
        List<Mark> same = new ArrayList<>();
        same.add(new Mark(d.span(), '^', d.label()));
        List<Mark> other = new ArrayList<>();
        for (Label l : d.secondary()) {
            (l.span().file() == d.span().file() ? same : other).add(new Mark(l.span(), '-', l.message()));
        }
        same.sort(Comparator.comparingInt(m -> m.span().start()));
        for (Mark m : same) {
            snippet(out, m.span(), m.mark(), m.label(), gutter);
        }
        for (Mark m : other) {
            out.append(pad).append("::: ").append(TerminalText.escape(m.span().location())).append('\n');
            snippet(out, m.span(), m.mark(), m.label(), gutter);
        }
        if (!d.help().isEmpty()) {
            out.append(pad).append(" = help: ").append(TerminalText.escape(d.help())).append('\n');
        }
        return out.toString();
    }

    private static void snippet(StringBuilder out, Span span, char mark, String label, int gutter) {
        if (span.file().text().isEmpty()) {
            return;
        }
        int line = span.line();
        String num = String.valueOf(line);
        String labelText = label.isEmpty() ? "" : " " + TerminalText.escape(label);
        if (!span.file().quotable()) {
            // Not .vpn source (it could be anything, a key): the line number and the label only.
            out.append(" ".repeat(gutter - num.length())).append(num).append(" | ").append(mark).append(labelText).append('\n');
            return;
        }
        // Long lines are shown as a window around the caret: a 1 MB line stays one short snippet.
        String all = span.file().text();
        int lineStart = span.file().offset(line, 1);
        int from = Math.max(lineStart, span.start() - WINDOW);
        int to = from;
        while (to < all.length() && all.charAt(to) != '\n' && all.charAt(to) != '\r' && to - span.start() < WINDOW) {
            to++;
        }
        boolean cutLeft = from > lineStart;
        boolean cutRight = to < all.length() && all.charAt(to) != '\n' && all.charAt(to) != '\r';
        // The caret goes under the marked text as printed, escapes included.
        int markStart = Math.min(span.start(), to);
        int markEnd = Math.max(markStart, Math.min(span.end(), to));
        String before = (cutLeft ? "..." : "") + shown(all.substring(from, markStart));
        String marked = shown(all.substring(markStart, markEnd));
        String after = shown(all.substring(markEnd, to)) + (cutRight ? "..." : "");
        out.append(" ".repeat(gutter - num.length())).append(num).append(" | ").append(before).append(marked).append(after).append('\n');
        out.append(" ".repeat(gutter)).append(" | ").append(" ".repeat(before.length()))
                .append(String.valueOf(mark).repeat(Math.max(1, marked.length()))).append(labelText).append('\n');
    }

    /** Source text as a snippet shows it: tabs as spaces (so the caret lines up), controls escaped. */
    private static String shown(String text) {
        return TerminalText.escape(text.replace('\t', ' '));
    }

    /** Characters shown on each side of the caret on a long line. */
    private static final int WINDOW = 100;

    private static int digits(int n) {
        return String.valueOf(n).length();
    }
}
