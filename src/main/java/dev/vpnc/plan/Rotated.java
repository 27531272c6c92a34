package dev.vpnc.plan;

import java.util.Comparator;

/**
 * One key to rotate: a gateway's private key ({@code host}), or the preshared key of a tunnel
 * ({@code tunnel}); the other is null. Sorted keys first, each kind by name.
 */
public record Rotated(String host, GatewayPair tunnel) implements Comparable<Rotated> {
    private static final Comparator<Rotated> ORDER = Comparator.comparing((Rotated r) -> r.host == null)
            .thenComparing(r -> r.host == null ? "" : r.host)
            .thenComparing(r -> r.tunnel == null ? "" : r.tunnel.toString());

    public Rotated {
        if ((host == null) == (tunnel == null)) {
            throw new IllegalArgumentException("a gateway's key or a tunnel's preshared key");
        }
    }

    public static Rotated key(String host) {
        return new Rotated(host, null);
    }

    public static Rotated psk(GatewayPair tunnel) {
        return new Rotated(null, tunnel);
    }

    public boolean isKey() {
        return host != null;
    }

    @Override
    public int compareTo(Rotated o) {
        return ORDER.compare(this, o);
    }

    /** As the command line names it: {@code v1-1}, or {@code --psk v1-1:v2-1}. */
    public String argument() {
        return isKey() ? host : "--psk " + tunnel.a() + ":" + tunnel.b();
    }

    /** In sentences: {@code the key of v1-1}, {@code the preshared key of v1-1 <-> v2-1}. */
    public String describe() {
        return isKey() ? "the key of `" + host + "`" : "the preshared key of `" + tunnel.a() + "` <-> `" + tunnel.b() + "`";
    }
}
