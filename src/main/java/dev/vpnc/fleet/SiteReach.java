package dev.vpnc.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which sites lost redundancy, or are cut off, and from where: one row per pair of sites (the
 * site of the hosts that see it, the remote site), from the routes of each host's status.
 */
final class SiteReach {
    private SiteReach() {
    }

    private record Seen(List<String> unreachableFrom, List<String> degradedAt) {
    }

    static List<FleetReport.SiteRow> rows(Intent intent, SortedMap<String, HostStatus> known) {
        SortedMap<String, SortedMap<String, Seen>> pairs = new TreeMap<>();
        for (Map.Entry<String, HostStatus> e : known.entrySet()) {
            String from = intent.hosts().get(e.getKey()).site();
            // The host's worst route to each remote site: one prefix cut off cuts the site off.
            SortedMap<String, Verdict> worst = new TreeMap<>();
            for (HostStatus.Route r : e.getValue().routes()) {
                worst.merge(r.remoteSite(), r.verdict(), Verdict::worst);
            }
            worst.forEach((to, v) -> {
                if (v == Verdict.OK) {
                    return;
                }
                Seen seen = pairs.computeIfAbsent(from, f -> new TreeMap<>())
                        .computeIfAbsent(to, t -> new Seen(new ArrayList<>(), new ArrayList<>()));
                (v == Verdict.BROKEN ? seen.unreachableFrom() : seen.degradedAt()).add(e.getKey());
            });
        }
        List<FleetReport.SiteRow> rows = new ArrayList<>();
        pairs.forEach((from, tos) -> tos.forEach((to, seen) -> rows.add(new FleetReport.SiteRow(from, to,
                seen.unreachableFrom().isEmpty() ? Verdict.DEGRADED : Verdict.BROKEN, seen.unreachableFrom(),
                seen.degradedAt()))));
        return rows;
    }
}
