package dev.vpnc.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check 2, judged by each host's own status.sh: every remote site's prefix is one route over
 * the tunnels to all of that site's gateways (ECMP) on a gateway, over every gateway of its site
 * that carries it on an internal router. The intent it compares with is the compiler's
 * (dev.vpnc.emit.StatusViews), printed into the script.
 */
final class Routes {
    private Routes() {
    }

    /**
     * @param count    routes looked at
     * @param problems routes missing or not over every next hop, at the last look ("host: route ...")
     * @param seconds  how long the routes took to be complete (or the wait given up)
     */
    record Checked(int count, List<String> problems, double seconds) {
    }

    /**
     * Looks until every route is complete, at most {@code maxSeconds}: a session just established
     * (check 1 waits for sessions, not for the routes they then exchange) has its routes a moment
     * later, longer on a loaded machine.
     */
    static Checked settle(Lab lab, double maxSeconds) {
        long t0 = System.nanoTime();
        Checked c = check(lab, 0);
        while (!c.problems().isEmpty() && System.nanoTime() - t0 < (long) (maxSeconds * 1e9)) {
            Shell.sleep(500);
            c = check(lab, (System.nanoTime() - t0) / 1e9);
        }
        return c;
    }

    private static Checked check(Lab lab, double seconds) {
        Map<String, StatusRuns.Report> reports = StatusRuns.all(lab, lab.layout().hostNames());
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (StatusRuns.Report r : reports.values()) {
            count += r.routes();
            if (r.verdict().equals("unreadable")) {
                problems.add(r.describe());
            }
            r.badRoutes().forEach(b -> problems.add(r.host() + ": " + b));
        }
        return new Checked(count, problems, seconds);
    }
}
