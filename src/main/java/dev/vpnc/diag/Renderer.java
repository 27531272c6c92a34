package dev.vpnc.diag;

import dev.vpnc.source.Span;
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
                .append(d.message()).append('\n');
        int gutter = Math.max(digits(d.span().line()),
                d.secondary().stream().mapToInt(l -> digits(l.span().line())).max().orElse(1));
        String pad = " ".repeat(gutter);
        out.append(pad).append("--> ").append(d.span().location()).append('\n');
        out.append(pad).append(" |\n");
        // Labels in the primary's file come in line order, as rustc shows them; labels in other
        // files follow, each under its own location line.
        record Mark(Span span, char mark, String label) {
        }
        List<Mark> same = new java.util.ArrayList<>();
        same.add(new Mark(d.span(), '^', d.label()));
        List<Mark> other = new java.util.ArrayList<>();
        for (Label l : d.secondary()) {
            (l.span().file() == d.span().file() ? same : other).add(new Mark(l.span(), '-', l.message()));
        }
        same.sort(java.util.Comparator.comparingInt(m -> m.span().start()));
        for (Mark m : same) {
            snippet(out, m.span(), m.mark(), m.label(), gutter);
        }
        for (Mark m : other) {
            out.append(pad).append("::: ").append(m.span().location()).append('\n');
            snippet(out, m.span(), m.mark(), m.label(), gutter);
        }
        if (!d.help().isEmpty()) {
            out.append(pad).append(" = help: ").append(d.help()).append('\n');
        }
        return out.toString();
    }

    private static void snippet(StringBuilder out, Span span, char mark, String label, int gutter) {
        if (span.file().text().isEmpty()) {
            return;
        }
        int line = span.line();
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
        String shown = (cutLeft ? "..." : "") + all.substring(from, to).replace('\t', ' ') + (cutRight ? "..." : "");
        int col = span.start() - from + (cutLeft ? 3 : 0);
        int width = Math.max(1, Math.min(span.end(), to) - span.start());
        col = Math.min(col, shown.length());
        String num = String.valueOf(line);
        out.append(" ".repeat(gutter - num.length())).append(num).append(" | ").append(shown).append('\n');
        out.append(" ".repeat(gutter)).append(" | ").append(" ".repeat(col))
                .append(String.valueOf(mark).repeat(width));
        if (!label.isEmpty()) {
            out.append(' ').append(label);
        }
        out.append('\n');
    }

    /** Characters shown on each side of the caret on a long line. */
    private static final int WINDOW = 100;

    private static int digits(int n) {
        return String.valueOf(n).length();
    }
}
