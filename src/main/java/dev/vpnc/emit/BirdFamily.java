package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.RoutedSite;
import dev.vpnc.plan.TunnelEnd;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One address family of a BIRD configuration: what differs between IPv6 and IPv4, so that each
 * step of a view is written once and done per family, IPv6 first.
 *
 * @param name        BIRD's name of the family ({@code ipv6})
 * @param v6          IPv6
 * @param ospfVersion the OSPF that carries it ({@code v3}, {@code v2})
 */
record BirdFamily(String name, boolean v6, String ospfVersion) {
    static final String V6 = "ipv6";
    static final String V4 = "ipv4";
    static final BirdFamily IPV6 = new BirdFamily(V6, true, "v3");
    static final BirdFamily IPV4 = new BirdFamily(V4, false, "v2");

    /** The families of a host, IPv6 first: the order of the config. */
    static List<BirdFamily> of(boolean ipv4) {
        return ipv4 ? List.of(IPV6, IPV4) : List.of(IPV6);
    }

    /** An empty map of names per family, each sorted by its keys. */
    static Map<BirdFamily, Map<String, String>> sortedMaps(List<BirdFamily> families) {
        Map<BirdFamily, Map<String, String>> m = new HashMap<>();
        families.forEach(f -> m.put(f, new TreeMap<>()));
        return m;
    }

    String label() {
        return v6 ? "IPv6" : "IPv4";
    }

    String suffix() {
        return v6 ? "v6" : "v4";
    }

    /** The comment for this family: the IPv6 one explains, the IPv4 one is shorter. */
    String text(String ipv6, String ipv4) {
        return v6 ? ipv6 : ipv4;
    }

    List<String> prefixes(GatewayPlan gw) {
        return v6 ? gw.sitePrefixes6() : gw.sitePrefixes4();
    }

    List<String> prefixes(RoutedSite r) {
        return v6 ? r.prefixes6() : r.prefixes4();
    }

    String local(TunnelEnd t) {
        return v6 ? t.local6() : t.local4();
    }

    String peer(TunnelEnd t) {
        return v6 ? t.peer6() : t.peer4();
    }

    String address(LanAddress lan) {
        return v6 ? lan.ipv6() : lan.ipv4();
    }

    /** The next hop a channel sets: IPv4 routes name this end's IPv4 address; IPv6 needs none. */
    String nextHop(String local) {
        return v6 ? null : local;
    }
}
