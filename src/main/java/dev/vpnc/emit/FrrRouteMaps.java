package dev.vpnc.emit;

import dev.vpnc.emit.FrrView.PrefixEntry;
import dev.vpnc.emit.FrrView.PrefixList;
import dev.vpnc.emit.FrrView.RouteMap;
import dev.vpnc.emit.FrrView.RouteMapEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The prefix-lists and route-maps of one FRR config, translated from the prefix sets and filters
 * of the host's BIRD 2 view: the routing policy is decided once, by the BIRD view builders, and
 * only written differently here. Names are BIRD's symbols (checked by {@code BirdNames}); names
 * made here contain a {@code -}, which no BIRD symbol does, so they never collide.
 */
final class FrrRouteMaps {
    /** Route-map entries are numbered from 10 in steps of 10: the probe inserts {@code deny 5} before them. */
    static final int FIRST_SEQ = 10;
    private static final int SEQ_STEP = 10;
    /** Prefix-list entries, as FRR numbers them when none is given. */
    private static final int PREFIX_SEQ_STEP = 5;

    private final BirdView bird;
    private final Map<String, BirdView.PrefixSet> sets = new LinkedHashMap<>();
    private final List<PrefixList> prefixLists = new ArrayList<>();
    private final Map<String, RouteMap> routeMaps = new LinkedHashMap<>();

    FrrRouteMaps(BirdView bird) {
        this.bird = bird;
        for (BirdView.PrefixSet s : bird.prefixSets()) {
            sets.put(s.name(), s);
            prefixLists.add(new PrefixList(keyword(s.family()), s.name(), s.comment(), entries(List.of(), List.of(s.name()))));
        }
    }

    List<PrefixList> prefixLists() {
        return prefixLists;
    }

    List<RouteMap> routeMaps() {
        return List.copyOf(routeMaps.values());
    }

    /** FRR's keyword of a BIRD family: {@code ip} or {@code ipv6}. */
    static String keyword(String birdFamily) {
        return birdFamily.equals(BirdFamily.V6) ? "ipv6" : "ip";
    }

    /** The BIRD filter a rule names ({@code filter NAME}), or {@code null} for {@code all}. */
    BirdView.Filter filter(String rule) {
        if (rule.equals("all")) {
            return null;
        }
        if (!rule.startsWith("filter ")) {
            throw new IllegalArgumentException("unexpected BIRD rule: " + rule);
        }
        String name = rule.substring("filter ".length());
        return bird.filters().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no filter " + name));
    }

    /**
     * The route-map doing what a BIRD rule does, added once under {@code name}: each filter rule
     * becomes entries matching one prefix-list each (FRR ANDs the matches of one entry).
     *
     * @param rule         {@code filter NAME} or {@code all}
     * @param family       the BIRD family of the routes it sees (for {@code all})
     * @param preferGlobal set the global IPv6 next hop (inbound over a tunnel without link-local address)
     * @param nextHop4     IPv4 next hop to announce, or {@code null}
     * @param probe        the set the probe withdraws for a filter that has a withdrawal, by family
     */
    String routeMap(String name, String rule, String family, boolean preferGlobal, String nextHop4,
                    Function<String, String> probe) {
        if (routeMaps.containsKey(name)) {
            return name;
        }
        BirdView.Filter f = filter(rule);
        List<RouteMapEntry> entries = new ArrayList<>();
        String kw = keyword(family);
        boolean v6 = family.equals(BirdFamily.V6);
        int seq = FIRST_SEQ;
        String comment;
        String withdraws = null;
        if (f == null) {
            comment = "every route (BIRD's \"all\")";
            entries.add(new RouteMapEntry("permit", seq, kw, null, null, nextHop4, preferGlobal && v6));
        } else {
            comment = f.comment();
            withdraws = f.withdrawal() == null ? null : probe.apply(f.family());
            int ruleNumber = 0;
            for (BirdView.Rule r : f.rules()) {
                ruleNumber++;
                List<String> lists = r.except().isEmpty() ? r.sets()
                        : List.of(ruleList(f, ruleNumber, r));
                for (String list : lists) {
                    entries.add(new RouteMapEntry("permit", seq, kw, list, r.localPref(), nextHop4, preferGlobal && v6));
                    seq += SEQ_STEP;
                }
            }
            if (entries.isEmpty()) {
                // A route-map that does not exist is not "deny all" everywhere in FRR: say it.
                entries.add(new RouteMapEntry("deny", FIRST_SEQ, kw, null, null, null, false));
            }
        }
        routeMaps.put(name, new RouteMap(name, comment, entries, withdraws));
        return name;
    }

    /** A route-map permitting the prefixes of one set (a BIRD prefix set of this view). */
    String routeMapOfSet(String name, String set, String family, String comment) {
        routeMaps.putIfAbsent(name, new RouteMap(name, comment, List.of(new RouteMapEntry("permit", FIRST_SEQ,
                keyword(family), set, null, null, false)), null));
        return name;
    }

    /** A prefix-list for a rule that excludes sets: their prefixes denied first, then the rule's permitted. */
    private String ruleList(BirdView.Filter f, int rule, BirdView.Rule r) {
        String name = f.name() + "-rule" + rule;
        if (prefixLists.stream().noneMatch(p -> p.name().equals(name))) {
            prefixLists.add(new PrefixList(keyword(f.family()), name,
                    "rule " + rule + " of " + f.name() + ": " + String.join(", ", r.sets()) + " but not "
                            + String.join(", ", r.except()), entries(r.except(), r.sets())));
        }
        return name;
    }

    private List<PrefixEntry> entries(List<String> denied, List<String> permitted) {
        List<PrefixEntry> out = new ArrayList<>();
        for (String set : denied) {
            for (String m : sets.get(set).members()) {
                out.add(entry(out.size(), "deny", m, sets.get(set).family()));
            }
        }
        for (String set : permitted) {
            for (String m : sets.get(set).members()) {
                out.add(entry(out.size(), "permit", m, sets.get(set).family()));
            }
        }
        return out;
    }

    /** BIRD's {@code p+} is the prefix and everything longer inside it: {@code le 128} or {@code le 32}. */
    private static PrefixEntry entry(int index, String action, String member, String family) {
        boolean orLonger = member.endsWith("+");
        String prefix = orLonger ? member.substring(0, member.length() - 1) : member;
        return new PrefixEntry((index + 1) * PREFIX_SEQ_STEP, action, prefix,
                orLonger ? (family.equals(BirdFamily.V6) ? 128 : 32) : null);
    }
}
