package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Rt;
import dev.vpnc.lab.LabLayout.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Check 6: reload.sh on every host of a running lab, with flows between every pair of sites
 * running meanwhile. With an unchanged bundle it must recreate nothing (the WireGuard
 * interfaces keep their ifindex), restart nothing (BIRD keeps its pid) and lose no echo.
 */
final class Reload {
    private Reload() {
    }

    /**
     * @param hostProblems reload.sh failed, or recreated an interface or restarted BIRD
     * @param lossyFlows   flows that lost echoes during the reloads
     * @param hosts        hosts reloaded
     * @param lost         echoes lost by the flows during the reloads
     * @param echoes       echoes sent during the reloads
     * @param slowest      longest reload.sh (s)
     */
    record Figures(List<String> hostProblems, List<String> lossyFlows, int hosts, int lost, int echoes, double slowest) {
        Figures {
            hostProblems = List.copyOf(hostProblems);
            lossyFlows = List.copyOf(lossyFlows);
        }

        /** What went wrong (empty when the check passed). */
        List<String> problems() {
            List<String> all = new ArrayList<>(hostProblems);
            all.addAll(lossyFlows);
            return all;
        }

        /** Every host reloaded in place, and only echoes were lost: worth measuring once more. */
        boolean onlyEchoesLost() {
            return hostProblems.isEmpty() && !lossyFlows.isEmpty();
        }
    }

    /** One flow each way and each family between the first routers of every linked pair of sites. */
    static List<Flows.Flow> flowsBetweenSites(LabLayout layout) {
        return flowsBetweenSites(layout, s -> true);
    }

    /** As {@link #flowsBetweenSites(LabLayout)}, between the sites {@code among} accepts only. */
    static List<Flows.Flow> flowsBetweenSites(LabLayout layout, Predicate<Site> among) {
        List<Flows.Flow> flows = new ArrayList<>();
        List<Site> sites = layout.sites().stream().filter(among).toList();
        for (int i = 0; i < sites.size(); i++) {
            for (int j = i + 1; j < sites.size(); j++) {
                Rt a = sites.get(i).pinged();
                Rt b = sites.get(j).pinged();
                if (a == null || b == null || !layout.linked(sites.get(i), sites.get(j))) {
                    continue;
                }
                Flows.bothWays(flows, a, b, 1);
            }
        }
        return Flows.sample(flows);
    }

    /** What a reload must not change: each WireGuard interface's ifindex and the routing daemons' pids. */
    static String identity(Lab lab, String host) {
        var g = lab.layout().gateway(host);
        String links = g == null ? "" : "ip -n " + g.plan().namespace() + " -o link show | awk -F': ' '$2 ~ /^wg-/ {print $1, $2}'; ";
        return lab.host(host).sh(15, links + RoutingShell.daemonPids(lab.layout(), host)).out();
    }

    /** reload.sh on every host, one after the other, as an operator's rollout would. */
    static Figures unchanged(Lab lab) {
        List<String> hostProblems = new ArrayList<>();
        List<String> lossyFlows = new ArrayList<>();
        List<String> hosts = lab.layout().hostNames();
        List<Flows.Flow> list = flowsBetweenSites(lab.layout());
        double slowest = 0;
        try (Flows flows = Flows.start(lab, lab.stateDir().resolve("flows-reload"), list)) {
            Shell.sleep(500);
            double from = now();
            for (String host : hosts) {
                String before = identity(lab, host);
                long t0 = System.nanoTime();
                Shell.Result r = lab.reloadSh(host);
                slowest = Math.max(slowest, LabUp.since(t0));
                String after = identity(lab, host);
                if (!r.ok()) {
                    hostProblems.add(host + ": reload.sh failed (exit " + r.exit() + "): " + r.err().strip());
                } else if (!before.equals(after)) {
                    hostProblems.add(host + ": reload.sh recreated an interface or restarted a routing daemon:\n  before: "
                            + before.strip().replace("\n", "; ") + "\n  after:  " + after.strip().replace("\n", "; "));
                }
            }
            double to = now();
            Shell.sleep(1500);
            int lost = 0;
            int sent = 0;
            List<List<Flows.Echo>> echoes = flows.stop();
            for (int i = 0; i < echoes.size(); i++) {
                int lostHere = 0;
                for (Flows.Echo e : echoes.get(i)) {
                    if (e.sent() >= from && e.sent() <= to) {
                        sent++;
                        lostHere += e.answered() ? 0 : 1;
                    }
                }
                if (lostHere > 0) {
                    lossyFlows.add(list.get(i).label() + ": " + lostHere + " echoes lost during the reloads");
                }
                lost += lostHere;
            }
            return new Figures(hostProblems, lossyFlows, hosts.size(), lost, sent, slowest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
