package dev.vpnc.lab;

import dev.vpnc.fleet.FleetReport;
import dev.vpnc.fleet.FleetStatus;
import dev.vpnc.fleet.Verdict;
import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.resolve.RoutingTimers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Check 10: the operator's status.sh judges the network as the lab knows it to be. Healthy, every
 * host reports ok (exit 0); its Prometheus file passes {@code promtool check metrics}; a
 * hand-edited bird.conf shows as drift; a dead gateway of a site with others makes every host
 * that had a tunnel or session with it report degraded (1) and name it, the others ok; the death
 * of a site's only gateway makes every other host report broken (2), naming the site (or, in
 * that site, the gateway). The fleet view ({@code vpnc status}) of the same reports must agree:
 * ok, degraded or broken, the dead gateway found "probably down". Each dead gateway comes back,
 * and every host reports ok again.
 */
final class StatusCheck {
    /**
     * How long a verdict may take to show beyond the protocols' own detection: a look at every
     * host takes seconds on a busy machine, BFD 0.3 s.
     */
    static final double SETTLE_SECONDS = 30;

    private StatusCheck() {
    }

    /**
     * @param steps    what was shown, one line each (the scenario and how long the verdicts took)
     * @param problems what status.sh got wrong
     */
    record Figures(List<String> steps, List<String> problems) {
    }

    static Figures run(Lab lab) {
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        healthy(lab, "healthy", SETTLE_SECONDS, steps, problems);
        prometheus(lab, steps, problems);
        drift(lab, steps, problems);
        lab.layout().sites().stream().filter(s -> s.gateways().size() > 1).findFirst()
                .ifPresent(s -> deadGateway(lab, s.gateways().get(0), steps, problems));
        lab.layout().sites().stream().filter(s -> s.gateways().size() == 1).findFirst()
                .ifPresent(s -> deadSite(lab, s.gateways().get(0), steps, problems));
        return new Figures(steps, problems);
    }

    /** Every host ok, within {@link #SETTLE_SECONDS}. */
    private static void healthy(Lab lab, String when, double seconds, List<String> steps, List<String> problems) {
        Polled p = poll(lab, "", seconds, reports -> reports.values().stream().allMatch(StatusRuns.Report::ok)
                && fleet(lab, reports).verdict() == Verdict.OK);
        if (p.met()) {
            steps.add(String.format(Locale.ROOT, "%s: %d hosts ok (exit 0), the fleet view ok%s", when, p.reports().size(),
                    after(p)));
            // What kept a host from ok at the first look, shown with the wait (a session of a busy
            // machine that flapped, routes a moment late).
            p.first().values().stream().filter(r -> !r.ok()).forEach(r -> steps.add("  at the first look: " + r.describe()));
        } else {
            problems.add(when + ": not every host reports ok, or the fleet view is not ok");
            keep(lab, when.replace(' ', '-'), fleet(lab, p.reports()), problems);
            p.reports().values().stream().filter(r -> !r.ok()).forEach(r -> problems.add("  " + r.describe()));
        }
    }

    /** Every host's --prometheus file, checked by promtool when the machine has it. */
    private static void prometheus(Lab lab, List<String> steps, List<String> problems) {
        Path dir = lab.stateDir().resolve("metrics");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean promtool = Shell.bash(10, "command -v promtool").ok();
        int checked = 0;
        for (String host : lab.layout().hostNames()) {
            Path file = dir.resolve(host.replace('+', '_') + ".prom");
            Shell.Result r = StatusRuns.prometheus(lab, host, file);
            // It exits with the host's verdict (0 to 2), as the table does; 3 is a failure to write.
            if (r.exit() > 2 || !Files.isRegularFile(file)) {
                problems.add(host + ": status.sh --prometheus: exit " + r.exit() + " " + r.err().strip());
                continue;
            }
            if (promtool) {
                Shell.Result check = Shell.bash(30, "promtool check metrics < '" + file.toAbsolutePath() + "'");
                if (!check.ok()) {
                    problems.add(host + ": promtool check metrics: " + (check.out() + check.err()).strip());
                    continue;
                }
                checked++;
            }
        }
        steps.add(promtool ? checked + " Prometheus files pass promtool check metrics"
                : "Prometheus files written (promtool not installed: not checked)");
    }

