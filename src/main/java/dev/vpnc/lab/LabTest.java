package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.plan.RoutingTimers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lab test}: the five checks on the running lab, printed as a table (figures
 * whatever the outcome). Returns false when a check fails.
 */
public final class LabTest {
    private LabTest() {
    }

    /** One row of the table. */
    record Row(String check, String subject, boolean ok, String figure, List<String> details) {
    }

    /**
     * Longest acceptable interruption when a gateway dies: BFD detection (interval x
     * multiplier) plus 50 ms for the routes to change (0.35 s for BFD 100 ms x 3, 0.2 s for
     * 50 ms x 3). Without BFD there is no target: the figure (hold time, OSPF dead interval) is
     * reported for comparison.
     */
    static double failoverTarget(RoutingTimers t) {
        return t.bfd() ? t.bfdIntervalMillis() * t.bfdMultiplier() / 1000.0 + 0.05 : Double.NaN;
    }

    /**
     * @param failoverBound the longest interruption accepted instead of {@link #failoverTarget} where
     *                      there is one (BFD), or null for the target
     */
    public static boolean run(LabLayout layout, LabState state, Path secrets, List<String> only, Double failoverBound,
                              PrintWriter out) {
        Lab lab = Lab.attach(layout, state, secrets);
        List<Row> rows = new ArrayList<>();

        // A lab just up, or one where a session flapped (BFD at 100 ms on a loaded 2-core
        // machine), gets 15 s to settle; the wait is reported.
        long t0 = System.nanoTime();
        List<Sessions.HostSessions> sessions = Sessions.all(lab);
        List<String> down = Sessions.problems(sessions);
        while (!down.isEmpty() && System.nanoTime() - t0 < 15_000_000_000L) {
            Shell.sleep(200);
            sessions = Sessions.all(lab);
            down = Sessions.problems(sessions);
        }
        double settled = LabUp.since(t0);
        if (settled > 0.5) {
            out.printf(Locale.ROOT, "sessions settled after %.1f s%n", settled);
        }
        int count = sessions.stream().mapToInt(Sessions.HostSessions::count).sum();
        rows.add(new Row("1 handshakes, BGP/BFD/OSPF sessions", layout.hostNames().size() + " hosts", down.isEmpty(),
                (count - down.size()) + "/" + count + " up", down));
        progress(out, rows);

        Map.Entry<Integer, List<String>> routes = Routes.check(lab);
        rows.add(new Row("2 ECMP routes over all remote gateways", layout.gateways().size() + " gateways",
                routes.getValue().isEmpty(), (routes.getKey() - routes.getValue().size()) + "/" + routes.getKey() + " routes",
                routes.getValue()));
        progress(out, rows);

        int pairs = Pings.pairs(layout).size();
        Pings.Loss loss = Pings.lossyMeasuredTwice(lab, 10);
        rows.add(new Row("3 pings between sites (10 each)", pairs + " pairs", loss.lossy().isEmpty(),
                (pairs - loss.lossy().size()) + "/" + pairs + " pairs, 0 loss" + twice(loss), loss.lossy()));
        progress(out, rows);

        List<String> idem = Idempotence.check(lab);
        rows.add(new Row("5 up.sh twice changes nothing", layout.hostNames().size() + " hosts", idem.isEmpty(),
                (layout.hostNames().size() - idem.size()) + "/" + layout.hostNames().size() + " unchanged", idem));
        progress(out, rows);

        Reload.Figures reload = Reload.unchanged(lab);
        String first = "";
        // A lone lost echo on a shared 2-core machine can be a scheduling hiccup of wireguard-go
        // rather than the reload (interfaces and BIRD are checked unchanged apart): when loss is
        // the only problem, the round is measured once more, must be clean, and both are shown.
        if (reload.onlyEchoesLost()) {
            first = String.format(Locale.ROOT, " (measured twice: %d/%d lost the first time)", reload.lost(), reload.echoes());
            reload = Reload.unchanged(lab);
        }
        rows.add(new Row("6 reload.sh, bundle unchanged", reload.hosts() + " hosts", reload.problems().isEmpty(),
                String.format(Locale.ROOT, "%d/%d echoes lost, same ifindex and BIRD pid, slowest %.2f s",
                        reload.lost(), reload.echoes(), reload.slowest()) + first, reload.problems()));
        progress(out, rows);

        for (Gw g : layout.gateways()) {
            if (only != null && !only.contains(g.plan().name())) {
                continue;
            }
            Failover.Figures f = Failover.run(lab, g);
            double strict = failoverTarget(g.plan().timers());
            double target = failoverBound != null && !Double.isNaN(strict) ? failoverBound : strict;
            boolean inTime = Double.isNaN(target) || f.interruption() <= target;
            boolean returned = f.returnTime() >= 0;
            List<String> details = new ArrayList<>();
            if (!inTime) {
                details.add(String.format(Locale.ROOT, "interruption %.3f s over the target %.2f s", f.interruption(), target));
            }
            if (f.interrupted() == 0) {
                details.add("no flow went through " + g.plan().name() + " (nothing interrupted)");
            }
            if (!returned) {
                details.add("sessions still down 60 s after the return: " + f.sessionsLeft());
            }
            if (f.returnLoss() > 0) {
                details.add(f.returnLoss() + " echoes lost during the return");
            }
            rows.add(new Row("4 failover: " + g.plan().name() + " dies, returns", timersLabel(g.plan().timers()),
                    inTime && returned && f.returnLoss() == 0 && f.interrupted() > 0,
                    String.format(Locale.ROOT, "cut %.3f s%s (%d/%d flows hit); back in %.2f s, %d lost",
                            f.interruption(), Double.isNaN(target) ? "" : String.format(Locale.ROOT, inTime ? " (<= %.2f)" : " (> %.2f)", target),
                            f.interrupted(), f.flows(), f.returnTime(), f.returnLoss()),
                    details));
            progress(out, rows);
        }
        // Back from every failover: the network must be whole again.
        List<String> after = Sessions.problems(Sessions.all(lab));
        Pings.Loss lossAfter = Pings.lossyMeasuredTwice(lab, 10);
        List<String> d = new ArrayList<>(after);
        d.addAll(lossAfter.lossy());
        rows.add(new Row("1+3 again, after the failovers", layout.hostNames().size() + " hosts", d.isEmpty(),
                (d.isEmpty() ? "all up, 0 loss" : d.size() + " problems") + twice(lossAfter), d));

        out.println();
        out.println(table(layout.network(), rows));
        boolean ok = rows.stream().allMatch(Row::ok);
        out.println(ok ? "lab test: every check passed" : "lab test: FAILED");
        out.flush();
        return ok;
    }

