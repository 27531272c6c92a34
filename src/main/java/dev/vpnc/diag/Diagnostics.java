package dev.vpnc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every diagnostic of a run, so all errors are reported at once. Past {@link #LIMIT}
 * errors, and as many warnings, they are only counted: a garbled file can produce millions, and nobody reads past the first.
 */
public final class Diagnostics {
    public static final int LIMIT = 200;

    private final List<Diagnostic> all = new ArrayList<>();
    private long droppedErrors;
    private long droppedWarnings;

    private int keptErrors;
    private int keptWarnings;

    /** Errors and warnings are bounded apart, so ten thousand warnings never hide the one error. */
    public void add(Diagnostic d) {
        if (d.severity() == Severity.ERROR) {
            if (keptErrors < LIMIT) {
                keptErrors++;
                all.add(d);
            } else {
                droppedErrors++;
            }
        } else if (keptWarnings < LIMIT) {
            keptWarnings++;
            all.add(d);
        } else {
            droppedWarnings++;
        }
    }

    /** How many diagnostics were counted but not kept. */
    public long dropped() {
        return droppedErrors + droppedWarnings;
    }

    public void add(Diagnostic.Builder b) {
        add(b.build());
    }

    public boolean hasErrors() {
        return droppedErrors > 0 || all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public long errorCount() {
        return droppedErrors + all.stream().filter(d -> d.severity() == Severity.ERROR).count();
    }

    public long warningCount() {
        return droppedWarnings + all.stream().filter(d -> d.severity() == Severity.WARNING).count();
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
