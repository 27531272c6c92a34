package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load scenario: flows between every pair of linked sites while busy processes at normal
 * priority saturate every core of the machine (two per core) for a while. Reported: sessions
 * (BGP, BFD) that went down at least once, echoes lost, and the time from the end of the load
 * until every session is up again.
 */
final class CpuLoad {
    private CpuLoad() {
    }

    /**
     * @param busy      busy processes run
     * @param flapped   sessions whose state changed during the scenario (went down at least once), "host session"
     * @param sessions  sessions looked at
     * @param lost      echoes lost from the start of the load to the end of the recovery
     * @param echoes    echoes sent meanwhile
     * @param recovered seconds from the end of the load until every session was up, or -1 (not within 60 s)
     * @param left      sessions still down at that deadline
     */
    record Figures(int busy, List<String> flapped, int sessions, int lost, int echoes, double recovered, List<String> left) {
    }

    static Figures run(Lab lab, int seconds) {
        List<Flows.Flow> list = new ArrayList<>();
        List<Site> sites = lab.layout().sites();
        for (int i = 0; i < sites.size(); i++) {
            for (int j = i + 1; j < sites.size(); j++) {
                Site a = sites.get(i);
                Site b = sites.get(j);
                if (a.pinged() != null && b.pinged() != null && lab.layout().linked(a, b)) {
                    Flows.bothWays(list, a.pinged(), b.pinged(), 1);
                }
            }
        }
        List<Flows.Flow> flows = Flows.sample(list);
        int busy = 2 * Runtime.getRuntime().availableProcessors();
        List<Process> loops = new ArrayList<>();
        Flows running = null;
        try {
            running = Flows.start(lab, lab.stateDir().resolve("flows-load"), flows);
            Map<String, String> before = Sessions.since(Sessions.all(lab));
            Shell.sleep(500);
            double loadAt = System.currentTimeMillis() / 1000.0;
            // Each loop ends by itself (timeout), should this JVM die meanwhile.
            for (int i = 0; i < busy; i++) {
                loops.add(new ProcessBuilder("timeout", Integer.toString(seconds), "sh", "-c", "while :; do :; done")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process p : loops) {
                p.waitFor(seconds + 10L, TimeUnit.SECONDS);
            }
            long endedAt = System.nanoTime();
            double recovered = -1;
            List<String> left = List.of();
            while (System.nanoTime() - endedAt < 60_000_000_000L) {
                left = Sessions.problems(Sessions.all(lab));
                if (left.isEmpty()) {
                    recovered = LabUp.since(endedAt);
                    break;
                }
                Shell.sleep(100);
            }
            Shell.sleep(1000);
            int lost = 0;
            int echoes = 0;
            List<List<Flows.Echo>> all = running.stop();
            for (List<Flows.Echo> e : all) {
                for (Flows.Echo x : e) {
                    if (x.sent() >= loadAt) {
                        echoes++;
                        lost += x.answered() ? 0 : 1;
                    }
                }
            }
            Map<String, String> after = Sessions.since(Sessions.all(lab));
            List<String> flapped = Sessions.changed(before, after);
            return new Figures(busy, flapped, before.size(), lost, echoes, recovered, left);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        } finally {
            // timeout's child would survive timeout's own SIGKILL: the loops go first.
            for (Process p : loops) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            if (running != null) {
                running.close();
            }
        }
    }
}
