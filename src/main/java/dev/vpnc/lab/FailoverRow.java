package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.resolve.RoutingTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Check 4's row for one gateway: its failovers and returns judged, one run or the median and worst of several. */
final class FailoverRow {
    private FailoverRow() {
    }

    /**
     * @param disturbed for a round measured again, the first measure (a round that missed a target
     *                  while the machine paused), by the round that replaced it
     */
    static LabChecks.Row of(Gw g, List<Failover.Figures> runs, Map<Failover.Figures, Failover.Figures> disturbed,
                            LabChecks.Options options) {
        String name = g.plan().name();
        RoutingTimers timers = g.plan().timers();
        double cutTarget = LabChecks.bound(options.failoverBound(), LabChecks.failoverTarget(timers));
        double backTarget = LabChecks.bound(options.returnBound(), LabChecks.returnTarget(g));
        double upShTarget = LabChecks.bound(options.returnBound(), LabChecks.UP_SH_TARGET);

        List<String> details = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Double> cuts = new ArrayList<>();
        List<Double> backs = new ArrayList<>();
        List<Double> upShs = new ArrayList<>();
        int lost = 0;
        int hitLeast = Integer.MAX_VALUE;
        int flows = 0;
        for (int i = 0; i < runs.size(); i++) {
            Failover.Figures f = runs.get(i);
            String run = runs.size() > 1 ? "round " + (i + 1) + ": " : "";
            if (!f.lone()) {
                cuts.add(f.interruption());
            }
            upShs.add(f.upSh());
            lost += f.returnLoss();
            hitLeast = Math.min(hitLeast, f.interrupted());
            flows = f.flows();
            if (f.returnTime() >= 0) {
                backs.add(f.returnTime());
            }
            problems(f, cutTarget, backTarget, upShTarget).forEach(p -> details.add(run + p));
            // Another session flapping is not judged here (check "1+3 again" sees whether the
            // network healed) but is shown: it tells a return that disturbed the rest of the network.
            f.otherFlaps().forEach(flap -> notes.add(run + "elsewhere: " + flap));
            // Not judged either: a pause of the whole machine (see StallWatch) during the round is
            // the emulation's host, and it explains a flap or a slow return that follows it.
            f.pauses().forEach(p -> notes.add(run + "the machine paused " + p.describe()
                    + " (no process ran, not even at real-time priority)"));
            Failover.Figures first = disturbed.get(f);
            if (first != null) {
                notes.add(run + "measured again: the first time, the machine paused ("
                        + first.pauses().stream().map(StallWatch.Stall::describe).collect(Collectors.joining(", "))
                        + ") and the round missed its targets: " + String.join("; ", problems(first, cutTarget, backTarget, upShTarget)));
            }
        }
        boolean lone = runs.get(0).lone();
        String cut = lone ? "" : "cut " + figure(cuts, "%.3f") + " s"
                + (Double.isNaN(cutTarget) ? "" : String.format(Locale.ROOT, " (<= %.2f)", cutTarget))
                + " (" + (runs.size() > 1 ? "at least " : "") + hitLeast + "/" + flows + " flows hit); ";
        String back = backs.isEmpty() ? "never" : figure(backs, "%.2f") + " s" + (Double.isNaN(backTarget) ? "" : String.format(Locale.ROOT, " (<= %.2f)", backTarget));
        String figure = (runs.size() > 1 ? runs.size() + " rounds, median/worst: " : "")
                + cut + "back in " + back + ", up.sh " + figure(upShs, "%.2f") + " s, " + lost + " lost" + (lone ? " once traffic resumed" : "");
        String check = lone ? "4 return: " + name + " (its site's only gateway)" : "4 failover: " + name + " dies, returns";
        boolean ok = details.isEmpty();
        details.addAll(notes);
        return new LabChecks.Row(check, timersLabel(timers), ok, figure, details);
    }

    /** What a round missed: none when it met every target. */
    static List<String> problems(Failover.Figures f, double cutTarget, double backTarget, double upShTarget) {
        List<String> problems = new ArrayList<>();
        if (!f.lone() && !Double.isNaN(cutTarget) && f.interruption() > cutTarget) {
            problems.add(String.format(Locale.ROOT, "interruption %.3f s over the target %.2f s (flow %s)", f.interruption(), cutTarget,
                    f.worstFlow()));
        }
        if (!f.lone() && f.interrupted() == 0) {
            problems.add("no flow went through " + f.gateway() + " (nothing interrupted)");
        }
        if (f.returnTime() < 0) {
            problems.add("sessions still down 60 s after the return: " + f.sessionsLeft());
        } else if (!Double.isNaN(backTarget) && f.returnTime() > backTarget) {
            problems.add(String.format(Locale.ROOT, "sessions back %.2f s after up.sh started, over the target %.2f s",
                    f.returnTime(), backTarget));
            problems.add("  last look before: " + f.lastAwaited().describe());
        }
        if (f.upSh() > upShTarget) {
            problems.add(String.format(Locale.ROOT, "up.sh took %.2f s, over the target %.2f s", f.upSh(), upShTarget));
        }
        if (f.returnLoss() > 0) {
            problems.add(f.returnLoss() + (f.lone() ? " echoes lost once traffic had resumed" : " echoes lost during the return"));
            f.lossyFlows().forEach(flow -> problems.add("  " + flow));
        }
        return problems;
    }

    /** Whether a round missed a target of its gateway's (see {@link #problems}). */
    static boolean missed(Gw g, Failover.Figures f, LabChecks.Options options) {
        return !problems(f, LabChecks.bound(options.failoverBound(), LabChecks.failoverTarget(g.plan().timers())),
                LabChecks.bound(options.returnBound(), LabChecks.returnTarget(g)),
                LabChecks.bound(options.returnBound(), LabChecks.UP_SH_TARGET)).isEmpty();
    }

    /** One value, or "median/worst" of several. */
    private static String figure(List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        double worst = sorted.get(sorted.size() - 1);
        if (sorted.size() == 1) {
            return String.format(Locale.ROOT, format, worst);
        }
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, format + "/" + format, median, worst);
    }

    static String timersLabel(RoutingTimers t) {
        return t.bfd() ? "BFD " + t.bfdIntervalMillis() + " ms x " + t.bfdMultiplier() : "no BFD, hold " + t.bgpHoldSeconds() + " s";
    }
}
