package dev.vpnc.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** One host's verdict, the note beside it in the table, and its drift. */
final class HostNotes {
    private HostNotes() {
    }

    /**
     * The worst of what the host says of itself and of each of its items: a status whose
     * summary is better than one of its items is read at its item's word.
     */
    static Verdict verdict(HostStatus s) {
        Verdict v = s.verdict();
        for (HostStatus.Tunnel t : s.tunnels()) {
            v = v.worst(t.verdict());
        }
        for (HostStatus.Session x : s.sessions()) {
            v = v.worst(x.verdict());
        }
        for (HostStatus.Route r : s.routes()) {
            v = v.worst(r.verdict());
        }
        return v;
    }

    /** "1 of 4 tunnels not up, 2 of 9 sessions not up, 2 of 4 routes short of next hops, 1 drift item". */
    static String note(Intent.Host h, HostStatus s) {
        List<String> parts = new ArrayList<>();
        long tunnels = s.tunnels().stream().filter(t -> t.verdict() != Verdict.OK).count();
        if (tunnels > 0) {
            parts.add(tunnels + " of " + s.tunnels().size() + " tunnels not up");
        }
        long sessions = s.sessions().stream().filter(x -> x.verdict() != Verdict.OK).count();
        if (sessions > 0) {
            parts.add(sessions + " of " + s.sessions().size() + " sessions not up");
        }
        long unreachable = s.routes().stream().filter(r -> r.verdict() == Verdict.BROKEN).count();
        if (unreachable > 0) {
            parts.add(unreachable + " of " + s.routes().size() + " routes without next hop");
        }
        long short_ = s.routes().stream().filter(r -> r.verdict() == Verdict.DEGRADED).count();
        if (short_ > 0) {
            parts.add(short_ + " of " + s.routes().size() + " routes short of next hops");
        }
        int drift = drift(h, s).size();
        if (drift > 0) {
            parts.add(drift + (drift == 1 ? " drift item" : " drift items"));
        }
        if (verdict(s) != Verdict.OK && parts.isEmpty()) {
            parts.add("it says " + s.verdict().word());
        }
        return String.join(", ", parts);
    }

    static List<FleetReport.DriftRow> drift(Intent intent, SortedMap<String, HostStatus> known) {
        List<FleetReport.DriftRow> rows = new ArrayList<>();
        for (Map.Entry<String, HostStatus> e : known.entrySet()) {
            rows.addAll(drift(intent.hosts().get(e.getKey()), e.getValue()));
        }
        return rows;
    }

    /**
     * status.sh's drift, then the tunnels its status and the compiled network do not share: the
     * host runs a bundle of another compile (an older one, not deployed yet).
     */
    private static List<FleetReport.DriftRow> drift(Intent.Host h, HostStatus s) {
        List<FleetReport.DriftRow> rows = new ArrayList<>();
        s.drift().forEach(d -> rows.add(new FleetReport.DriftRow(h.name(), d.kind(), d.subject(), d.detail())));
        if (!h.kind().equals(Intent.GATEWAY)) {
            return rows;
        }
        TreeSet<String> reported = new TreeSet<>();
        s.tunnels().forEach(t -> reported.add(t.ifname()));
        for (String ifname : reported) {
            if (!h.tunnels().containsKey(ifname)) {
                rows.add(new FleetReport.DriftRow(h.name(), "tunnel", ifname, "not-compiled"));
            }
        }
        for (String ifname : h.tunnels().keySet()) {
            if (!reported.contains(ifname)) {
                rows.add(new FleetReport.DriftRow(h.name(), "tunnel", ifname, "not-reported"));
            }
        }
        return rows;
    }
}
