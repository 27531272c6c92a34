package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.lab.LabLayout.Rt;
import dev.vpnc.lab.LabLayout.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Check 4 for one gateway: flows between its site and every other one, in both directions and
 * both families, from two source and two target addresses (four address pairs, so that the
 * ECMP hashes send some of them through the gateway whichever way they go); the gateway
 * crashes; the longest interruption of any flow is measured; the gateway comes back (new
 * host, links, up.sh) and the time from the start of its up.sh until every session of the
 * network is up again, and the echoes lost from the start of the return, are measured.
 */
final class Failover {
    private Failover() {
    }

    /**
     * @param interruption longest interruption of a flow (s)
     * @param worstFlow    the flow interrupted that long
     * @param interrupted  flows that lost at least one echo when the gateway died
     * @param flows        number of flows
     * @param returnTime   from the start of the returning gateway's up.sh to every session of the
     *                     network up (s), or -1
     * @param upSh         how long that up.sh took (s)
     * @param returnLoss   echoes lost from the start of the return until the end; for a site's only
     *                     gateway (its site is cut off until it is back), those of each flow
     *                     once it answered again
     * @param sessionsLeft sessions still down at the return deadline
     * @param lone         the gateway is its site's only one: no failover, only a return
     * @param lossyFlows   each flow that lost echoes during the return: how many, and when (from
     *                     the start of up.sh), to tell a returning gateway drawing traffic too
     *                     early from a flap after its return
     * @param crashAt      when the gateway was killed (epoch seconds)
     * @param otherFlaps    BGP sessions that went down (and maybe up) between a look before the crash
     *                      and one after the return, other than the gateway's own: a flap the
     *                      return caused elsewhere
     * @param lastAwaited   what the last look before every session was up still waited for, and when:
     *                      the session that made a slow return slow
     * @param pauses        pauses of the whole machine during the round (flows, crash, return)
     */
    record Figures(String gateway, double interruption, String worstFlow, int interrupted, int flows, double returnTime, double upSh,
            int returnLoss, List<String> sessionsLeft, boolean lone, List<String> lossyFlows, double crashAt,
            List<String> otherFlaps, Awaited lastAwaited, List<StallWatch.Stall> pauses) {
    }

    /** What a look during a return still waited for ({@code what}), {@code seconds} after up.sh started. */
    record Awaited(double seconds, List<String> what) {
        static final Awaited NOTHING = new Awaited(0, List.of());

        String describe() {
            List<String> shown = what.size() > 4 ? what.subList(0, 4) : what;
            return String.format(Locale.ROOT, "%.2f s after up.sh started, still waiting for %s%s", seconds,
                    String.join("; ", shown), what.size() > shown.size() ? " (and " + (what.size() - shown.size()) + " more)" : "");
        }
    }

    /**
     * The BGP sessions that the gateway's death and return restart, as keys of {@link Sessions#since}:
     * every session of its own, and each peer's session with it (over a tunnel, or iBGP on its LAN).
     */
    static Set<String> ownSessions(LabLayout layout, Gw g) {
        String name = g.plan().name();
        Set<String> own = new TreeSet<>();
        for (Gw p : layout.gateways()) {
            p.plan().tunnels().stream().filter(t -> t.peerHost().equals(name)).forEach(t -> own.add(p.plan().name() + " " + t.sessionName()));
            p.plan().neighbors().stream().filter(n -> n.host().equals(name)).forEach(n -> own.add(p.plan().name() + " " + n.sessionName()));
        }
        for (Rt r : layout.routers()) {
            r.plan().gateways().stream().filter(n -> n.host().equals(name)).forEach(n -> own.add(r.plan().name() + " " + n.sessionName()));
        }
        return own;
    }

    /** BGP sessions whose state changed between two looks, other than {@code own} and the gateway's. */
    private static List<String> otherFlaps(Map<String, String> before, Map<String, String> after, Set<String> own, String gateway) {
        List<String> flaps = new ArrayList<>();
        for (String key : Sessions.changed(before, after)) {
            if (!key.contains(" BFD ") && !key.startsWith(gateway + " ") && !own.contains(key)) {
                String now = after.get(key);
                flaps.add(key.replace(" ", ": ") + " changed state at " + (now == null ? "(gone)" : now));
            }
        }
        return flaps;
    }

    static List<Flows.Flow> flowsThrough(LabLayout layout, Gw g) {
        Site home = layout.site(g.plan());
        List<Flows.Flow> flows = new ArrayList<>();
        Rt a = home.pinged();
        if (a == null) {
            return flows;
        }
        for (Site other : layout.sites()) {
            Rt b = other.pinged();
            if (other == home || b == null || !layout.linked(home, other)) {
                continue;
            }
            Flows.bothWays(flows, a, b, 2);
        }
        // A hub also carries traffic between spokes: flows between pairs of the sites it carries.
        List<String> carried = g.plan().tunnels().stream().flatMap(t -> t.transitSites().stream()).distinct().sorted().toList();
        for (int i = 0; i + 1 < carried.size(); i += 2) {
            Site sx = site(layout, carried.get(i));
            Site sy = site(layout, carried.get(i + 1));
            if (sx == null || sy == null || sx.pinged() == null || sy.pinged() == null) {
                continue;
            }
            Flows.bothWays(flows, sx.pinged(), sy.pinged(), 1);
        }
        return Flows.sample(flows);
    }

