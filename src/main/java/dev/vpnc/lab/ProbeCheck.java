package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Gw;
import dev.vpnc.lab.LabLayout.Site;
import dev.vpnc.plan.Probe;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Check 11: the health probe. The first gateway of the first probed site with other gateways has
 * its LAN cut beyond itself (in its private namespace, traffic to the site's prefixes dropped:
 * its address on the LAN, its BGP sessions and BFD stay up): its probe.sh must withdraw the
 * site's prefixes, so that every remote gateway routes the site over the site's other gateways
 * only, within the probe's interval x down count (plus BIRD's configure and a BGP update), while
 * its sessions stay up, its status.sh says so (degraded, the probe withdrawn) and every pair of
 * sites still pings without loss. Then the LAN returns and the routes over it must come back.
 */
final class ProbeCheck {
    /** Beyond the probe's own detection: BIRD's configure, a BGP update, this check's look. */
    static final double MARGIN_SECONDS = 2;
    private static final String CUT_TABLE = "lab_lan_cut";

    private ProbeCheck() {
    }

    /**
     * @param gateway   the gateway whose LAN was cut, or empty when no probed site has two gateways
     * @param withdrawn seconds from the cut until no remote gateway routes the site over it (-1: never)
     * @param restored  seconds from the LAN's return until every remote gateway does again (-1: never)
     * @param bound     the target for both
     * @param problems  what went wrong
     */
    record Figures(String gateway, double withdrawn, double restored, double bound, List<String> problems) {
    }

    static Optional<Site> probedSite(LabLayout layout) {
        return layout.sites().stream()
                .filter(s -> s.gateways().size() > 1 && s.gateways().get(0).plan().probe() != null).findFirst();
    }

    static Figures run(Lab lab, Site site, Double bound) {
        Gw g = site.gateways().get(0);
        Probe probe = g.plan().probe();
        double target = probe.intervalSeconds() * (double) probe.downAfter() + MARGIN_SECONDS;
        double upTarget = probe.intervalSeconds() * (double) probe.upAfter() + MARGIN_SECONDS;
        double limit = Math.max(bound == null ? 0 : bound, Math.max(target, upTarget));
        List<String> problems = new ArrayList<>();
        Map<String, String> watched = watched(lab, g);
        String prefix = prefix(lab, site);
        if (!Routes.settle(lab, 30).problems().isEmpty()) {
            problems.add("the routes were not complete before the cut");
        }
        long t0 = System.nanoTime();
        cut(lab, g, site, true);
        double withdrawn;
        double restored = -1;
        try {
            withdrawn = waitRoutes(lab, watched, prefix, false, limit + 10);
            if (withdrawn < 0) {
                problems.add(String.format(Locale.ROOT, "%s still carries %s for a remote gateway %.0f s after its LAN was cut",
                        g.plan().name(), prefix, limit + 10));
            } else {
                withdrawn = (System.nanoTime() - t0) / 1e9;
            }
            List<String> down = Sessions.of(lab, g.plan().name()).down();
            down.forEach(d -> problems.add(g.plan().name() + " with its LAN cut: " + d + " (its sessions must stay up)"));
            if (withdrawn >= 0) {
                // The gateway's own status.sh says why it carries nothing for its site.
                StatusRuns.Report r = StatusRuns.of(lab, g.plan().name());
                if (r.exit() != 1 || r.notOk().stream().noneMatch(x -> x.equals("PROBE " + probe.address() + " withdrawn"))) {
                    problems.add("status.sh of " + g.plan().name() + " should say degraded, its probe withdrawn: " + r.describe());
                }
                Pings.Loss loss = Pings.lossyMeasuredTwice(lab, 10);
                loss.lossy().forEach(l -> problems.add("with " + g.plan().name() + "'s LAN cut: " + l));
            }
        } finally {
            long t1 = System.nanoTime();
            cut(lab, g, site, false);
            double back = waitRoutes(lab, watched, prefix, true, limit + 10);
            if (back >= 0) {
                restored = (System.nanoTime() - t1) / 1e9;
            }
        }
        if (restored < 0) {
            problems.add(String.format(Locale.ROOT, "the remote gateways' routes to %s over %s did not come back %.0f s after "
                    + "its LAN returned", prefix, g.plan().name(), limit + 10));
        }
        if (withdrawn > (bound == null ? target : Math.max(bound, target))) {
            problems.add(String.format(Locale.ROOT, "withdrawn %.2f s after the cut (target %.2f s)", withdrawn, target));
        }
        if (restored > (bound == null ? upTarget : Math.max(bound, upTarget))) {
            problems.add(String.format(Locale.ROOT, "back %.2f s after the LAN returned (target %.2f s)", restored, upTarget));
        }
        return new Figures(g.plan().name(), withdrawn, restored, target, problems);
    }

