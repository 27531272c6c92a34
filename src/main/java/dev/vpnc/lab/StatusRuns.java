package dev.vpnc.lab;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's {@code status.sh} of each host, run unmodified inside the lab's hosts: what
 * check 2 and check 10 judge by, so that the tool an operator runs on a gateway is the one the
 * lab proves.
 */
final class StatusRuns {
    private StatusRuns() {
    }

    /**
     * One host's report.
     *
     * @param host    the host it ran on
     * @param exit    status.sh's exit status (0 ok, 1 degraded, 2 broken; anything else: it failed)
     * @param json    its standard output (the --json object)
     * @param verdict the object's verdict, {@code unreadable} when it is not one
     * @param notOk   its tunnels, sessions and routes that are not ok, one line each
     * @param named   the hosts and sites those lines are about (peers, remote sites)
     * @param routes  how many remote prefixes it looked at
     * @param badRoutes the lines of {@code notOk} about routes
     * @param drift   its drift items ({@code kind subject detail})
     */
    record Report(String host, int exit, String json, String verdict, List<String> notOk, Set<String> named,
                  int routes, List<String> badRoutes, List<String> drift) {
        boolean ok() {
            return exit == 0 && verdict.equals("ok") && drift.isEmpty();
        }

        /** The report in one line, for the lab's table. */
        String describe() {
            return host + ": " + verdict + " (exit " + exit + ")" + (notOk.isEmpty() ? "" : ": " + String.join("; ", notOk))
                    + (drift.isEmpty() ? "" : "; drift: " + String.join("; ", drift));
        }
    }

    /** status.sh --json on these hosts, four at a time (each starts a few dozen processes). */
    static Map<String, Report> all(Lab lab, List<String> hosts) {
        List<Report> reports = Lab.parallelMap(hosts, 4, h -> of(lab, h));
        Map<String, Report> byHost = new TreeMap<>();
        reports.forEach(r -> byHost.put(r.host(), r));
        return byHost;
    }

    /**
     * One host's status.sh --json. The units are compared where the lab keeps them, the bundle's
     * own systemd folder: the machine's /etc/systemd/system is not the lab host's.
     */
    static Report of(Lab lab, String host) {
        Shell.Result r = lab.host(host).run(30, Map.of("VPNC_UNIT_DIR", unitDir(lab, host)),
                List.of(script(lab, host, "status.sh"), "--json"));
        return parse(host, r.exit(), r.out(), r.err());
    }

    /** status.sh --prometheus FILE on a host: its exit status and standard error. */
    static Shell.Result prometheus(Lab lab, String host, Path file) {
        return lab.host(host).run(30, Map.of("VPNC_UNIT_DIR", unitDir(lab, host)),
                List.of(script(lab, host, "status.sh"), "--prometheus", file.toAbsolutePath().toString()));
    }

    private static String unitDir(Lab lab, String host) {
        return lab.bundles().resolve(host).resolve("systemd").toAbsolutePath().toString();
    }

    private static String script(Lab lab, String host, String name) {
        return lab.bundles().resolve(host).resolve(name).toAbsolutePath().toString();
    }

    /** Reads status.sh's JSON; what does not parse is reported with what status.sh printed. */
    static Report parse(String host, int exit, String out, String err) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(out);
            if (!e.isJsonObject()) {
                throw new JsonParseException("not an object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            String said = (out + " " + err).strip();
            return new Report(host, exit, out, "unreadable", List.of("status.sh printed no JSON: "
                    + (said.length() > 300 ? said.substring(0, 300) + "..." : said)), Set.of(), 0, List.of(), List.of());
        }
        List<String> notOk = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (JsonObject t : objects(o, "tunnels")) {
            if (!text(t, "verdict").equals("ok")) {
                notOk.add("tunnel " + text(t, "ifname") + " to " + text(t, "peer") + " " + text(t, "state"));
                named.add(text(t, "peer"));
            }
        }
        for (JsonObject s : objects(o, "sessions")) {
            if (!text(s, "verdict").equals("ok")) {
                notOk.add(text(s, "kind") + " " + text(s, "name") + " " + text(s, "state"));
                if (!text(s, "peer").isEmpty()) {
                    named.add(text(s, "peer"));
                }
            }
        }
        List<String> badRoutes = new ArrayList<>();
        List<JsonObject> routes = objects(o, "routes");
        for (JsonObject r : routes) {
            // The lab is stricter than an operator's verdict: a next hop the intent does not have
            // (traffic through a transit site, say) is wrong too.
            if (!text(r, "verdict").equals("ok") || !list(r, "other").equals("nothing")) {
                badRoutes.add("route " + text(r, "prefix") + " (" + text(r, "remote_site") + ") over " + list(r, "present")
                        + " of " + list(r, "expected") + (list(r, "other").equals("nothing") ? "" : ", and " + list(r, "other")));
                named.add(text(r, "remote_site"));
            }
        }
        notOk.addAll(badRoutes);
        List<String> drift = new ArrayList<>();
        for (JsonObject d : objects(o, "drift")) {
            drift.add(text(d, "kind") + " " + text(d, "subject") + " " + text(d, "detail"));
        }
        String verdict = text(o, "host").equals(host) ? text(o, "verdict") : "of another host (" + text(o, "host") + ")";
        return new Report(host, exit, out, verdict, notOk, named, routes.size(), badRoutes, drift);
    }

    private static List<JsonObject> objects(JsonObject o, String member) {
        List<JsonObject> list = new ArrayList<>();
        if (o.get(member) instanceof JsonArray a) {
            a.forEach(e -> {
                if (e.isJsonObject()) {
                    list.add(e.getAsJsonObject());
                }
            });
        }
        return list;
    }

    private static String text(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static String list(JsonObject o, String member) {
        List<String> items = new ArrayList<>();
        if (o.get(member) instanceof JsonArray a) {
            a.forEach(e -> items.add(e.isJsonPrimitive() ? e.getAsString() : "?"));
        }
        return items.isEmpty() ? "nothing" : String.join(",", items);
    }
}
