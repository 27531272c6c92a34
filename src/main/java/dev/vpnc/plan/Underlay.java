package dev.vpnc.plan;

import dev.vpnc.ast.Value;
import dev.vpnc.resolve.Model;

/**
 * The family a tunnel's encrypted packets travel over, and what it leaves of a 1500-byte
 * underlay link: WireGuard adds 80 bytes over IPv6 (IPv6 header 40, UDP 8, WireGuard 32) and 60
 * over IPv4, so a tunnel's MTU, unless a block sets one, is 1420 over IPv6 and 1440 over IPv4.
 */
public enum Underlay {
    IPV6(80),
    IPV4(60);

    /** The underlay link MTU the defaults fit. */
    public static final int LINK_MTU = 1500;

    private final int overhead;

    Underlay(int overhead) {
        this.overhead = overhead;
    }

    /** WireGuard's bytes per packet over this family: headers and authentication tag. */
    public int overhead() {
        return overhead;
    }

    /** The largest tunnel MTU whose packets fit a 1500-byte underlay link once encrypted. */
    public int defaultMtu() {
        return LINK_MTU - overhead;
    }

    /** "IPv6" or "IPv4", as messages and hovers write it. */
    public String words() {
        return this == IPV6 ? "IPv6" : "IPv4";
    }

    /**
     * The family of the tunnel between {@code a} and {@code b}. Each end sends to the other's
     * endpoint, so the tunnel is surely IPv4 only when both endpoints are IPv4 addresses, or when
     * the network's underlay has no IPv6 (every endpoint is then IPv4, or a DNS name resolved to
     * one). Otherwise at least one direction may go over IPv6 (an IPv6 endpoint, or a DNS name
     * whose first address may be IPv6), and the tunnel takes IPv6's smaller MTU, which fits both.
     */
    public static Underlay of(Model.Network network, Model.Gateway a, Model.Gateway b) {
        if (!network.underlay().contains(Value.Family.IPV6) || (isIpv4(a.endpoint()) && isIpv4(b.endpoint()))) {
            return IPV4;
        }
        return IPV6;
    }

    private static boolean isIpv4(Model.Endpoint e) {
        return e != null && !e.isDnsName() && e.address().isIPv4();
    }

    /**
     * A tunnel's MTU over this underlay: the smaller of what its two ends set (a set MTU applies to
     * all the gateway's tunnels), an end that sets none counting as this family's default.
     */
    public int mtu(Model.Gateway a, Model.Gateway b) {
        return Math.min(mtuOf(a), mtuOf(b));
    }

    private int mtuOf(Model.Gateway g) {
        return g.mtu() != null ? g.mtu().value() : defaultMtu();
    }
}
