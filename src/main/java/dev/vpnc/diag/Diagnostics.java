package dev.vpnc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every diagnostic of a run, so all errors are reported at once. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void add(Diagnostic.Builder b) {
        all.add(b.build());
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public long errorCount() {
        return all.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return all.stream().filter(d -> d.severity() == Severity.WARNING).count();
    }

    /** In source order (file, then offset, then code), so output is stable. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file().displayName())
                .thenComparingInt(d -> d.span().start())
                .thenComparing(d -> d.code().id()));
        return copy;
    }
}