    private static Site site(LabLayout layout, String name) {
        return layout.sites().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * @param watch     the machine's pauses, to name those during the round
     * @param notBefore the earliest time (epoch seconds) the gateway may be killed: a session whose
     *                  failures come less than BIRD's error forget time apart is damped (its peer
     *                  waits longer each time before taking it back), and a round must measure the
     *                  return of a gateway, not the damping of a crash loop
     */
    static Figures run(Lab lab, Gw g, double notBefore, StallWatch watch) {
        double startedAt = now();
        List<Flows.Flow> list = flowsThrough(lab.layout(), g);
        Map<String, String> sinceBefore = Sessions.since(Sessions.all(lab));
        try (Flows flows = Flows.start(lab, lab.stateDir().resolve("flows"), list)) {
            Shell.sleep(800);
            Shell.sleep(Math.max(0, (long) ((notBefore - now()) * 1000)));
            double crashAt = now();
            lab.crash(g);
            boolean lone = lab.layout().site(g.plan()).gateways().size() == 1;
            if (lone) {
                // Nothing carries the site's traffic until its gateway is back: its peers are given
                // the time to see it dead (BFD, or the hold time without BFD).
                Shell.sleep(g.plan().timers().bfd() ? 1000 : (g.plan().timers().bgpHoldSeconds() + 1) * 1000L);
            } else {
                // Down until every flow answers again (whatever the timers: BFD, hold time, OSPF dead
                // interval), plus a margin, at most 60 s.
                waitRecovered(lab, list, crashAt, 60);
                Shell.sleep(300);
            }
            double returnAt = now();
            double upShAt = lab.revive(g);
            double upSh = now() - upShAt;
            double upAt = -1;
            List<String> left = List.of();
            Awaited awaited = Awaited.NOTHING;
            long deadline = System.nanoTime() + 60_000_000_000L;
            String name = g.plan().name();
            // The returning gateway's own BGP sessions are polled alone, with one birdc (each end
            // of a session sees it come up within a few ms of the other): polling every host, or
            // every kind of session, 10 times a second would load the 2-core machine and slow
            // the very return it measures. Its BFD, OSPF and handshakes are then checked, then the
            // whole network, polled until it is up.
            while (System.nanoTime() < deadline) {
                double ownAt = now();
                List<String> waiting = Sessions.bgpNotEstablished(lab, name);
                if (waiting.isEmpty()) {
                    waiting = Sessions.of(lab, name).down().stream().map(d -> name + ": " + d).toList();
                }
                if (waiting.isEmpty()) {
                    left = Sessions.problems(Sessions.all(lab));
                    waiting = left;
                    if (left.isEmpty()) {
                        upAt = ownAt;
                        break;
                    }
                }
                awaited = new Awaited(ownAt - upShAt, waiting);
                Shell.sleep(100);
            }
            Shell.sleep(1000);
            List<List<Flows.Echo>> echoes = flows.stop();
            double worst = 0;
            String worstFlow = "";
            int interrupted = 0;
            int returnLoss = 0;
            List<String> lossyFlows = new ArrayList<>();
            for (int i = 0; i < echoes.size(); i++) {
                List<Flows.Echo> e = echoes.get(i);
                double longest = 0;
                double lostSince = -1;
                int flowLoss = 0;
                double firstLost = 0;
                double lastLost = 0;
                boolean resumed = false;
                for (Flows.Echo x : e) {
                    if (x.sent() >= returnAt) {
                        // A lone gateway's site is cut off until its routes are back, which is a
                        // moment after its sessions (the routes they carry are then exchanged and
                        // installed): a flow's echoes count once it answers again.
                        resumed |= x.answered();
                        boolean counted = !lone || resumed;
                        if (counted && !x.answered()) {
                            firstLost = flowLoss == 0 ? x.sent() : firstLost;
                            lastLost = x.sent();
                            flowLoss++;
                        }
                        continue;
                    }
                    if (!x.answered() && lostSince < 0) {
                        lostSince = x.sent();
                    } else if (x.answered() && lostSince >= 0) {
                        longest = Math.max(longest, x.sent() - lostSince);
                        lostSince = -1;
                    }
                }
                if (lostSince >= 0) {
                    longest = Math.max(longest, returnAt - lostSince);
                }
                if (flowLoss > 0) {
                    returnLoss += flowLoss;
                    lossyFlows.add(String.format(Locale.ROOT, "%s: %d lost, sent %.2f to %.2f s after up.sh started",
                            list.get(i).label(), flowLoss, firstLost - upShAt, lastLost - upShAt));
                }
                if (longest > 0) {
                    interrupted++;
                }
                if (longest > worst) {
                    worst = longest;
                    worstFlow = list.get(i).label();
                }
            }
            List<String> flaps = otherFlaps(sinceBefore, Sessions.since(Sessions.all(lab)), ownSessions(lab.layout(), g), g.plan().name());
            return new Figures(g.plan().name(), lone ? Double.NaN : worst, worstFlow, interrupted, list.size(),
                    upAt < 0 ? -1 : upAt - upShAt, upSh, returnLoss, left, lone, lossyFlows, crashAt, flaps, awaited,
                    watch.between(startedAt, now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the flows' outputs until each one's last echoes were answered after the crash. */
    private static void waitRecovered(Lab lab, List<Flows.Flow> list, double crashAt, int maxSeconds) throws IOException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        Shell.sleep(500);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = 0; i < list.size() && all; i++) {
                List<Flows.Echo> e = Flows.parse(Files.readString(lab.stateDir().resolve("flows").resolve("flow-" + i + ".out")));
                int n = e.size();
                all = n >= 5 && e.get(n - 1).sent() > crashAt + 0.3
                        && e.subList(n - 5, n).stream().allMatch(Flows.Echo::answered);
            }
            if (all) {
                return;
            }
            Shell.sleep(100);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
