package dev.vpnc.diag;

import dev.vpnc.source.Span;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostics as JSON for editors and CI: one object per diagnostic with code, severity,
 * message, primary range (1-based lines and columns, end exclusive), secondary labels, help, and
 * the fixes the compiler proposes (text edits: a range and what to write over it).
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder b = new StringBuilder("{\"diagnostics\": [");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            b.append(i == 0 ? "\n  " : ",\n  ").append('{');
            field(b, "code", d.code().id()).append(", ");
            field(b, "severity", d.severity().label()).append(", ");
            field(b, "message", d.message()).append(", ");
            range(b, d.span()).append(", ");
            field(b, "label", d.label()).append(", ");
            b.append("\"secondary\": [");
            for (int j = 0; j < d.secondary().size(); j++) {
                Label l = d.secondary().get(j);
                b.append(j == 0 ? "" : ", ").append('{');
                range(b, l.span()).append(", ");
                field(b, "message", l.message()).append('}');
            }
            b.append("], ");
            field(b, "help", d.help()).append(", ");
            fixes(b, d.fixes()).append('}');
        }
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        b.append(diagnostics.isEmpty() ? "" : "\n").append("], \"errors\": ").append(errors)
                .append(", \"warnings\": ").append(diagnostics.size() - errors).append("}\n");
        return b.toString();
    }

    /** {@code "fixes": [{"title", "preferred", "edits": [{range, "replacement"}]}]}: the text to write over each range. */
    private static StringBuilder fixes(StringBuilder b, List<Fix> fixes) {
        b.append("\"fixes\": [");
        for (int i = 0; i < fixes.size(); i++) {
            Fix f = fixes.get(i);
            b.append(i == 0 ? "" : ", ").append('{');
            field(b, "title", f.title()).append(", \"preferred\": ").append(f.preferred()).append(", \"edits\": [");
            for (int j = 0; j < f.edits().size(); j++) {
                Fix.Edit e = f.edits().get(j);
                b.append(j == 0 ? "" : ", ").append('{');
                range(b, e.span()).append(", ");
                field(b, "replacement", e.replacement()).append('}');
            }
            b.append("]}");
        }
        return b.append(']');
    }

    private static StringBuilder range(StringBuilder b, Span s) {
        field(b, "file", s.file().displayName()).append(", ");
        b.append("\"start\": {\"line\": ").append(s.line()).append(", \"column\": ").append(s.column()).append("}, ");
        b.append("\"end\": {\"line\": ").append(s.file().line(s.end())).append(", \"column\": ").append(s.endColumn()).append('}');
        return b;
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append('"').append(name).append("\": ").append(quote(value));
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
