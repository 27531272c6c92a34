package dev.vpnc.emit;

import dev.vpnc.resolve.RoutingTimers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything {@code bird.conf.ftl} prints, for a gateway or an internal router. Built by
 * {@link BirdViews}; the template only loops over these lists.
 *
 * @param title         first line of the header comment
 * @param notes         design notes printed under the header (why the config looks like this)
 * @param routerId      BIRD router id
 * @param prefixSets    named prefix sets ({@code define}), in print order
 * @param filters       named filters, in print order
 * @param kernels       one kernel protocol per family
 * @param direct        direct protocol announcing host interfaces (routers), or {@code null}
 * @param timers        routing timers of the host
 * @param bfdInterfaces interfaces where BFD runs (empty: no BFD protocol)
 * @param sessions      BGP sessions
 * @param ospf          OSPF instances (inside mode OSPF), empty otherwise
 * @param probe         a gateway's health probe, which some filters depend on, or {@code null}
 */
public record BirdView(
        String title,
        List<String> notes,
        String routerId,
        List<PrefixSet> prefixSets,
        List<Filter> filters,
        List<Kernel> kernels,
        Direct direct,
        RoutingTimers timers,
        List<String> bfdInterfaces,
        List<Session> sessions,
        List<Ospf> ospf,
        ProbeSwitch probe) {

    public BirdView {
        notes = List.copyOf(notes);
        prefixSets = List.copyOf(prefixSets);
        filters = List.copyOf(filters);
        kernels = List.copyOf(kernels);
        bfdInterfaces = List.copyOf(bfdInterfaces);
        sessions = List.copyOf(sessions);
        ospf = List.copyOf(ospf);
    }

    /**
     * The function the export filters to the tunnels ask whether the health probe has failed:
     * false, unless the file that probe.sh writes while the probe fails, {@code file}, holds
     * {@code return true;}. {@code include} is that file's path as a pattern (see the template).
     */
    public record ProbeSwitch(String function, String include, String file, String address, int intervalSeconds,
                              int downAfter, int upAfter) {
    }

    /**
     * {@code define NAME = [ a+, b+ ];} with its reason. Never empty (BIRD needs a member to type the set).
     *
     * @param family {@code ipv6} or {@code ipv4}, the family of every member
     */
    public record PrefixSet(String name, String family, String comment, List<String> members) {
        /** Longer sets get one prefix per line, so that a site added or removed is a one-line change in review. */
        static final int MAX_ONE_LINE = 4;

        public PrefixSet {
            members = List.copyOf(members);
        }

        /** Whether the template prints the set on one line. */
        public boolean oneLine() {
            return members.size() <= MAX_ONE_LINE;
        }
    }

    /**
     * {@code filter NAME { if MATCH then accept; reject; }}: accept what matches, reject the rest.
     * MATCH is derived from {@code source}, {@code sets} and {@code except}, kept apart so the
     * routing can be compared between targets without reading BIRD syntax.
     *
     * @param family {@code ipv6} or {@code ipv4}: the routes it sees
     * @param source route source required ({@code RTS_BGP}, {@code RTS_DEVICE}) or {@code null} for any
     * @param sets   prefix sets of which a route must match one (none: the filter rejects everything)
     * @param except prefix sets a route must match none of (taken out of {@code sets})
     * @param match  the BIRD condition
     * @param withdrawal a condition under which the filter rejects, before its rules: this site's
     *               prefixes while the health probe fails; {@code null} for none
     */
    public record Filter(String name, String family, String comment, String source, List<String> sets,
                         List<String> except, String match, List<Rule> rules, String withdrawal) {
        public Filter {
            sets = List.copyOf(sets);
            except = List.copyOf(except);
            rules = List.copyOf(rules);
        }

        static Filter of(String name, String family, String comment, String source, List<String> sets) {
            Rule all = Rule.of(source, sets, List.of(), null);
            return new Filter(name, family, comment, source, sets, List.of(), all.match(), List.of(all), null);
        }

        /**
         * Accepts the {@code preferred} sets as they come and the {@code lower} ones with a lower
         * LOCAL_PREF ({@code sets} and {@code match} cover both, for comparisons).
         */
        static Filter ranked(String name, String family, String comment, List<String> preferred, List<String> lower,
                             int lowerPref) {
            List<String> all = new ArrayList<>(preferred);
            all.addAll(lower);
            return new Filter(name, family, comment, null, all, List.of(), Rule.condition(null, all, List.of()),
                    List.of(Rule.of(null, preferred, List.of(), null), Rule.of(null, lower, List.of(), lowerPref)), null);
        }

        /** The same filter, giving what it accepts the LOCAL_PREF {@code pref}. */
        Filter withLocalPref(int pref) {
            return new Filter(name, family, comment, source, sets, except, match,
                    List.of(Rule.of(source, sets, except, pref)), withdrawal);
        }

        /** The same filter, rejecting first what matches {@code condition}. */
        Filter withWithdrawal(String condition) {
            return new Filter(name, family, comment, source, sets, except, match, rules, condition);
        }

        /**
         * The same filter with {@code union} (a set holding every prefix of {@code members}) in
         * place of the members it lists: all of them, or all but a few, which it then excludes.
         * What it accepts does not change; its text stops growing with the number of sites.
         */
        Filter unite(List<String> members, String union) {
            Terms all = Terms.united(sets, except, members, union);
            List<Rule> united = rules.stream().map(r -> {
                Terms t = Terms.united(r.sets(), r.except(), members, union);
                return Rule.of(source, t.sets(), t.except(), r.localPref());
            }).toList();
            return new Filter(name, family, comment, source, all.sets(), all.except(),
                    Rule.condition(source, all.sets(), all.except()), united, withdrawal);
        }
    }

    /**
     * One rule of a filter, tried in order: routes (of {@code source}) in one of {@code sets} and
     * in none of {@code except}.
     *
     * @param localPref when not null, the LOCAL_PREF given to what the rule accepts
     */
    public record Rule(List<String> sets, List<String> except, String match, Integer localPref) {
        public Rule {
            sets = List.copyOf(sets);
            except = List.copyOf(except);
        }

        static Rule of(String source, List<String> sets, List<String> except, Integer localPref) {
            return new Rule(sets, except, condition(source, sets, except), localPref);
        }

        static String condition(String source, List<String> sets, List<String> except) {
            List<String> terms = sets.stream().map(set -> "net ~ " + set).toList();
            String anyOf = terms.isEmpty() ? "false" : String.join(" || ", terms);
            if (!except.isEmpty()) {
                anyOf = (terms.size() > 1 ? "(" + anyOf + ")" : anyOf)
                        + except.stream().map(set -> " && net !~ " + set).collect(Collectors.joining());
            }
            return source == null ? anyOf : "source = " + source + " && (" + anyOf + ")";
        }
    }

    /** Sets a route must match one of, and sets it must match none of. */
    record Terms(List<String> sets, List<String> except) {
        /** At most this many members left out of a union are excluded; with more, the list stays as it is. */
        private static final int MAX_EXCLUDED = 2;

        static Terms united(List<String> sets, List<String> except, List<String> members, String union) {
            Set<String> isMember = new HashSet<>(members);
            Set<String> listed = new HashSet<>(sets);
            long present = sets.stream().filter(isMember::contains).count();
            List<String> missing = members.stream().filter(m -> !listed.contains(m)).toList();
            if (present == 0 || missing.size() > MAX_EXCLUDED || missing.size() >= present) {
                return new Terms(sets, except);
            }
            List<String> out = new ArrayList<>();
            boolean unionAdded = false;
            for (String set : sets) {
                if (!isMember.contains(set)) {
                    out.add(set);
                } else if (!unionAdded) {
                    out.add(union);
                    unionAdded = true;
                }
            }
            List<String> excluded = new ArrayList<>(except);
            excluded.addAll(missing);
            return new Terms(out, excluded);
        }
    }

    /** Kernel protocol of one family, {@code merge paths on} for ECMP. */
    public record Kernel(String name, String family, String exportRule) {
    }

    /** Direct protocol on the interfaces that carry the announced prefixes. */
    public record Direct(String name, List<String> families, List<String> interfaces) {
        public Direct {
            families = List.copyOf(families);
            interfaces = List.copyOf(interfaces);
        }
    }

    /**
     * One channel of a BGP session.
     *
     * @param importRule     what follows {@code import}: {@code filter NAME} or {@code all}
     * @param exportRule     what follows {@code export}
     * @param nextHopSelf    {@code next hop self} (iBGP towards the site)
     * @param nextHopAddress next hop to announce when the session's address family differs, or {@code null}
     * @param local          this end's address of the channel's family on the link (a session of its
     *                       own family would run between {@code local} and {@code neighbor})
     * @param neighbor       the neighbor's address of the channel's family
     */
    public record Channel(String family, String importRule, String exportRule, boolean nextHopSelf,
                          String nextHopAddress, String local, String neighbor) {
    }

    /**
     * One BGP session.
     *
     * @param iface    interface the session is bound to, or {@code null}
     * @param direct   {@code direct}: the neighbor is on a shared link (makes iBGP resolve next hops directly)
     * @param rrClient the neighbor is a route-reflector client of this host
     * @param peer     the neighbor's host name
     */
    public record Session(String name, String description, String local, long localAs, String neighbor,
                          long neighborAs, String iface, boolean direct, boolean rrClient, String peer,
                          List<Channel> channels) {
        public Session {
            channels = List.copyOf(channels);
        }

        /**
         * This session reduced to one of its channels, between that channel's own addresses: how
         * a session looks where each family has its own (BIRD 1.6, or a BIRD 2 end facing it).
         */
        Session only(Channel c, String sessionName) {
            return new Session(sessionName, description, c.local(), localAs, c.neighbor(), neighborAs, iface, direct,
                    rrClient, peer, List.of(new Channel(c.family(), c.importRule(), c.exportRule(), c.nextHopSelf(),
                    null, c.local(), c.neighbor())));
        }
    }

    /** One OSPF instance (v3 for IPv6, v2 for IPv4) on the site LAN. */
    public record Ospf(String name, String version, String family, String importRule, String exportRule,
                       String iface) {
    }
}
