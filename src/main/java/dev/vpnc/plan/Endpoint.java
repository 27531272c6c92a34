package dev.vpnc.plan;

/**
 * Where a gateway's peers send the packets of their tunnels to it: an IPv6 or IPv4 address, or a
 * DNS name that up.sh resolves when it runs.
 */
public record Endpoint(String host, Kind kind) {
    public enum Kind { IPV6, IPV4, DNS }

    public boolean isDnsName() {
        return kind == Kind.DNS;
    }

    /** As WireGuard writes it with a port: {@code [2001:db8::1]:5801}, {@code 192.0.2.1:5801}, {@code vpn.example.net:5801}. */
    public String withPort(int port) {
        return (kind == Kind.IPV6 ? "[" + host + "]" : host) + ":" + port;
    }
}
