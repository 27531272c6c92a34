package dev.vpnc.ast;

import dev.vpnc.source.Span;

/** A name as written, e.g. a site or profile name, with where it was written. */
public record Name(String text, Span span) {
    @Override
    public String toString() {
        return text;
    }
}
