package dev.vpnc.lab;

import java.util.ArrayList;
import java.util.List;

/** Check 5: up.sh run again on a running host changes nothing. */
final class Idempotence {
    private Idempotence() {
    }

    /** Links, addresses, routes (public and private namespaces), BIRD protocols and their states. */
    static String snapshot(Lab lab, String host) {
        var g = lab.layout().gateway(host);
        String ns = g == null ? null : g.plan().namespace();
        String sh = """
                ip -br link | awk '{print $1, $2}'; ip -br addr; ip -6 route; ip -4 route
                %s
                birdc -s /run/vpnc/%s/bird.ctl show protocols | awk 'NR > 2 {print $1, $2, $4, $6}'
                """.formatted(ns == null ? "" : "echo '## private'; ip -n %1$s -br link | awk '{print $1, $2}'; ip -n %1$s -br addr; ip -n %1$s -6 route; ip -n %1$s -4 route".formatted(ns), host);
        return lab.host(host).sh(15, sh).out();
    }

    static List<String> check(Lab lab) {
        List<String> problems = new ArrayList<>();
        for (String host : lab.layout().hostNames()) {
            String before = snapshot(lab, host);
            Shell.Result r = lab.upSh(host);
            String after = snapshot(lab, host);
            if (!r.ok()) {
                problems.add(host + ": second up.sh failed (exit " + r.exit() + "): " + r.err().strip());
            } else if (!before.equals(after)) {
                problems.add(host + ": second up.sh changed the host:\n" + diff(before, after));
            }
        }
        return problems;
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
