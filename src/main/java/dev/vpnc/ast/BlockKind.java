package dev.vpnc.ast;

import java.util.Locale;

/** The kinds of block a statement can stand in. */
public enum BlockKind {
    NETWORK,
    SITE,
    GATEWAY,
    ROUTER,
    PROFILE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