    /** The pairs pinged a second time after a partial loss, for the report. */
    private static String twice(Pings.Loss loss) {
        return loss.remeasured().isEmpty() ? ""
                : " (measured twice, clean the second time: " + String.join("; ", loss.remeasured()) + ")";
    }

    private static String timersLabel(RoutingTimers t) {
        return t.bfd() ? "BFD " + t.bfdIntervalMillis() + " ms x " + t.bfdMultiplier() : "no BFD, hold " + t.bgpHoldSeconds() + " s";
    }

    private static void progress(PrintWriter out, List<Row> rows) {
        Row r = rows.get(rows.size() - 1);
        out.println((r.ok() ? "ok    " : "FAIL  ") + r.check() + " (" + r.subject() + "): " + r.figure());
        for (String d : r.details()) {
            out.println("        " + d.replace("\n", "\n        "));
        }
        out.flush();
    }

    static String table(String network, List<Row> rows) {
        int c1 = "check".length();
        int c2 = "subject".length();
        for (Row r : rows) {
            c1 = Math.max(c1, r.check().length());
            c2 = Math.max(c2, r.subject().length());
        }
        StringBuilder sb = new StringBuilder("lab test of network " + network + "\n");
        String fmt = "%-" + c1 + "s | %-" + c2 + "s | %-4s | %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "check", "subject", "ok", "figures"));
        sb.append("-".repeat(c1)).append("-+-").append("-".repeat(c2)).append("-+------+-").append("-".repeat(20)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.check(), r.subject(), r.ok() ? "ok" : "FAIL", r.figure()));
        }
        return sb.toString();
    }
}
