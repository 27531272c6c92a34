package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check 2: in each gateway's private namespace, every remote site's prefix is one route over
 * the tunnels to all of that site's gateways (ECMP).
 */
final class Routes {
    private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");

    private Routes() {
    }

    /**
     * @param count    routes looked at
     * @param problems routes missing or not over every remote gateway, at the last look
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
        List<List<String>> results = Lab.parallelMap(lab.layout().gateways(), g -> ofGateway(lab, g));
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (List<String> r : results) {
            count += Integer.parseInt(r.get(0));
            problems.addAll(r.subList(1, r.size()));
        }
        return new Checked(count, problems, seconds);
    }

    private static List<String> ofGateway(Lab lab, Gw g) {
        Map<String, TreeSet<String>> expected = new TreeMap<>(); // "family prefix" -> tunnel interfaces
        Set<String> direct = new HashSet<>();
        g.plan().tunnels().forEach(t -> direct.add(t.peerSite()));
        for (TunnelEnd t : g.plan().tunnels()) {
            // A site with tunnels of its own is reached over them only (the shorter AS path); a
            // site without is reached over every tunnel to a hub that carries it (ECMP).
            List<String> reached = new ArrayList<>(List.of(t.peerSite()));
            t.viaSites().stream().filter(s -> !direct.contains(s)).forEach(reached::add);
            for (String site : reached) {
                // What the site's routers announce (a router may announce a part of the site's
                // declared prefixes); the declared prefixes when it has no router.
                List<String> p6 = new ArrayList<>();
                List<String> p4 = new ArrayList<>();
                lab.layout().routers().stream().filter(r -> r.plan().site().equals(site)).forEach(r -> {
                    p6.addAll(r.plan().prefixes6());
                    p4.addAll(r.plan().prefixes4());
                });
                if (p6.isEmpty() && p4.isEmpty()) {
                    g.plan().routedSites().stream().filter(r -> r.name().equals(site)).forEach(r -> {
                        p6.addAll(r.prefixes6());
                        p4.addAll(r.prefixes4());
                    });
                }
                p6.forEach(p -> expected.computeIfAbsent("-6 " + p, k -> new TreeSet<>()).add(t.ifname()));
                if (t.hasIpv4()) {
                    p4.forEach(p -> expected.computeIfAbsent("-4 " + p, k -> new TreeSet<>()).add(t.ifname()));
                }
            }
        }
        StringBuilder sh = new StringBuilder();
        for (String k : expected.keySet()) {
            sh.append("echo '## ").append(k).append("'; ip -n ").append(g.plan().namespace()).append(' ')
                    .append(k.substring(0, 2)).append(" route show ").append(k.substring(3)).append('\n');
        }
        String out = lab.host(g.plan().name()).sh(15, sh.toString()).out();
        List<String> result = new ArrayList<>(List.of(Integer.toString(expected.size())));
        for (var e : expected.entrySet()) {
            int start = out.indexOf("## " + e.getKey() + "\n");
            int end = out.indexOf("## ", start + 3);
            String block = start < 0 ? "" : out.substring(start, end < 0 ? out.length() : end);
            TreeSet<String> devs = new TreeSet<>();
            Matcher m = DEV.matcher(block);
            while (m.find()) {
                devs.add(m.group(1));
            }
            if (!devs.equals(e.getValue())) {
                result.add(g.plan().name() + ": " + e.getKey().substring(3) + " via " + (devs.isEmpty() ? "nothing" : devs)
                        + ", expected " + e.getValue());
            }
        }
        return result;
    }
}
