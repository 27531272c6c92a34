package dev.vpnc.resolve;

import java.util.Optional;

/**
 * The routing suite a host's configs are written for ({@code routing frr}, {@code routing bird 2},
 * {@code routing bird 1.6}, or the older {@code bird 2} / {@code bird 1.6}, in a network, site,
 * gateway or router block; the most specific wins).
 */
public enum RoutingSuite {
    /** BIRD 2: one daemon, one {@code bird.conf}; IPv4 rides as a second channel of each session. */
    BIRD2("2", "BIRD 2"),
    /**
     * BIRD 1.6, as in the reference article: {@code bird6} routes IPv6 ({@code bird6.conf}) and
     * {@code bird} routes IPv4 ({@code bird.conf}); every BGP session carries one family.
     */
    BIRD16("1.6", "BIRD 1.6"),
    /**
     * FRR: zebra, bgpd and bfdd (ospfd, ospf6d for OSPF inside a site) of one instance per host,
     * with its own pathspace, configured by one integrated {@code frr.conf}; IPv4 rides as a
     * second address family of each session, as with BIRD 2.
     */
    FRR("frr", "FRR");

    private final String word;
    private final String title;

    RoutingSuite(String word, String title) {
        this.word = word;
        this.title = title;
    }

    /** The word a .vpn file gives it: the BIRD version, or {@code frr}. */
    public String word() {
        return word;
    }

    /** How messages name it: {@code BIRD 2}, {@code BIRD 1.6}, {@code FRR}. */
    public String title() {
        return title;
    }

    /** The setting that chooses it, as the help of a message writes it. */
    public String setting() {
        return this == FRR ? "routing frr" : "bird " + word;
    }

    /** Whether it is one of the BIRD releases (birdc, bird.conf). */
    public boolean isBird() {
        return this != FRR;
    }

    /** The suite written as {@code word}, if there is one. */
    public static Optional<RoutingSuite> of(String word) {
        for (RoutingSuite t : values()) {
            if (t.word.equals(word)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
