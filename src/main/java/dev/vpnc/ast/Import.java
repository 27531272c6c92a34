package dev.vpnc.ast;

import dev.vpnc.source.Span;

/** {@code import std.timers} (stdlib module) or {@code import "common.vpn"} (file). */
public sealed interface Import {
    Span span();

    record Stdlib(String module, Span span) implements Import {
    }

    record File(String path, Span span) implements Import {
    }
}
