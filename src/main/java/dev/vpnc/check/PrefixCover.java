package dev.vpnc.check;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6AddressTrie;

/** Prefixes of both families, asked whether one of them covers an address or prefix: a lookup per bit, not per prefix. */
final class PrefixCover {
    private final IPv4AddressTrie v4 = new IPv4AddressTrie();
    private final IPv6AddressTrie v6 = new IPv6AddressTrie();

    void add(IPAddress prefix) {
        IPAddress block = prefix.toPrefixBlock();
        if (block.isIPv4()) {
            v4.add(block.toIPv4());
        } else {
            v6.add(block.toIPv6());
        }
    }

    /** Whether a prefix of the set contains (or equals) {@code prefix}. */
    boolean covers(IPAddress prefix) {
        IPAddress block = prefix.toPrefixBlock();
        return block.isIPv4() ? v4.elementContains(block.toIPv4()) : v6.elementContains(block.toIPv6());
    }
}
