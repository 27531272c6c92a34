package dev.vpnc.fleet;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** {@code vpnc status --json}: the report as one JSON object, keys in a fixed order. */
final class FleetJson {
    private FleetJson() {
    }

    static String render(FleetReport r) {
        JsonObject o = new JsonObject();
        o.addProperty("network", r.network());
        o.addProperty("verdict", r.verdict().word());
        JsonArray hosts = new JsonArray();
        for (FleetReport.HostRow h : r.hosts()) {
            JsonObject x = new JsonObject();
            x.addProperty("host", h.host());
            x.addProperty("site", h.site());
            x.addProperty("kind", h.kind());
            x.addProperty("verdict", h.verdict().word());
            x.addProperty("note", h.note());
            hosts.add(x);
        }
        o.add("hosts", hosts);
        JsonArray suspects = new JsonArray();
        for (FleetReport.Suspect s : r.suspects()) {
            JsonObject x = new JsonObject();
            x.addProperty("host", s.host());
            x.addProperty("finding", s.finding());
            x.addProperty("why", s.why());
            suspects.add(x);
        }
        o.add("suspects", suspects);
        JsonArray down = new JsonArray();
        for (FleetReport.Down d : r.down()) {
            JsonObject x = new JsonObject();
            x.addProperty("kind", d.kind());
            x.add("hosts", strings(d.b().isEmpty() ? List.of(d.a()) : List.of(d.a(), d.b())));
            JsonArray ends = new JsonArray();
            for (FleetReport.End e : d.ends()) {
                JsonObject y = new JsonObject();
                y.addProperty("host", e.host());
                y.addProperty("name", e.name());
                y.addProperty("state", e.state());
                ends.add(y);
            }
            x.add("ends", ends);
            down.add(x);
        }
        o.add("down", down);
        JsonArray sites = new JsonArray();
        for (FleetReport.SiteRow s : r.sites()) {
            JsonObject x = new JsonObject();
            x.addProperty("from_site", s.from());
            x.addProperty("to_site", s.to());
            x.addProperty("verdict", s.verdict().word());
            x.add("unreachable_from", strings(s.unreachableFrom()));
            x.add("degraded_at", strings(s.degradedAt()));
            sites.add(x);
        }
        o.add("sites", sites);
        JsonArray drift = new JsonArray();
        for (FleetReport.DriftRow d : r.drift()) {
            JsonObject x = new JsonObject();
            x.addProperty("host", d.host());
            x.addProperty("kind", d.kind());
            x.addProperty("subject", d.subject());
            x.addProperty("detail", d.detail());
            drift.add(x);
        }
        o.add("drift", drift);
        JsonArray problems = new JsonArray();
        for (FleetReport.Problem p : r.problems()) {
            JsonObject x = new JsonObject();
            x.addProperty("host", p.host());
            x.addProperty("message", p.message());
            problems.add(x);
        }
        o.add("problems", problems);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonArray strings(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