    /** The remote gateways with a tunnel to {@code g}, each with that tunnel's interface. */
    private static Map<String, String> watched(Lab lab, Gw g) {
        Map<String, String> out = new TreeMap<>();
        for (Gw r : lab.layout().gateways()) {
            for (TunnelEnd t : r.plan().tunnels()) {
                if (t.peerHost().equals(g.plan().name())) {
                    out.put(r.plan().name(), t.ifname());
                }
            }
        }
        return out;
    }

    /** The site's first IPv6 prefix, as its routers announce it (the declared one without a router). */
    private static String prefix(Lab lab, Site site) {
        return site.routers().stream().flatMap(r -> r.plan().prefixes6().stream()).findFirst()
                .orElseGet(() -> site.gateways().get(0).plan().routedSites().stream()
                        .filter(r -> r.name().equals(site.name())).flatMap(r -> r.prefixes6().stream()).findFirst()
                        .orElseThrow());
    }

    /**
     * Cuts (or mends) the LAN beyond the gateway: in its private namespace, what it sends or
     * forwards to the site's prefixes is dropped; its own LAN subnet (BGP, BFD, OSPF) is not.
     */
    private static void cut(Lab lab, Gw g, Site site, boolean cut) {
        String ns = g.plan().namespace();
        if (!cut) {
            lab.host(g.plan().name()).shOk("LAN mended", "ip netns exec " + ns + " nft delete table inet " + CUT_TABLE);
            return;
        }
        List<String> v6 = new ArrayList<>();
        List<String> v4 = new ArrayList<>();
        site.routers().forEach(r -> {
            v6.addAll(r.plan().prefixes6());
            v4.addAll(r.plan().prefixes4());
        });
        Probe probe = g.plan().probe();
        (probe.ipv6() ? v6 : v4).add(probe.address());
        StringBuilder rules = new StringBuilder();
        for (String chain : List.of("output", "forward")) {
            rules.append("  chain ").append(chain).append(" {\n    type filter hook ").append(chain).append(" priority 0;\n");
            if (!v6.isEmpty()) {
                rules.append("    ip6 daddr { ").append(String.join(", ", v6)).append(" } drop\n");
            }
            if (!v4.isEmpty()) {
                rules.append("    ip daddr { ").append(String.join(", ", v4)).append(" } drop\n");
            }
            rules.append("  }\n");
        }
        lab.host(g.plan().name()).shOk("LAN cut", "ip netns exec " + ns + " nft -f - <<'EOF'\ntable inet " + CUT_TABLE
                + " {\n" + rules + "}\nEOF");
    }

    /**
     * Polls the remote gateways' routes to {@code prefix} until every one has (or has not) its
     * tunnel to the cut gateway among the next hops; seconds waited, or -1 after {@code max}.
     */
    private static double waitRoutes(Lab lab, Map<String, String> watched, String prefix, boolean present, double max) {
        long t0 = System.nanoTime();
        while ((System.nanoTime() - t0) / 1e9 < max) {
            List<Boolean> over = Lab.parallelMap(new ArrayList<>(watched.keySet()), r -> {
                String ns = lab.layout().gateway(r).plan().namespace();
                String out = lab.host(r).sh(10, "ip -n " + ns + " -6 route show " + prefix).out();
                return Pattern.compile("\\bdev " + Pattern.quote(watched.get(r)) + "(\\s|$)", Pattern.MULTILINE)
                        .matcher(out).find();
            });
            if (over.stream().allMatch(b -> b == present)) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Shell.sleep(100);
        }
        return -1;
    }
}
