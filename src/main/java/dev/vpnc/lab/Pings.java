package dev.vpnc.lab;

import dev.vpnc.lab.LabLayout.Rt;
import dev.vpnc.lab.LabLayout.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Pings between sites: from one site's router host address to another's, IPv6 and IPv4. */
final class Pings {
    private Pings() {
    }

    /** One ordered pair of sites and a family, with the addresses used. */
    record Pair(Site from, Site to, String family, String source, String target) {
        String label() {
            return from.name() + " -> " + to.name() + " " + family;
        }
    }

    /** Every ordered pair of linked sites that both have pinged addresses, per family. */
    static List<Pair> pairs(LabLayout layout) {
        List<Pair> pairs = new ArrayList<>();
        for (Site a : layout.sites()) {
            for (Site b : layout.sites()) {
                Rt ra = a.pinged();
                Rt rb = b.pinged();
                if (a == b || ra == null || rb == null || !layout.linked(a, b)) {
                    continue;
                }
                if (!ra.v6().isEmpty() && !rb.v6().isEmpty()) {
                    pairs.add(new Pair(a, b, "IPv6", Addresses.bare(ra.v6().get(0)), Addresses.bare(rb.v6().get(0))));
                }
                if (!ra.v4().isEmpty() && !rb.v4().isEmpty()) {
                    pairs.add(new Pair(a, b, "IPv4", Addresses.bare(ra.v4().get(0)), Addresses.bare(rb.v4().get(0))));
                }
            }
        }
        return pairs;
    }

    /**
     * Waits until every pair answers one ping (all sources in parallel, each host looping over
     * its targets). Returns the pairs still silent at the deadline.
     */
    static List<String> waitAll(Lab lab, double seconds) {
        return waitAll(lab, seconds, s -> true);
    }

    /** As {@link #waitAll(Lab, double)}, between the sites {@code among} accepts only. */
    static List<String> waitAll(Lab lab, double seconds, Predicate<Site> among) {
        List<Pair> pairs = pairs(lab.layout()).stream().filter(p -> among.test(p.from()) && among.test(p.to())).toList();
        List<Site> sources = pairs.stream().map(Pair::from).distinct().toList();
        List<String> silent = new ArrayList<>();
        Lab.parallelMap(sources, s -> {
            StringBuilder sh = new StringBuilder("end=$(( $(date +%s%N) + " + (long) (seconds * 1e9) + " ))\n");
            for (Pair p : pairs) {
                if (p.from() == s) {
                    sh.append("until ping -n -q -c 1 -W 0.3 -I ").append(p.source()).append(' ').append(p.target())
                            .append(" >/dev/null 2>&1; do (( $(date +%s%N) < end )) || { echo '").append(p.label())
                            .append("'; break; }; sleep 0.02; done\n");
                }
            }
            return lab.host(s.pinged().plan().name()).sh((int) seconds + 10, sh.toString()).out();
        }).forEach(out -> out.lines().filter(l -> !l.isBlank()).forEach(silent::add));
        return silent;
    }

    /** The pairs that lost echoes, and those that lost some the first time only. */
    record Loss(List<String> lossy, List<String> remeasured) {
    }

    /**
     * Sends {@code count} pings per pair. A pair that lost some echoes but not all is pinged once
     * more, and counts as lossy only if it loses again: broken routing loses every echo, or loses
     * again; a lone echo lost once in a whole-suite run (1 in 1,120, 24 hosts and 104 userspace
     * WireGuard interfaces on 2 cores) is the machine's scheduling, and the report still shows it.
     */
    static Loss lossyMeasuredTwice(Lab lab, int count) {
        List<Echoes> first = lossy(lab, pairs(lab.layout()), count);
        List<Echoes> partial = first.stream().filter(e -> e.received() > 0).toList();
        List<String> lossy = new ArrayList<>(first.stream().filter(e -> e.received() == 0).map(Echoes::report).toList());
        lossy.addAll(lossy(lab, partial.stream().map(Echoes::pair).toList(), count).stream().map(Echoes::report).toList());
        return new Loss(lossy, partial.stream().map(Echoes::report).toList());
    }

    /** What one pair's pings got back: {@code received} of {@code sent}, or why there was no answer. */
    record Echoes(Pair pair, int sent, int received, String error) {
        String report() {
            return pair.label() + ": " + (error == null ? received + "/" + sent + " received" : "no answer (" + error + ")");
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    /**
     * Sends {@code count} pings per pair; returns the pairs with a loss. Four pairs at a time,
     * and a reply counts when it comes within 3 s: with 16 pairs pinging at once next to the
     * lab's own load (24 hosts, 104 userspace WireGuard interfaces on 2 cores), one echo in a
     * thousand went missing.
     */
    static List<Echoes> lossy(Lab lab, List<Pair> pairs, int count) {
        return Lab.parallelMap(pairs, 4, p -> {
            Shell.Result r = lab.host(p.from().pinged().plan().name()).run(30, Map.of(),
                    List.of("ping", "-n", "-q", "-c", Integer.toString(count), "-i", "0.02", "-W", "3", "-I", p.source(), p.target()));
            var m = SUMMARY.matcher(r.out());
            if (!m.find()) {
                return new Echoes(p, count, 0, r.err().strip());
            }
            int sent = Integer.parseInt(m.group(1));
            int received = Integer.parseInt(m.group(2));
            return received == sent ? null : new Echoes(p, sent, received, null);
        }).stream().filter(Objects::nonNull).toList();
    }
}
