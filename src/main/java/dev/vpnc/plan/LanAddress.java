package dev.vpnc.plan;

/**
 * A host's address on its site LAN (the segment joining gateways and internal routers).
 *
 * @param ipv6 address without length, e.g. {@code 2001:db8:a1:ff::1}
 * @param ipv6Length prefix length of the LAN subnet, e.g. 64
 * @param ipv4 address without length or {@code null} when the site carries no IPv4
 * @param ipv4Length prefix length of the IPv4 LAN subnet (0 when none)
 */
public record LanAddress(String ipv6, int ipv6Length, String ipv4, int ipv4Length) {
    public boolean hasIpv4() {
        return ipv4 != null;
    }
}
