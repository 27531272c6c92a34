package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.resolve.RoutingTimers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code lab test}: the checks on the running lab (cold start as {@code lab up} measured it,
 * sessions, routes, pings, idempotent up.sh, reload, each gateway's failover and return, the CPU
 * load scenario), printed as a table (figures whatever the outcome). Returns false when a check
 * fails.
 */
public final class LabChecks {
    private LabChecks() {
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
     * What {@code lab test} does and how it judges.
     *
     * @param gateways      gateways whose failover is tested, or null for every one
     * @param failoverBound the longest interruption accepted instead of {@link #failoverTarget} where
     *                      there is one (BFD), or null for the target
     * @param returnBound   the longest time accepted, instead of the targets, for things to come up:
     *                      cold start, a gateway's return and its up.sh, recovery after the load; or null
     * @param rounds        how many times each gateway dies and returns (in turn: gateway after gateway)
     * @param loadSeconds   length of the CPU load scenario, 0 for none
     * @param skipped       checks left out (2 to 11): the test suite leaves out 5 and 6 on its largest
     *                      network, whose scripts the smaller ones already run
     */
    public record Options(List<String> gateways, Double failoverBound, Double returnBound, int rounds, int loadSeconds,
                          Set<Integer> skipped) {
        public Options {
            skipped = Set.copyOf(skipped);
        }

        boolean runs(int check) {
            return !skipped.contains(check);
        }
    }

    /** The checks that --skip may leave out: 1 (sessions) is what every other check stands on. */
    public static final Set<Integer> SKIPPABLE = Set.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    /** Every session up within this many seconds of the end of the CPU load. */
    static final double LOAD_RECOVERY_TARGET = 5;
    /** Longest up.sh of a returning gateway (7 tunnels: the largest gateway). */
    static final double UP_SH_TARGET = 2;

    /**
     * Fail-back target with BFD: every session up 3 s after the returning gateway's up.sh starts,
     * for up to 4 tunnels, 5 s for 7 (2/3 s per tunnel beyond 4). Without BFD there is none:
     * sessions come back on the protocols' own timers (OSPF hello, BGP connect retry).
     */
    static double returnTarget(LabLayout.Gw g) {
        if (!g.plan().timers().bfd()) {
            return Double.NaN;
        }
        return 3 + Math.max(0, g.plan().tunnels().size() - 4) * 2.0 / 3;
    }

    /**
     * @param recompile how check 9 rotates a key and compiles again (on copies of the key store and
     *                  lock), or null to leave that check out
     */
    public static boolean run(LabLayout layout, LabState state, Path secrets, Options options, Recompile recompile,
                              PrintWriter out) {
        Lab lab = Lab.attach(layout, state, secrets);
        List<Row> rows = new ArrayList<>();

        ColdStart.read(state).ifPresent(c -> {
            double target = bound(options.returnBound(), ColdStart.target(layout.hostNames().size()));
            rows.add(new Row("0 cold start (measured by lab up)", layout.hostNames().size() + " hosts", c.pinging() <= target,
                    String.format(Locale.ROOT, "every site pings %.2f s after the up.sh runs start (<= %.2f); every up.sh done at %.2f s",
                            c.pinging(), target, c.upScripts()), List.of()));
            progress(out, rows);
        });

        // A lab just up, or one where a session flapped (BFD at 100 ms on a loaded 2-core
        // machine), gets 15 s to settle; the wait is reported.
        Sessions.Settled settled = Sessions.settle(lab, 15);
        List<Sessions.HostSessions> sessions = settled.sessions();
        List<String> down = settled.down();
        if (settled.seconds() > 0.5) {
            out.printf(Locale.ROOT, "sessions settled after %.1f s%n", settled.seconds());
        }
        int count = sessions.stream().mapToInt(Sessions.HostSessions::count).sum();
        rows.add(new Row("1 handshakes, BGP/BFD/OSPF sessions", layout.hostNames().size() + " hosts", down.isEmpty(),
                (count - down.size()) + "/" + count + " up", down));
        progress(out, rows);

        if (options.runs(2)) {
            rows.add(routesRow(Routes.settle(lab, 15), layout.hostNames().size()));
            progress(out, rows);
        }

        if (options.runs(3)) {
            int pairs = Pings.pairs(layout).size();
            Pings.Loss loss = Pings.lossyMeasuredTwice(lab, 10);
            rows.add(new Row("3 pings between sites (10 each)", pairs + " pairs", loss.lossy().isEmpty(),
                    (pairs - loss.lossy().size()) + "/" + pairs + " pairs, 0 loss" + twice(loss), loss.lossy()));
            progress(out, rows);
        }

        if (options.runs(5)) {
            List<String> idem = Idempotence.check(lab);
            rows.add(new Row("5 up.sh twice changes nothing", layout.hostNames().size() + " hosts", idem.isEmpty(),
                    (layout.hostNames().size() - idem.size()) + "/" + layout.hostNames().size() + " unchanged", idem));
            progress(out, rows);
        }

        if (options.runs(6)) {
            reloadUnchanged(lab, rows, out);
        }

        if (options.runs(8)) {
            firewall(lab, rows, out);
        }

        if (options.runs(9) && recompile != null) {
            rotation(lab, recompile, options.returnBound() != null, rows, out);
        }

        if (options.runs(10)) {
            status(lab, rows, out);
        }

        if (options.runs(11)) {
            ProbeCheck.probedSite(layout).ifPresent(site -> probe(lab, site, options, rows, out));
        }

        if (options.runs(4)) {
            failovers(lab, options, rows, out);
        }

        if (options.runs(7) && options.loadSeconds() > 0) {
            load(lab, options, rows, out);
        }

        // Back from every failover: the network must be whole again. A session that flapped
        // just after a return (BFD at 100 ms while a loaded machine starts a gateway) must come
        // back by itself: BIRD's error wait (1 s, up to 16 s for a session failing repeatedly)
        // plus a connection attempt (retried every 5 s) is at most 21 s; 30 s is given, and what
        // was down at the first look is shown with the time it took.
        Sessions.Settled again = Sessions.settle(lab, 30);
        Pings.Loss lossAfter = Pings.lossyMeasuredTwice(lab, 10);
        List<String> problems = new ArrayList<>(again.down());
        problems.addAll(lossAfter.lossy());
        List<String> d = new ArrayList<>(problems);
        String healed = "";
        if (!again.downAtFirst().isEmpty() && again.down().isEmpty()) {
            healed = String.format(Locale.ROOT, " (%d sessions down at the first look, all up %.1f s later)",
                    again.downAtFirst().size(), again.seconds());
            again.downAtFirst().forEach(x -> d.add("was down: " + x));
        }
        rows.add(new Row("1+3 again, after the failovers", layout.hostNames().size() + " hosts", problems.isEmpty(),
                (problems.isEmpty() ? "all up, 0 loss" : problems.size() + " problems") + healed + twice(lossAfter), d));
        progress(out, rows);

        out.println();
        out.println(table(layout.network(), rows));
        if (!options.skipped().isEmpty()) {
            out.println("left out (--skip): " + options.skipped().stream().sorted().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        boolean ok = rows.stream().allMatch(Row::ok);
        out.println(ok ? "lab test: every check passed" : "lab test: FAILED");
        out.flush();
        return ok;
    }

    /** Check 6: reload.sh with the bundle unchanged, on every host in turn, under flows. */
    private static void reloadUnchanged(Lab lab, List<Row> rows, PrintWriter out) {
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
                String.format(Locale.ROOT, "%d/%d echoes lost, same ifindex and routing daemon pids, slowest %.2f s",
                        reload.lost(), reload.echoes(), reload.slowest()) + first, reload.problems()));
        progress(out, rows);
    }

    /** Check 9: every gateway's key rotated in turn under flows: hitless where the site has another gateway. */
    private static void rotation(Lab lab, Recompile recompile, boolean loaded, List<Row> rows, PrintWriter out) {
        RotationCheck.Figures f = RotationCheck.run(lab, recompile);
        List<String> details = new ArrayList<>(f.problems());
        StringBuilder figure = new StringBuilder(String.format(Locale.ROOT, "%d/%d echoes lost where traffic had another way",
                f.lostWhereHitless(), f.echoes()));
        double slowest = 0;
        for (RotationCheck.Step s : f.steps()) {
            slowest = Math.max(slowest, s.seconds());
            if (!s.hitless()) {
                figure.append(String.format(Locale.ROOT, "; %s (no other way: cannot be hitless) interrupted %.2f s", s.subject(),
                        s.longestGap()));
            }
            details.add(String.format(Locale.ROOT, "%s: %d lost, longest gap %.2f s, sessions back %.1f s after the first "
                    + "reload.sh, slowest reload.sh %.2f s (reloaded: %s)", s.subject(), s.lost(), s.longestGap(), s.seconds(),
                    s.slowestReload(), String.join(" ", s.reloaded())));
        }
        if (!f.measuredAgain().isEmpty()) {
            figure.append("; measured again after a loss: ").append(String.join(", ", f.measuredAgain()));
        }
        details.addAll(f.restarted());
        figure.append(f.restarted().isEmpty() ? "; untouched sessions kept"
                : "; " + f.restarted().size() + " untouched sessions restarted");
        figure.append(String.format(Locale.ROOT, "; slowest step %.1f s", slowest));
        // A session that restarted without reload.sh draining it is a liveness timer missed: a
        // failure on a quiet machine, reported only where bounds say the machine is loaded.
        boolean ok = f.problems().isEmpty() && (f.restarted().isEmpty() || loaded);
        rows.add(new Row("9 key rotation, gateway after gateway", f.steps().size() + " keys", ok,
                figure.toString(), details));
        progress(out, rows);
    }

    /** Check 11: a gateway whose LAN is cut stops attracting its site's traffic, and takes it back. */
    private static void probe(Lab lab, LabLayout.Site site, Options options, List<Row> rows, PrintWriter out) {
        ProbeCheck.Figures f = ProbeCheck.run(lab, site, options.returnBound());
        // The probe's withdrawal and return can flap a session of a busy machine: settled again.
        List<String> problems = new ArrayList<>(f.problems());
        problems.addAll(Sessions.settle(lab, 30).down());
        rows.add(new Row("11 health probe: " + f.gateway() + "'s LAN cut, sessions up", "site " + site.name(),
                problems.isEmpty(), String.format(Locale.ROOT, "withdrawn from every remote gateway %s after the cut, "
                + "back %s after the LAN returned (target %.2f s: interval x down + %.0f s); sessions kept, 0 loss once withdrawn",
                seconds(f.withdrawn()), seconds(f.restored()), f.bound(), ProbeCheck.MARGIN_SECONDS), problems));
        progress(out, rows);
    }

    private static String seconds(double s) {
        return s < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", s);
    }

    /** Check 10: status.sh's verdicts, healthy, drifted, with a gateway dead, with a site cut off. */
    private static void status(Lab lab, List<Row> rows, PrintWriter out) {
        StatusCheck.Figures f = StatusCheck.run(lab);
        List<String> details = new ArrayList<>(f.steps());
        details.addAll(f.problems());
        rows.add(new Row("10 status.sh: verdicts, drift, metrics", lab.layout().hostNames().size() + " hosts",
                f.problems().isEmpty(), f.problems().isEmpty() ? f.steps().size() + " steps as expected"
                : f.problems().size() + " problems", details));
        progress(out, rows);
    }

    /** Check 8: only peers reach the listen ports; an operator's tables outlive the scripts. */
    private static void firewall(Lab lab, List<Row> rows, PrintWriter out) {
        FirewallCheck.Figures f = FirewallCheck.run(lab);
        // One gateway went down and up for the operator's table: its sessions come back first.
        Sessions.Settled settled = Sessions.settle(lab, 30);
        List<String> problems = new ArrayList<>(f.problems());
        problems.addAll(settled.down());
        rows.add(new Row("8 firewall: only peers reach the listen ports", f.gateways() + " gateways", problems.isEmpty(),
                problems.isEmpty() ? String.format(Locale.ROOT, "%d datagrams of a non-peer, all dropped; every peer "
                        + "accepted; an operator's table kept through reload.sh, up.sh, down.sh", f.probes())
                        + (f.openToAll().isEmpty() ? "" : "; ports open to all (DNS or other-family peers): "
                        + String.join(", ", f.openToAll()))
                        : problems.size() + " problems", problems));
        progress(out, rows);
    }

    /** Check 7: busy processes on every core while flows run; who went down, and when all was back. */
    private static void load(Lab lab, Options options, List<Row> rows, PrintWriter out) {
        CpuLoad.Figures load = CpuLoad.run(lab, options.loadSeconds());
        double target = bound(options.returnBound(), LOAD_RECOVERY_TARGET);
        boolean ok = load.recovered() >= 0 && load.recovered() <= target;
        List<String> details = new ArrayList<>();
        if (!load.flapped().isEmpty()) {
            details.add("went down: " + String.join(", ", load.flapped()));
        }
        if (load.recovered() < 0) {
            details.add("still down 60 s after the load: " + load.left());
        }
        rows.add(new Row("7 CPU load: " + load.busy() + " busy processes", options.loadSeconds() + " s", ok,
                String.format(Locale.ROOT, "%d/%d sessions went down, %d/%d echoes lost; all up %s after it (<= %.2f)",
                        load.flapped().size(), load.sessions(), load.lost(), load.echoes(),
                        load.recovered() < 0 ? "never (60 s)" : String.format(Locale.ROOT, "%.2f s", load.recovered()), target),
                details));
        progress(out, rows);
    }

    /** What a figure is judged against: the given bound instead of the target, where there is a target (NaN: none). */
    static double bound(Double given, double target) {
        return given == null || Double.isNaN(target) ? target : given;
    }

    /** Check 4: each gateway dies and returns, {@code rounds} times in turn; one row per gateway. */
    private static void failovers(Lab lab, Options options, List<Row> rows, PrintWriter out) {
        List<Gw> tested = lab.layout().gateways().stream()
                .filter(g -> options.gateways() == null || options.gateways().contains(g.plan().name())).toList();
        Map<Gw, List<Failover.Figures>> runs = new LinkedHashMap<>();
        Map<Failover.Figures, Failover.Figures> disturbed = new IdentityHashMap<>();
        Map<Gw, Double> lastCrash = new HashMap<>();
        try (StallWatch watch = StallWatch.start(lab.stateDir())) {
            for (int round = 1; round <= options.rounds(); round++) {
                for (Gw g : tested) {
                    Failover.Figures f = failover(lab, g, lastCrash, watch, round, options, out);
                    // A round that missed a target while the whole machine paused (no process ran,
                    // see StallWatch) measured the emulation's host: it is measured once more, and
                    // both are reported. A second miss is judged, pause or not.
                    if (!f.pauses().isEmpty() && FailoverRow.missed(g, f, options)) {
                        out.printf(Locale.ROOT, "      round %d/%d, %s: missed a target while the machine paused: measured again%n",
                                round, options.rounds(), g.plan().name());
                        Failover.Figures again = failover(lab, g, lastCrash, watch, round, options, out);
                        disturbed.put(again, f);
                        f = again;
                    }
                    runs.computeIfAbsent(g, k -> new ArrayList<>()).add(f);
                }
            }
        }
        for (var e : runs.entrySet()) {
            rows.add(FailoverRow.of(e.getKey(), e.getValue(), disturbed, options));
            progress(out, rows);
        }
    }

    /** One death and return of {@code g}, its line printed. */
    private static Failover.Figures failover(Lab lab, Gw g, Map<Gw, Double> lastCrash, StallWatch watch, int round,
                                             Options options, PrintWriter out) {
        // A gateway killed again before its peers forgot its last failure would be damped: each
        // round waits for that, and so measures a return, not a crash loop.
        Double last = lastCrash.get(g);
        double notBefore = last == null ? 0 : last + g.plan().timers().errorForgetSeconds() + 0.5;
        Failover.Figures f = Failover.run(lab, g, notBefore, watch);
        lastCrash.put(g, f.crashAt());
        // One line per run, whatever the number of rounds: what scripts/lab-bench.sh reads.
        out.printf(Locale.ROOT, "      round %d/%d, %s: cut %s, back in %.2f s, up.sh %.2f s, %d lost%s%n",
                round, options.rounds(), g.plan().name(),
                f.lone() ? "- (its site's only gateway)" : String.format(Locale.ROOT, "%.3f s (%s)", f.interruption(), f.worstFlow()),
                f.returnTime(), f.upSh(), f.returnLoss(),
                f.pauses().isEmpty() ? "" : ", machine paused " + f.pauses().stream().map(StallWatch.Stall::describe)
                        .collect(Collectors.joining(", ")));
        out.flush();
        return f;
    }

    /** Check 2's row: the routes, and how long after the sessions they were complete. */
    private static Row routesRow(Routes.Checked routes, int hosts) {
        boolean ok = routes.problems().isEmpty();
        String figure = (routes.count() - routes.problems().size()) + "/" + routes.count() + " routes"
                + (ok && routes.seconds() > 0 ? String.format(Locale.ROOT, " (complete %.1f s after the sessions)", routes.seconds()) : "");
        List<String> details = new ArrayList<>();
        if (!ok) {
            details.add(String.format(Locale.ROOT, "still so %.0f s after the sessions were up:", routes.seconds()));
            details.addAll(routes.problems());
        }
        return new Row("2 ECMP routes over all remote gateways (status.sh)", hosts + " hosts", ok, figure, details);
    }

    /** The pairs pinged a second time after a partial loss, for the report. */
    private static String twice(Pings.Loss loss) {
        return loss.remeasured().isEmpty() ? ""
                : " (measured twice, clean the second time: " + String.join("; ", loss.remeasured()) + ")";
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
