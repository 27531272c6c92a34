package dev.vpnc.plan;

import java.util.Comparator;

/**
 * The two gateways of a tunnel, by name, in name order: how vpnc.lock and the key store name a
 * tunnel, whichever end looks at it.
 */
public record GatewayPair(String a, String b) implements Comparable<GatewayPair> {
    public GatewayPair {
        if (a.compareTo(b) >= 0) {
            throw new IllegalArgumentException("not in name order: " + a + " " + b);
        }
    }

    /** The pair of two gateways, whichever order they are given in. */
    public static GatewayPair of(String x, String y) {
        return x.compareTo(y) < 0 ? new GatewayPair(x, y) : new GatewayPair(y, x);
    }

    private static final Comparator<GatewayPair> ORDER = Comparator.comparing(GatewayPair::a).thenComparing(GatewayPair::b);

    @Override
    public int compareTo(GatewayPair o) {
        return ORDER.compare(this, o);
    }

    /** As vpnc.lock writes it: {@code a b}. */
    @Override
    public String toString() {
        return a + " " + b;
    }
}
