package dev.vpnc.ast;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every setting of the language, with the blocks where it may be written. A setting written in a
 * network or site block also serves as the default for the hosts inside it (see README,
 * "Precedence"); profiles may hold any setting, checked where the profile is used.
 */
public enum Key {
    NAMESPACE("namespace", Single.YES, BlockKind.NETWORK),
    TUNNELS_IPV6("tunnels ipv6", Single.YES, BlockKind.NETWORK),
    TUNNELS_IPV4("tunnels ipv4", Single.YES, BlockKind.NETWORK),
    PORTS("ports", Single.YES, BlockKind.NETWORK),
    UNDERLAY("underlay", Single.YES, BlockKind.NETWORK),
    ASN_POOL("asn range", Single.YES, BlockKind.NETWORK),
    MESH("mesh", Single.YES, BlockKind.NETWORK),
    ASN("asn", Single.YES, BlockKind.NETWORK, BlockKind.SITE),
    PREFIXES("prefixes", Single.NO, BlockKind.SITE, BlockKind.ROUTER),
    SUBNET("subnet", Single.YES, BlockKind.SITE),
    ENDPOINT("endpoint", Single.YES, BlockKind.GATEWAY),
    UPLINK("uplink", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY),
    LAN("lan", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    HOSTS("hosts", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.ROUTER),
    INSIDE("inside", Single.YES, BlockKind.NETWORK, BlockKind.SITE),
    ROUTING("routing", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    MTU("wireguard mtu", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY),
    WG_KEEPALIVE("wireguard keepalive", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY),
    PSK("wireguard psk", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY),
    BGP_HOLD("bgp hold", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    BGP_KEEPALIVE("bgp keepalive", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    BGP_PREFERENCE("bgp preference", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    BFD_ENABLED("bfd", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    BFD_INTERVAL("bfd interval", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    BFD_MULTIPLIER("bfd multiplier", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    OSPF_HELLO("ospf hello", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    OSPF_DEAD("ospf dead", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    OSPF_COST("ospf cost", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY, BlockKind.ROUTER),
    /** nftables rules of vpnc's own table on a gateway (listen ports, sessions, forwarding). */
    FIREWALL("firewall", Single.YES, BlockKind.NETWORK, BlockKind.SITE, BlockKind.GATEWAY),
    /** A host of the site that its gateways ping over the LAN; one that cannot withdraws its routes. */
    PROBE("probe", Single.YES, BlockKind.SITE),
    PROBE_INTERVAL("probe interval", Single.YES, BlockKind.SITE),
    PROBE_DOWN("probe down", Single.YES, BlockKind.SITE),
    PROBE_UP("probe up", Single.YES, BlockKind.SITE);

    /** Whether writing the key twice in one block is an error (YES) or accumulates (NO). */
    enum Single { YES, NO }

    private final String words;
    private final boolean single;
    private final Set<BlockKind> allowed;

    Key(String words, Single single, BlockKind first, BlockKind... rest) {
        this.words = words;
        this.single = single == Single.YES;
        this.allowed = EnumSet.of(first, rest);
    }

    /** The setting as users write it, e.g. {@code bgp hold}. */
    public String words() {
        return words;
    }

    public boolean single() {
        return single;
    }

    public boolean allowedIn(BlockKind kind) {
        return kind == BlockKind.PROFILE || allowed.contains(kind);
    }

    public Set<BlockKind> allowed() {
        return allowed;
    }
}
