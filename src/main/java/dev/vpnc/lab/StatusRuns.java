package dev.vpnc.lab;

import dev.vpnc.fleet.HostStatus;
import dev.vpnc.fleet.StatusJson;
import dev.vpnc.fleet.Verdict;
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

    /**
     * Reads status.sh's JSON with the fleet view's reader (the same trust rules as {@code vpnc
     * status}); what does not parse is reported with the reader's reason.
     */
    static Report parse(String host, int exit, String out, String err) {
        HostStatus s;
        try {
            s = StatusJson.parse(out);
        } catch (StatusJson.Malformed e) {
            String said = err.strip();
            return new Report(host, exit, out, "unreadable", List.of("status.sh --json: " + e.getMessage()
                    + (said.isEmpty() ? "" : " (" + (said.length() > 300 ? said.substring(0, 300) + "..." : said) + ")")),
                    Set.of(), 0, List.of(), List.of());
        }
        List<String> notOk = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (HostStatus.Tunnel t : s.tunnels()) {
            if (t.verdict() != Verdict.OK) {
                notOk.add("tunnel " + t.ifname() + " to " + t.peer() + " " + t.state());
                named.add(t.peer());
            }
        }
        for (HostStatus.Session x : s.sessions()) {
            if (x.verdict() != Verdict.OK) {
                notOk.add(x.kind() + " " + x.name() + " " + x.state());
                if (!x.peer().isEmpty()) {
                    named.add(x.peer());
                }
            }
        }
        List<String> badRoutes = new ArrayList<>();
        for (HostStatus.Route r : s.routes()) {
            // The lab is stricter than an operator's verdict: a next hop the intent does not have
            // (traffic through a transit site, say) is wrong too.
            if (r.verdict() != Verdict.OK || !r.other().isEmpty()) {
                badRoutes.add("route " + r.prefix() + " (" + r.remoteSite() + ") over " + hops(r.present()) + " of "
                        + hops(r.expected()) + (r.other().isEmpty() ? "" : ", and " + hops(r.other())));
                named.add(r.remoteSite());
            }
        }
        notOk.addAll(badRoutes);
        List<String> drift = s.drift().stream().map(d -> d.kind() + " " + d.subject() + " " + d.detail()).toList();
        String verdict = s.host().equals(host) ? s.verdict().word() : "of another host (" + s.host() + ")";
        return new Report(host, exit, out, verdict, notOk, named, s.routes().size(), badRoutes, drift);
    }

    private static String hops(List<String> hops) {
        return hops.isEmpty() ? "nothing" : String.join(",", hops);
    }
}
