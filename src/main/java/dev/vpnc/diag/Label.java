package dev.vpnc.diag;

import dev.vpnc.source.Span;

/** A span with a short message, e.g. "first declared here". */
public record Label(Span span, String message) {
}