    /** A comment added to one gateway's routing config: its status.sh names the file, its verdict stays ok. */
    private static void drift(Lab lab, List<String> steps, List<String> problems) {
        Gw g = lab.layout().gateways().get(0);
        String host = g.plan().name();
        Path conf = lab.bundles().resolve(host).resolve("bird.conf");
        for (String other : List.of("bird6.conf", "frr.conf")) {
            if (!Files.isRegularFile(conf)) {
                conf = lab.bundles().resolve(host).resolve(other);
            }
        }
        try {
            byte[] before = Files.readAllBytes(conf);
            try {
                Files.writeString(conf, "\n# edited by hand on the gateway\n", StandardOpenOption.APPEND);
                StatusRuns.Report r = StatusRuns.of(lab, host);
                String expected = "file " + conf.getFileName() + " differs";
                if (r.drift().contains(expected) && r.exit() == 0 && r.verdict().equals("ok")) {
                    steps.add("drift: " + host + "'s hand-edited " + conf.getFileName() + " reported, verdict ok");
                } else {
                    problems.add("drift: " + host + " with a hand-edited " + conf.getFileName() + " should report \""
                            + expected + "\" and stay ok: " + r.describe());
                }
            } finally {
                Files.write(conf, before);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A gateway of a site with others dies: the hosts that had a tunnel or session with it report
     * degraded and name it; every other host stays ok; the fleet view is degraded and finds it
     * probably down.
     */
    private static void deadGateway(Lab lab, Gw g, List<String> steps, List<String> problems) {
        String dead = g.plan().name();
        Set<String> related = related(lab, g);
        Predicate<StatusRuns.Report> expected = r -> related.contains(r.host())
                ? r.exit() == 1 && r.named().contains(dead) : r.ok();
        crashed(lab, g, "dead-gateway", Verdict.DEGRADED, expected, "dead " + dead + ": " + related.size()
                + " hosts with a tunnel or session to it report degraded (exit 1) naming it, the others ok; "
                + "the fleet view degraded, " + dead + " probably down", steps, problems);
    }

    /**
     * A site's only gateway dies: every other host reports broken, naming the site (the site's own
     * routers: the gateway, whose sessions they lost); the fleet view is broken.
     */
    private static void deadSite(Lab lab, Gw g, List<String> steps, List<String> problems) {
        String dead = g.plan().name();
        String site = g.plan().site();
        Predicate<StatusRuns.Report> expected = r -> r.exit() == 2
                && r.named().contains(siteOf(lab, r.host()).equals(site) ? dead : site);
        crashed(lab, g, "dead-site", Verdict.BROKEN, expected, "dead " + dead + " (site " + site + "'s only gateway): "
                + "every other host reports broken (exit 2) naming " + site + " (its site's routers: naming " + dead
                + "); the fleet view broken, " + dead + " probably down", steps, problems);
    }

    /** Crashes {@code g}, looks until every other host's report and the fleet view are as expected, brings it back. */
    private static void crashed(Lab lab, Gw g, String name, Verdict fleetVerdict, Predicate<StatusRuns.Report> expected,
                                String what, List<String> steps, List<String> problems) {
        String dead = g.plan().name();
        lab.crash(g);
        try {
            Polled p = poll(lab, dead, bound(g), reports -> reports.values().stream().allMatch(expected)
                    && fleetSays(fleet(lab, reports), fleetVerdict, dead));
            judge(p, what, expected, steps, problems);
            keep(lab, name, fleet(lab, p.reports()), p.met() ? steps : problems);
        } finally {
            back(lab, g, steps, problems);
        }
    }

    /** The fleet view (vpnc status) of the reports, as the lab collected them. */
    private static FleetReport fleet(Lab lab, Map<String, StatusRuns.Report> reports) {
        Map<String, String> json = new TreeMap<>();
        reports.forEach((host, r) -> json.put(host, r.json()));
        return FleetStatus.judge(lab.layout().plan(), json);
    }

    /** The fleet's verdict is {@code verdict}, and it finds {@code dead} probably down. */
    private static boolean fleetSays(FleetReport f, Verdict verdict, String dead) {
        return f.verdict() == verdict
                && f.suspects().stream().anyMatch(s -> s.host().equals(dead) && s.finding().equals("probably down"));
    }

    /**
     * The fleet view's table, kept in the lab's state folder (removed by lab down) for a look; its
     * path is added to {@code lines}.
     */
    private static void keep(Lab lab, String name, FleetReport f, List<String> lines) {
        Path file = lab.stateDir().resolve("status").resolve(name + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add("  the fleet view (" + f.verdict().word() + "): " + file);
    }

    private static void judge(Polled p, String what, Predicate<StatusRuns.Report> expected,
                              List<String> steps, List<String> problems) {
        if (p.met()) {
            steps.add(what + after(p));
            return;
        }
        problems.add(String.format(Locale.ROOT, "%s: not so %.0f s after the crash", what, p.seconds()));
        p.reports().values().stream().filter(r -> !expected.test(r))
                .forEach(r -> problems.add("  " + r.describe()));
    }

    /** The dead gateway back (new host, up.sh), then every host ok again. */
    private static void back(Lab lab, Gw g, List<String> steps, List<String> problems) {
        lab.revive(g);
        Sessions.settle(lab, bound(g));
        healthy(lab, g.plan().name() + " back", bound(g), steps, problems);
    }

    /**
     * How long the gateway's death or return may take to show everywhere: without BFD, a BGP hold
     * time or an OSPF dead interval (40 s by default) passes first.
     */
    private static double bound(Gw g) {
        RoutingTimers t = g.plan().timers();
        return SETTLE_SECONDS + Math.max(t.bgpHoldSeconds(), t.ospfDeadSeconds());
    }

    /** The hosts with a tunnel to the gateway (its peers) or a session with it (its site's hosts). */
    private static Set<String> related(Lab lab, Gw g) {
        Set<String> hosts = new TreeSet<>();
        g.plan().tunnels().forEach(t -> hosts.add(t.peerHost()));
        lab.layout().site(g.plan()).gateways().forEach(x -> hosts.add(x.plan().name()));
        lab.layout().site(g.plan()).routers().forEach(x -> hosts.add(x.plan().name()));
        hosts.remove(g.plan().name());
        return hosts;
    }

    private static String siteOf(Lab lab, String host) {
        Gw g = lab.layout().gateway(host);
        if (g != null) {
            return g.plan().site();
        }
        return lab.layout().routers().stream().filter(r -> r.plan().name().equals(host)).findFirst()
                .map(r -> r.plan().site()).orElse("");
    }

    /** The reports at the first and last looks, how many looks, and the seconds from the first to the last's end. */
    private record Polled(boolean met, Map<String, StatusRuns.Report> first, Map<String, StatusRuns.Report> reports,
                          int looks, double seconds) {
    }

    /**
     * Runs the status.sh of every host but {@code dead} until the reports meet {@code wanted}, at
     * most {@code maxSeconds}.
     */
    private static Polled poll(Lab lab, String dead, double maxSeconds, Predicate<Map<String, StatusRuns.Report>> wanted) {
        List<String> hosts = lab.layout().hostNames().stream().filter(h -> !h.equals(dead)).toList();
        long t0 = System.nanoTime();
        Map<String, StatusRuns.Report> first = null;
        for (int looks = 1; ; looks++) {
            Map<String, StatusRuns.Report> reports = StatusRuns.all(lab, hosts);
            first = first == null ? reports : first;
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (wanted.test(reports)) {
                return new Polled(true, first, reports, looks, seconds);
            }
            if (seconds > maxSeconds) {
                return new Polled(false, first, reports, looks, seconds);
            }
            Shell.sleep(500);
        }
    }

    /** How long the verdicts took to show: a look runs every host's status.sh (seconds on a busy machine). */
    private static String after(Polled p) {
        return p.looks() == 1 ? String.format(Locale.ROOT, " (at the first look, %.1f s)", p.seconds())
                : String.format(Locale.ROOT, " (after %d looks, %.1f s)", p.looks(), p.seconds());
    }
}
