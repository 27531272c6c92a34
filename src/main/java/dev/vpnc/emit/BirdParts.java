package dev.vpnc.emit;

import dev.vpnc.check.BirdNames;
import dev.vpnc.emit.BirdView.Channel;
import dev.vpnc.emit.BirdView.Filter;
import dev.vpnc.emit.BirdView.Kernel;
import dev.vpnc.emit.BirdView.PrefixSet;
import dev.vpnc.emit.BirdView.Session;
import dev.vpnc.plan.LanAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of one BIRD config while a view is built: its symbols, prefix sets, filters and
 * sessions, in the order the config lists them.
 */
final class BirdParts {
    /** From this many remote sites on, filters name one set holding them all. */
    static final int UNION_MIN_SITES = 8;

    private final BirdSymbols symbols = new BirdSymbols();
    private final List<PrefixSet> sets = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();

    List<PrefixSet> sets() {
        return sets;
    }

    List<Filter> filters() {
        return filters;
    }

    List<Session> sessions() {
        return sessions;
    }

    /** Claims a symbol (see {@link BirdSymbols}). */
    String claim(String name) {
        return symbols.claim(name);
    }

    /** Adds a prefix set, or returns {@code null} when there are no prefixes (an empty set matches nothing). */
    String set(String name, String family, String comment, List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return null;
        }
        List<String> members = prefixes.stream().map(p -> p + "+").toList();
        sets.add(new PrefixSet(symbols.claim(name), family, comment, members));
        return name;
    }

    /** Adds a filter already named (and claimed). */
    String filter(Filter f) {
        filters.add(f);
        return f.name();
    }

    /**
     * Adds a filter accepting routes (of {@code source}, when not {@code null}) inside one of the
     * sets, skipping absent sets (no set left: it accepts nothing).
     */
    String filter(String name, String family, String comment, String source, Iterable<String> setNames) {
        List<String> present = new ArrayList<>();
        for (String set : setNames) {
            if (set != null) {
                present.add(set);
            }
        }
        filters.add(Filter.of(symbols.claim(name), family, comment, source, present));
        return name;
    }

    /** Gives the filter added last a LOCAL_PREF of its own. */
    void rankLast(int localPref) {
        filters.set(filters.size() - 1, filters.get(filters.size() - 1).withLocalPref(localPref));
    }

    /** Makes the filter added last reject what matches {@code condition} before anything else. */
    void withdrawLast(String condition) {
        filters.set(filters.size() - 1, filters.get(filters.size() - 1).withWithdrawal(condition));
    }

    /**
     * Adds a session, or, when the neighbor runs BIRD 1.6 (one family per session), one session
     * per channel: the IPv6 one under the usual name, the IPv4 one between the IPv4 addresses as
     * {@code bgp4_...}/{@code ibgp4_...} (a prefix no host name can produce).
     */
    void session(boolean perFamily, String name, Session session) {
        if (!perFamily || session.channels().size() < 2) {
            symbols.claim(name);
            sessions.add(session);
            return;
        }
        for (Channel c : session.channels()) {
            String familyName = c.family().equals(BirdFamily.V6) ? name : BirdNames.ipv4Session(name);
            sessions.add(session.only(c, symbols.claim(familyName)));
        }
    }

    /** Explains the sessions split for neighbors running BIRD 1.6, if any. */
    List<String> perFamilyNote() {
        List<String> peers = sessions.stream()
                .filter(s -> s.channels().size() == 1 && s.channels().get(0).family().equals(BirdFamily.V4)
                        && !s.local().contains(":"))
                .map(Session::peer).distinct().sorted().toList();
        if (peers.isEmpty()) {
            return List.of();
        }
        return List.of("Neighbors running BIRD 1.6 (" + String.join(", ", peers) + ") have one session per family:",
                "IPv4 has its own session (bgp4_..., ibgp4_...) between the IPv4 addresses.");
    }

    /**
     * Kernel protocols. With OSPF, the LAN subnet the host sits on comes back from OSPF as an
     * intra-area route: it is not exported, the kernel has its own connected route for it (and
     * BIRD would drop and re-add its copy on every `birdc configure`, found by `vpnc lab`).
     */
    List<Kernel> kernels(boolean ipv4, String exportRule, LanAddress attached) {
        List<Kernel> kernels = new ArrayList<>();
        kernels.add(new Kernel(symbols.claim("kernel_v6"), BirdFamily.V6, exportRule
                + (attached == null ? "" : " && net != " + network(attached.ipv6(), attached.ipv6Length()))));
        if (ipv4) {
            kernels.add(new Kernel(symbols.claim("kernel_v4"), BirdFamily.V4, exportRule
                    + (attached == null || !attached.hasIpv4() ? "" : " && net != " + network(attached.ipv4(), attached.ipv4Length()))));
        }
        return kernels;
    }

    /**
     * With many remote sites, one set holds all their prefixes, and a filter listing every one of
     * them (or all but one or two, then excluded) names that set instead. Without it a spoke's
     * config grows with the square of the sites (each of several filters lists every site), and
     * BIRD tries the sets one by one; a prefix set is a trie, matched in one step.
     */
    void unite(BirdFamily family, Map<String, String> remote) {
        List<String> members = remote.values().stream().filter(Objects::nonNull).toList();
        if (members.size() < UNION_MIN_SITES) {
            return;
        }
        Set<String> isMember = new HashSet<>(members);
        List<String> prefixes = new ArrayList<>();
        for (PrefixSet set : sets) {
            if (isMember.contains(set.name())) {
                prefixes.addAll(set.members());
            }
        }
        String union = symbols.claim("REMOTE_SITES_" + family.suffix().toUpperCase(Locale.ROOT));
        sets.add(new PrefixSet(union, family.name(), "every remote site (" + members.size() + "), " + family.label(),
                prefixes));
        filters.replaceAll(f -> f.family().equals(family.name()) ? f.unite(members, union) : f);
        // A site's own set stays only where a filter still names it (a spoke names its hubs').
        Set<String> named = new HashSet<>();
        for (Filter f : filters) {
            named.addAll(f.sets());
            named.addAll(f.except());
            f.rules().forEach(r -> {
                named.addAll(r.sets());
                named.addAll(r.except());
            });
        }
        sets.removeIf(set -> isMember.contains(set.name()) && !named.contains(set.name()));
    }

    /** A set name as a list for {@link #filter}: empty when the site has no prefix of that family. */
    static List<String> present(String setName) {
        return setName == null ? List.of() : List.of(setName);
    }

    static List<String> concat(String first, Iterable<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        rest.forEach(all::add);
        return all;
    }

    /** The prefix an address belongs to, e.g. 2001:db8:f1::2/64 gives 2001:db8:f1::/64. */
    private static String network(String address, int length) {
        return new IPAddressString(address + "/" + length).getAddress().toPrefixBlock().toCanonicalString();
    }
}
