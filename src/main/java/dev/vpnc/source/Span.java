package dev.vpnc.source;

/**
 * A range of characters in one source file: {@code start} inclusive, {@code end} exclusive.
 * Every AST node and every diagnostic label carries one.
 */
public record Span(SourceFile file, int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    public int endLine() {
        return file.line(Math.max(start, end - 1));
    }

    public int endColumn() {
        return file.column(end);
    }

    public String text() {
        return file.text().substring(start, Math.min(end, file.text().length()));
    }

    /** The smallest span covering both (same file). */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    /** {@code file:line:col}, as printed in diagnostics. */
    public String location() {
        return file.displayName() + ":" + line() + ":" + column();
    }

    @Override
    public String toString() {
        return location();
    }
}
