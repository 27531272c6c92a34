package dev.vpnc.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The table of {@code vpnc status}: the hosts, then what is wrong, each section only when it has rows. */
final class FleetTable {
    private FleetTable() {
    }

    static String render(FleetReport r) {
        StringBuilder out = new StringBuilder();
        List<String> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = r.count(v);
            if (n > 0) {
                counts.add(n + " " + v.word());
            }
        }
        out.append("network ").append(r.network()).append(": ").append(r.verdict().word()).append(" (")
                .append(r.hosts().size()).append(" hosts: ").append(String.join(", ", counts)).append(")\n\n");
        Columns hosts = new Columns("HOST", "SITE", "KIND", "VERDICT", "NOTE");
        r.hosts().forEach(h -> hosts.add(h.host(), h.site(), h.kind(), h.verdict().word(), h.note()));
        hosts.appendTo(out);
        if (!r.suspects().isEmpty()) {
            out.append('\n');
            r.suspects().forEach(s -> out.append(s.host()).append(": ").append(s.finding()).append(": ")
                    .append(s.why()).append('\n'));
        }
        Columns down = new Columns("NOT UP", "BETWEEN", "EACH END");
        for (FleetReport.Down d : r.down()) {
            down.add(d.kind(), d.b().isEmpty() ? d.a() : d.a() + " - " + d.b(), d.ends().stream()
                    .map(e -> e.host() + (e.name().isEmpty() ? "" : " " + e.name()) + " " + e.state())
                    .collect(Collectors.joining("; ")));
        }
        section(out, down);
        Columns sites = new Columns("SITES", "VERDICT", "WHERE");
        for (FleetReport.SiteRow s : r.sites()) {
            List<String> where = new ArrayList<>();
            if (!s.unreachableFrom().isEmpty()) {
                where.add("unreachable from " + String.join(", ", s.unreachableFrom()));
            }
            if (!s.degradedAt().isEmpty()) {
                where.add("redundancy lost at " + String.join(", ", s.degradedAt()));
            }
            sites.add(s.from() + " -> " + s.to(), s.verdict().word(), String.join("; ", where));
        }
        section(out, sites);
        if (!r.drift().isEmpty()) {
            out.append("\ndrift:\n");
            r.drift().forEach(d -> out.append("  ").append(d.host()).append(": ").append(drift(d)).append('\n'));
        }
        if (!r.problems().isEmpty()) {
            out.append("\nnot read:\n");
            r.problems().forEach(p -> out.append("  ").append(p.message()).append('\n'));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, Columns c) {
        if (!c.isEmpty()) {
            out.append('\n');
            c.appendTo(out);
        }
    }

    /** In status.sh's words. */
    private static String drift(FleetReport.DriftRow d) {
        String what = d.kind() + " " + d.subject();
        return switch (d.detail()) {
            case "differs" -> what + " differs from the bundle";
            case "missing" -> what + " is missing";
            case "unexpected" -> what + " is not in the bundle";
            case "not-compiled" -> what + " is in its status, not in the compiled network (another bundle?)";
            case "not-reported" -> what + " is compiled, not in its status (another bundle?)";
            default -> what + " " + d.detail();
        };
    }
}
