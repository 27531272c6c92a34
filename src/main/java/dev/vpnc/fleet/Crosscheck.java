package dev.vpnc.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.Set;

/**
 * What the two ends of each tunnel and session say together: one row per tunnel or session not
 * up (seen from both ends it is one problem), and, for a host without a status, what its peers
 * see of it (all of them see it down: it is probably down).
 */
final class Crosscheck {
    /** The order of the rows: tunnels first, then BIRD or FRR itself, then its sessions. */
    private static final List<String> KINDS = List.of("tunnel", "BIRD", "FRR", "BGP", "BFD", "OSPF");
    private static final String NO_STATUS = "no status";

    private Crosscheck() {
    }

    private record Key(String kind, String a, String b) {
    }

    static List<FleetReport.Down> down(Intent intent, SortedMap<String, HostStatus> known) {
        Map<Key, List<FleetReport.End>> ends = new TreeMap<>(Comparator.comparing((Key k) -> rank(k.kind()))
                .thenComparing(Key::kind).thenComparing(Key::a).thenComparing(Key::b));
        Set<Key> bad = new HashSet<>();
        for (Intent.Host g : intent.hosts().values()) {
            for (Map.Entry<String, String> t : g.tunnels().entrySet()) {
                Intent.Host peer = intent.hosts().get(t.getValue());
                if (peer == null || g.name().compareTo(peer.name()) > 0 && peer.tunnelTo(g.name()) != null) {
                    continue; // seen from the other end, whose name comes first
                }
                Key key = pair("tunnel", g.name(), peer.name());
                for (Intent.Host end : List.of(g, peer)) {
                    String ifname = end.tunnelTo(end == g ? peer.name() : g.name());
                    if (ifname == null) {
                        continue;
                    }
                    HostStatus s = known.get(end.name());
                    HostStatus.Tunnel seen = s == null ? null
                            : s.tunnels().stream().filter(x -> x.ifname().equals(ifname)).findFirst().orElse(null);
                    String state = s == null ? NO_STATUS : seen == null ? "not reported" : tunnelState(seen);
                    if (s != null && (seen == null || seen.verdict() != Verdict.OK)) {
                        bad.add(key);
                    }
                    ends.computeIfAbsent(key, k -> new ArrayList<>()).add(new FleetReport.End(end.name(), ifname, state));
                }
            }
        }
        for (Map.Entry<String, HostStatus> e : known.entrySet()) {
            for (HostStatus.Session x : e.getValue().sessions()) {
                Key key = x.peer().isEmpty() ? new Key(x.kind(), e.getKey(), "") : pair(x.kind(), e.getKey(), x.peer());
                ends.computeIfAbsent(key, k -> new ArrayList<>()).add(new FleetReport.End(e.getKey(), x.name(), x.state()));
                if (x.verdict() != Verdict.OK) {
                    bad.add(key);
                }
            }
        }
        List<FleetReport.Down> rows = new ArrayList<>();
        for (Map.Entry<Key, List<FleetReport.End>> e : ends.entrySet()) {
            Key k = e.getKey();
            if (!bad.contains(k)) {
                continue;
            }
            List<FleetReport.End> all = new ArrayList<>(e.getValue());
            for (String host : List.of(k.a(), k.b())) {
                boolean said = all.stream().anyMatch(x -> x.host().equals(host));
                if (!said && intent.hosts().containsKey(host) && !known.containsKey(host)) {
                    all.add(new FleetReport.End(host, "", NO_STATUS));
                }
            }
            all.sort(Comparator.comparing(FleetReport.End::host).thenComparing(FleetReport.End::name));
            rows.add(new FleetReport.Down(k.kind(), k.a(), k.b(), all));
        }
        return rows;
    }

    /** For each host without a status, what the hosts with a tunnel or session to it see. */
    static List<FleetReport.Suspect> suspects(Intent intent, SortedMap<String, HostStatus> known) {
        List<FleetReport.Suspect> out = new ArrayList<>();
        for (Intent.Host h : intent.hosts().values()) {
            if (known.containsKey(h.name())) {
                continue;
            }
            // Per host that reports on h: whether everything it has to h is up. A tunnel stays
            // "recent" for minutes after its peer died (handshakes are every 2 minutes), while the
            // BGP and BFD sessions over it go down in a second: one item down is what counts.
            SortedMap<String, Boolean> up = new TreeMap<>();
            for (Intent.Host g : intent.tunnelPeers(h.name())) {
                HostStatus s = known.get(g.name());
                String ifname = g.tunnelTo(h.name());
                if (s != null) {
                    s.tunnels().stream().filter(t -> t.ifname().equals(ifname))
                            .forEach(t -> up.merge(g.name(), t.verdict() == Verdict.OK, Boolean::logicalAnd));
                }
            }
            known.forEach((k, s) -> s.sessions().stream().filter(x -> x.peer().equals(h.name()))
                    .forEach(x -> up.merge(k, x.verdict() == Verdict.OK, Boolean::logicalAnd)));
            if (up.isEmpty()) {
                continue;
            }
            List<String> sawUp = up.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            List<String> sawDown = up.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
            if (sawUp.isEmpty()) {
                out.add(new FleetReport.Suspect(h.name(), "probably down", "no status, and "
                        + hosts(sawDown.size())
                        + " with a tunnel or session to it see it down: " + String.join(", ", sawDown)));
            } else if (sawDown.isEmpty()) {
                out.add(new FleetReport.Suspect(h.name(), "running", "no status, but "
                        + hosts(sawUp.size())
                        + " with a tunnel or session to it see it up: only its status is missing"));
            } else {
                out.add(new FleetReport.Suspect(h.name(), "unclear", "no status; seen down by "
                        + String.join(", ", sawDown) + ", up by " + String.join(", ", sawUp)));
            }
        }
        return out;
    }

    private static String hosts(int n) {
        return n == 1 ? "the one host" : n == 2 ? "both hosts" : "all " + n + " hosts";
    }

    private static Key pair(String kind, String x, String y) {
        return x.compareTo(y) <= 0 ? new Key(kind, x, y) : new Key(kind, y, x);
    }

    private static int rank(String kind) {
        int i = KINDS.indexOf(kind);
        return i < 0 ? KINDS.size() : i;
    }

    /** "recent (12 s)", "stale (never)", "stale (415 s)", "no-interface". */
    private static String tunnelState(HostStatus.Tunnel t) {
        if (t.state().equals("no-interface")) {
            return t.state();
        }
        return t.state() + " (" + (t.handshakeAgeSeconds() == null ? "never" : t.handshakeAgeSeconds() + " s") + ")";
    }
}
