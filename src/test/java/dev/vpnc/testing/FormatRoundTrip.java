package dev.vpnc.testing;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.Formatter;
import dev.vpnc.syntax.Parser;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** `vpnc fmt` over the fuzz corpus: what parses formats to the same tree, and formatting is idempotent. */
public final class FormatRoundTrip {
    /** How many inputs parsed, so were formatted and compared (printed with the run's tally). */
    public static final AtomicLong ROUND_TRIPS = new AtomicLong();

    private FormatRoundTrip() {
    }

    /** What is wrong with formatting {@code text}: nothing when it round-trips or has syntax errors (left alone). */
    public static List<String> problems(String text) {
        Diagnostics parsed = new Diagnostics();
        FileAst before = Parser.parse(new SourceFile("f.vpn", text), parsed);
        Optional<String> once = Formatter.format(new SourceFile("f.vpn", text), new Diagnostics());
        if (parsed.hasErrors()) {
            return once.isPresent() ? List.of("fmt rewrote a file that has syntax errors") : List.of();
        }
        if (once.isEmpty()) {
            return List.of("fmt refused a file that parses");
        }
        ROUND_TRIPS.incrementAndGet();
        Diagnostics reparsed = new Diagnostics();
        FileAst after = Parser.parse(new SourceFile("f.vpn", once.get()), reparsed);
        if (reparsed.hasErrors()) {
            return List.of("fmt output does not parse:\n" + once.get());
        }
        if (!withoutSpans(before).equals(withoutSpans(after))) {
            return List.of("fmt changed the tree:\n" + once.get());
        }
        Optional<String> twice = Formatter.format(new SourceFile("f.vpn", once.get()), new Diagnostics());
        if (!once.equals(twice)) {
            return List.of("fmt is not idempotent: formatting\n" + once.get() + "\ngives\n" + twice.orElse("(nothing)"));
        }
        return List.of();
    }

    /** The tree's text with every span (printed as file:line:col) removed. */
    private static String withoutSpans(FileAst ast) {
        return (ast.imports().toString() + ast.declarations()).replaceAll("f\\.vpn:\\d+:\\d+", "");
    }
}
