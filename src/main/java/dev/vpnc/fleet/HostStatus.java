package dev.vpnc.fleet;

import java.util.List;

/**
 * One host's {@code status.sh --json}, as read: every string already made safe to print
 * ({@link StatusJson}), every verdict one of status.sh's three.
 *
 * @param kind {@code gateway} or {@code internal router}
 */
public record HostStatus(String host, String site, String kind, Verdict verdict, List<Tunnel> tunnels,
                         List<Session> sessions, List<Route> routes, List<Drift> drift) {
    public HostStatus {
        tunnels = List.copyOf(tunnels);
        sessions = List.copyOf(sessions);
        routes = List.copyOf(routes);
        drift = List.copyOf(drift);
    }

    /**
     * @param handshakeAgeSeconds null before a first handshake
     * @param state               {@code recent}, {@code stale} or {@code no-interface}
     */
    public record Tunnel(String ifname, String peer, String peerSite, String session, Long handshakeAgeSeconds,
                         long rxBytes, long txBytes, String state, Verdict verdict) {
    }

    /** @param peer empty for BIRD or FRR itself */
    public record Session(String kind, String name, String peer, String state, Verdict verdict) {
    }

    public record Route(String remoteSite, String family, String prefix, String match, List<String> expected,
                        List<String> present, List<String> other, Verdict verdict) {
        public Route {
            expected = List.copyOf(expected);
            present = List.copyOf(present);
            other = List.copyOf(other);
        }
    }

    /** @param detail {@code differs}, {@code missing} or {@code unexpected} */
    public record Drift(String kind, String subject, String detail) {
    }
}
