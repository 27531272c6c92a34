package dev.vpnc.lab;

import java.util.ArrayList;
import java.util.List;

/** Check 5: up.sh run again on a running host changes nothing. */
final class Idempotence {
    /** How long a host's sessions get to come back before a second look (a flap's error wait is 1 s). */
    private static final long SETTLE_NANOS = 30_000_000_000L;

    private Idempotence() {
    }

    /**
     * What a host is made of (links and addresses, public and private namespaces) and what it
     * runs (routes, BGP sessions and their states): a flap changes only the second.
     */
    record Snapshot(String structure, String state) {
        String text() {
            return structure + state;
        }
    }

    static Snapshot snapshot(Lab lab, String host) {
        var g = lab.layout().gateway(host);
        String ns = g == null ? null : g.plan().namespace();
        String sh = """
                ip -br link | awk '{print $1, $2}'; ip -br addr
                nft -s list ruleset 2>/dev/null
                %s
                echo '## state'
                ip -6 route; ip -4 route
                %s
                %s
                """.formatted(
                ns == null ? "" : ("echo '## private'; ip -n %1$s -br link | awk '{print $1, $2}'; ip -n %1$s -br addr; "
                        + "ip netns exec %1$s nft -s list ruleset").formatted(ns),
                ns == null ? "" : "echo '## private'; ip -n %1$s -6 route; ip -n %1$s -4 route".formatted(ns),
                RoutingShell.sessionStates(lab.layout(), host));
        String out = lab.host(host).sh(15, sh).out();
        int cut = out.indexOf("## state\n");
        return cut < 0 ? new Snapshot(out, "") : new Snapshot(out.substring(0, cut), out.substring(cut));
    }

    /**
     * up.sh a second time on every host. A run that changed only routes and session states is
     * run once more, once the host's sessions are back: on a loaded machine a BFD session can flap
     * during any 300 ms, and that is check 7's subject; a second up.sh that takes a session down
     * does it again. A change of links or addresses, or a failed up.sh, counts at once.
     */
    static List<String> check(Lab lab) {
        List<String> problems = new ArrayList<>();
        for (String host : lab.layout().hostNames()) {
            Problem problem = once(lab, host);
            if (problem != null && problem.stateOnly()) {
                settle(lab, host);
                Problem again = once(lab, host);
                problem = again == null ? null : new Problem(again.text() + "(a first run too:\n" + problem.text() + ")", false);
            }
            if (problem != null) {
                problems.add(host + ": " + problem.text());
            }
        }
        return problems;
    }

    /** What one second up.sh did wrong; {@code stateOnly} when it changed only routes or sessions. */
    private record Problem(String text, boolean stateOnly) {
    }

    /** The problem of one second up.sh, or null. */
    private static Problem once(Lab lab, String host) {
        Snapshot before = snapshot(lab, host);
        Shell.Result r = lab.upSh(host);
        Snapshot after = snapshot(lab, host);
        if (!r.ok()) {
            return new Problem("second up.sh failed (exit " + r.exit() + "): " + r.err().strip(), false);
        }
        if (!before.structure().equals(after.structure())) {
            return new Problem("second up.sh changed the host:\n" + diff(before.text(), after.text()), false);
        }
        if (!before.state().equals(after.state())) {
            return new Problem("second up.sh changed routes or sessions:\n" + diff(before.state(), after.state()), true);
        }
        return null;
    }

    private static void settle(Lab lab, String host) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < deadline && !Sessions.of(lab, host).down().isEmpty()) {
            Shell.sleep(200);
        }
        Shell.sleep(1000);
    }

    private static String diff(String a, String b) {
        List<String> la = a.lines().toList();
        List<String> lb = b.lines().toList();
        StringBuilder sb = new StringBuilder();
        la.stream().filter(l -> !lb.contains(l)).forEach(l -> sb.append("  - ").append(l).append('\n'));
        lb.stream().filter(l -> !la.contains(l)).forEach(l -> sb.append("  + ").append(l).append('\n'));
        return sb.toString();
    }
}
