package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.source.Span;

/**
 * The texts of the diagnostics about vpnc.lock (E0312, E0314): a line vpnc cannot read, and two
 * entries that claim one value. Entries are named as the lock file writes them ({@code tunnel A B}).
 */
public final class LockMessages {
    private LockMessages() {
    }

    // ---- E0312: a line that cannot be read ----

    public static Diagnostic.Builder unsupportedLockVersion(Span at) {
        return unreadableLine(at, "this vpnc reads lock files of version 1");
    }

    /** {@code form}: how an entry of that kind is written, e.g. {@code asn SITE NUMBER}. */
    public static Diagnostic.Builder malformedLockEntry(Span at, String form) {
        return unreadableLine(at, "expected `" + form + "`");
    }

    /**
     * An entry about a tunnel written {@code tunnel b a} (or {@code psk b a}): the fix swaps the two
     * gateways. {@code kind}: the entry's first word.
     */
    public static Diagnostic.Builder gatewaysOutOfOrder(Span at, String kind, String first, String second) {
        return unreadableLine(at, "the two gateways of a tunnel are written in name order: `" + kind + " " + second + " "
                + first + " ...`");
    }

    /** A rotation count of 0 or less: a key never rotated has no entry. */
    public static Diagnostic.Builder rotationNotPositive(Span at) {
        return unreadableLine(at, "a rotation count is 1 or more (a key never rotated has no entry)");
    }

    public static Diagnostic.Builder unknownLockEntry(Span at) {
        return unreadableLine(at, "expected an `asn`, `host`, `tunnel`, `end`, `key` or `psk` entry");
    }

    public static Diagnostic.Builder lockNumberNotWhole(Span at) {
        return unreadableLine(at, "a number is not a whole number");
    }

    private static Diagnostic.Builder unreadableLine(Span at, String problem) {
        return Diagnostic.of(Code.E0312, at, "cannot read this line of the lock file")
                .label(problem)
                .help("fix the line as `vpnc.lock` documents in its header, or delete it to allocate again");
    }

    // ---- E0314: two entries claim one value (without firstAt, the message has no secondary label) ----

    public static Diagnostic.Builder linkClaimedTwice(Span at, String tunnel, Span firstAt, String firstTunnel, long link) {
        return conflict(at, "tunnel " + tunnel, firstAt, "tunnel " + firstTunnel, "link " + link);
    }

    public static Diagnostic.Builder portClaimedTwice(Span at, String end, Span firstAt, String firstEnd, int port) {
        return conflict(at, "end " + end, firstAt, "end " + firstEnd, "port " + port);
    }

    public static Diagnostic.Builder interfaceClaimedTwice(Span at, String end, Span firstAt, String firstEnd, String ifname) {
        return conflict(at, "end " + end, firstAt, "end " + firstEnd, "interface " + ifname);
    }

    private static Diagnostic.Builder conflict(Span at, String entry, Span firstAt, String firstEntry, String what) {
        Diagnostic.Builder b = Diagnostic.of(Code.E0314, at, "`" + entry + "` claims " + what + ", already held by `"
                        + firstEntry + "`")
                .label("conflicting lock entry");
        if (firstAt != null) {
            b.also(firstAt, "held here");
        }
        return b;
    }
}
