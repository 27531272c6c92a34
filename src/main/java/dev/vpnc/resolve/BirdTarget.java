package dev.vpnc.resolve;

import java.util.Optional;

/**
 * The BIRD version a host's routing configs are written for ({@code bird 2} or {@code bird 1.6}
 * in a network, site, gateway or router block; the most specific wins).
 */
public enum BirdTarget {
    /** BIRD 2: one daemon, one {@code bird.conf}; IPv4 rides as a second channel of each session. */
    BIRD2("2"),
    /**
     * BIRD 1.6, as in the reference article: {@code bird6} routes IPv6 ({@code bird6.conf}) and
     * {@code bird} routes IPv4 ({@code bird.conf}); every BGP session carries one family.
     */
    BIRD16("1.6");

    private final String version;

    BirdTarget(String version) {
        this.version = version;
    }

    /** The version as written in a .vpn file. */
    public String version() {
        return version;
    }

    /** The target written as {@code version}, if there is one. */
    public static Optional<BirdTarget> of(String version) {
        for (BirdTarget t : values()) {
            if (t.version.equals(version)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
