package dev.vpnc.diag;

import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One finding about the input. The primary span is where the caret goes; secondary labels point
 * at related places (the first declaration of a duplicate name, the other overlapping prefix);
 * fixes are the repairs the compiler can write itself (the name it suggests), for editors.
 */
public record Diagnostic(
        Code code, String message, Span span, String label, List<Label> secondary, String help, List<Fix> fixes) {

    public Diagnostic {
        secondary = List.copyOf(secondary);
        fixes = List.copyOf(fixes);
    }

    public Severity severity() {
        return code.severity();
    }

    /** A value as quoted in a message: long ones are cut, so a 1 MB token does not flood the output. */
    public static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    public static Builder of(Code code, Span span, String message) {
        return new Builder(code, span, message);
    }

    /** Builder so that checks read as sentences: {@code of(...).label(...).help(...).build()}. */
    public static final class Builder {
        private final Code code;
        private final Span span;
        private final String message;
        private String label = "";
        private final ArrayList<Label> secondary = new ArrayList<>();
        private String help = "";
        private final ArrayList<Fix> fixes = new ArrayList<>();

        private Builder(Code code, Span span, String message) {
            this.code = code;
            this.span = span;
            this.message = message;
        }

        public Builder label(String text) {
            this.label = text;
            return this;
        }

        public Builder also(Span at, String text) {
            secondary.add(new Label(at, text));
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /** A repair to offer with the diagnostic; an editor lists them in this order. */
        public Builder fix(Fix f) {
            fixes.add(f);
            return this;
        }

        public Diagnostic build() {
            return new Diagnostic(code, message, span, label, secondary, help.isEmpty() ? code.defaultHelp() : help, fixes);
        }
    }
}
