package dev.vpnc.fleet;

import dev.vpnc.plan.NetworkPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fleet view: every host's status.sh output judged against the compiled network. A host's
 * file is believed about the host's own state only: who it claims to be must be the host it was
 * collected for (else it is not trusted), and peers, sites and tunnels are named from the plan.
 */
public final class FleetStatus {
    private FleetStatus() {
    }

    /**
     * What a caller that collected the outputs itself (the lab) calls.
     *
     * @param json each host's status.sh --json output, by host name; a host of the plan missing
     *             here has no status
     */
    public static FleetReport judge(NetworkPlan plan, Map<String, String> json) {
        SortedMap<String, Collected> collected = new TreeMap<>();
        json.forEach((host, text) -> collected.put(host, new Collected.Json(text)));
        return judgeCollected(plan, collected);
    }

    /** The files {@code DIR/HOST.json} of every host of the plan ({@link StatusFiles}). */
    public static FleetReport fromDir(NetworkPlan plan, Path dir) {
        Intent intent = Intent.of(plan);
        return judge(intent, StatusFiles.read(dir, intent.hosts().keySet()));
    }

    public static FleetReport judgeCollected(NetworkPlan plan, SortedMap<String, Collected> collected) {
        return judge(Intent.of(plan), collected);
    }

    private static FleetReport judge(Intent intent, SortedMap<String, Collected> collected) {
        SortedMap<String, HostStatus> known = new TreeMap<>();
        SortedMap<String, String> unknown = new TreeMap<>();
        List<FleetReport.Problem> problems = new ArrayList<>();
        for (Intent.Host h : intent.hosts().values()) {
            Collected c = collected.getOrDefault(h.name(), new Collected.Missing("no status collected"));
            String file = h.name() + ".json";
            if (c instanceof Collected.Missing m) {
                unknown.put(h.name(), m.why());
            } else if (c instanceof Collected.Refused r) {
                unknown.put(h.name(), "not read: " + r.why());
                problems.add(new FleetReport.Problem(h.name(), r.why()));
            } else if (c instanceof Collected.Json j) {
                try {
                    HostStatus s = StatusJson.parse(j.text());
                    String lie = impostor(h, s);
                    if (lie != null) {
                        unknown.put(h.name(), "not trusted: " + lie);
                        problems.add(new FleetReport.Problem(h.name(), file + ": " + lie + ": not trusted"));
                    } else {
                        known.put(h.name(), s);
                    }
                } catch (StatusJson.Malformed e) {
                    unknown.put(h.name(), "not read: " + e.getMessage());
                    problems.add(new FleetReport.Problem(h.name(), file + ": " + e.getMessage()));
                }
            }
        }
        List<FleetReport.HostRow> rows = new ArrayList<>();
        Verdict fleet = Verdict.OK;
        for (Intent.Host h : intent.hosts().values()) {
            HostStatus s = known.get(h.name());
            FleetReport.HostRow row = s == null
                    ? new FleetReport.HostRow(h.name(), h.site(), h.kind(), Verdict.UNKNOWN, unknown.get(h.name()))
                    : new FleetReport.HostRow(h.name(), h.site(), h.kind(), HostNotes.verdict(s), HostNotes.note(h, s));
            rows.add(row);
            // A host without a status: no redundancy can be vouched for there, nothing says a site is cut off.
            fleet = fleet.worst(row.verdict() == Verdict.UNKNOWN ? Verdict.DEGRADED : row.verdict());
        }
        return new FleetReport(StatusJson.safe(intent.network()), fleet, rows, Crosscheck.suspects(intent, known),
                Crosscheck.down(intent, known), SiteReach.rows(intent, known), HostNotes.drift(intent, known), problems);
    }

    private static String article(String kind) {
        return (kind.matches("(?i)[aeiou].*") ? "an " : "a ") + kind;
    }

    /** Why a file collected for host {@code h} is not that host's status, or null when it is. */
    private static String impostor(Intent.Host h, HostStatus s) {
        if (!s.host().equals(h.name()) || !s.site().equals(h.site())) {
            return "it says it is host `" + s.host() + "` of site `" + s.site() + "`, not `" + h.name()
                    + "` of site `" + h.site() + "`";
        }
        if (!s.kind().equals(h.kind())) {
            return "it says " + h.name() + " is " + article(s.kind()) + ", not " + article(h.kind());
        }
        return null;
    }
}
