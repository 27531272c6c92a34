package dev.vpnc.plan;

import dev.vpnc.check.Interfaces;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Allocates AS numbers, host ids, LAN indexes, tunnel links, ports and interface names. What the
 * previous lock holds is kept as long as it is still valid; only new things get new values, each
 * the lowest free one, in name order. The result is the new lock.
 */
public final class Allocator {
    private final Model model;
    private final Lock old;
    private final Lock next = Lock.empty();
    private final Diagnostics diagnostics;

    private Allocator(Model model, Lock old, Diagnostics diagnostics) {
        this.model = model;
        this.old = old;
        this.diagnostics = diagnostics;
    }

    public static Lock allocate(Model model, Lock old, List<Topology.Pair> tunnels, Diagnostics diagnostics) {
        Allocator a = new Allocator(model, old, diagnostics);
        a.asns();
        a.hosts();
        a.links(tunnels);
        a.ends(tunnels);
        return a.next;
    }

    private void asns() {
        Set<Long> used = new HashSet<>();
        List<Model.Site> auto = new ArrayList<>();
        for (Model.Site s : model.sites()) {
            if (s.asn() != null) {
                used.add(s.asn().value());
            }
        }
        long[] pool = model.network().asnPool() == null ? null : model.network().asnPool().value();
        for (Model.Site s : model.sites()) {
            if (s.asn() != null) {
                continue;
            }
            Long kept = old.asns.get(s.name().text());
            if (kept != null && pool != null && kept >= pool[0] && kept <= pool[1] && used.add(kept)) {
                next.asns.put(s.name().text(), kept);
            } else {
                auto.add(s);
            }
        }
        for (Model.Site s : auto) {
            long candidate = pool == null ? -1 : pool[0];
            while (pool != null && candidate <= pool[1] && used.contains(candidate)) {
                candidate++;
            }
            if (pool == null || candidate > pool[1]) {
                Span at = pool == null ? s.name().span() : model.network().asnPool().span();
                diagnostics.add(Diagnostic.of(pool == null ? Code.E0305 : Code.E0307, at,
                                pool == null ? "site `" + s.name().text() + "` has no `asn` and the network has no AS range"
                                        : "the AS range has no number left for site `" + s.name().text() + "`")
                        .label(pool == null ? "needs `asn`" : "exhausted")
                        .help(pool == null ? "add `asn 65001` to the site" : "widen the network's `asn` range"));
                continue;
            }
            used.add(candidate);
            next.asns.put(s.name().text(), candidate);
        }
    }

    /** Host ids are network-wide (router ids); LAN indexes count from 1 inside each site subnet. */
    private void hosts() {
        Set<Long> ids = new HashSet<>();
        List<Model.Site> sites = model.sites();
        Map<String, Set<Long>> lanUsed = new HashMap<>();
        List<String[]> fresh = new ArrayList<>();
        for (Model.Site s : sites) {
            Set<Long> lans = lanUsed.computeIfAbsent(s.name().text(), k -> new HashSet<>());
            for (String host : hostNames(s)) {
                long[] kept = old.hosts.get(host);
                long lanMax = lanCapacity(s);
                if (kept != null && kept[0] >= 1 && kept[1] >= 1 && kept[1] <= lanMax && !ids.contains(kept[0]) && !lans.contains(kept[1])) {
                    ids.add(kept[0]);
                    lans.add(kept[1]);
                    next.hosts.put(host, kept);
                } else {
                    fresh.add(new String[] {s.name().text(), host});
                }
            }
        }
        Set<String> fullSites = new HashSet<>();
        for (String[] f : fresh) {
            Model.Site s = sites.stream().filter(x -> x.name().text().equals(f[0])).findFirst().orElseThrow();
            long id = lowestFree(ids, 1);
            Set<Long> lans = lanUsed.get(f[0]);
            long lan = lowestFree(lans, 1);
            if (lan > lanCapacity(s)) {
                Model.Pfx subnet = s.subnet4() != null ? s.subnet4() : s.subnet6();
                if (!fullSites.add(f[0])) {
                    continue;
                }
                diagnostics.add(Diagnostic.of(Code.E0307, subnet.span(), "LAN subnet `" + subnet + "` has no address left for `" + f[1] + "`")
                        .label("exhausted")
                        .help("use a larger subnet: it holds one address per gateway and router of the site"));
                continue;
            }
            ids.add(id);
            lans.add(lan);
            next.hosts.put(f[1], new long[] {id, lan});
        }
    }

    private static List<String> hostNames(Model.Site s) {
        List<String> names = new ArrayList<>();
        s.gateways().forEach(g -> names.add(g.name().text()));
        s.routers().forEach(r -> names.add(r.name().text()));
        names.sort(null);
        return names;
    }

    /** Usable host indexes of the site's LAN (the IPv4 subnet is the tighter one). */
    private static long lanCapacity(Model.Site s) {
        long cap = Long.MAX_VALUE;
        if (s.subnet4() != null) {
            cap = (1L << (32 - s.subnet4().prefix().getNetworkPrefixLength())) - 2;
        }
        if (s.subnet6() != null) {
            int bits = 128 - s.subnet6().prefix().getNetworkPrefixLength();
            cap = Math.min(cap, bits >= 62 ? Long.MAX_VALUE : (1L << bits) - 1);
        }
        return cap;
    }

    private void links(List<Topology.Pair> tunnels) {
        long capacity = linkCapacity();
        Set<Long> used = new HashSet<>();
        List<Topology.Pair> fresh = new ArrayList<>();
        Map<Long, String> owner = new HashMap<>();
        for (Topology.Pair p : tunnels) {
            Long kept = old.links.get(p.key());
            if (kept != null && kept >= 0 && kept < capacity && used.add(kept)) {
                next.links.put(p.key(), kept);
                owner.put(kept, p.key());
            } else if (kept != null && owner.containsKey(kept)) {
                conflict("tunnel " + p.key(), "tunnel " + owner.get(kept), "link " + kept);
            } else {
                fresh.add(p);
            }
        }
        for (Topology.Pair p : fresh) {
            long link = lowestFree(used, 0);
            if (link >= capacity) {
                Model.Pfx pool = poolThatLimits();
                diagnostics.add(Diagnostic.of(Code.E0307, pool.span(),
                                "tunnel pool `" + pool + "` is exhausted: " + tunnels.size() + " tunnels need "
                                        + tunnels.size() + " links, it holds " + capacity)
                        .label("too small for " + tunnels.size() + " tunnels")
                        .help("use a larger prefix (a /127 or /31 per tunnel)"));
                return;
            }
            used.add(link);
            next.links.put(p.key(), link);
        }
    }

    private long linkCapacity() {
        long cap = Long.MAX_VALUE;
        if (model.network().tunnels6() != null) {
            int bits = 128 - model.network().tunnels6().prefix().getNetworkPrefixLength() - 1;
            cap = bits < 0 ? 0 : bits >= 62 ? Long.MAX_VALUE : 1L << bits;
        }
        if (model.network().tunnels4() != null) {
            int bits = 32 - model.network().tunnels4().prefix().getNetworkPrefixLength() - 1;
            cap = Math.min(cap, bits < 0 ? 0 : 1L << bits);
        }
        return cap;
    }

    private Model.Pfx poolThatLimits() {
        Model.Network n = model.network();
        if (n.tunnels4() == null) {
            return n.tunnels6();
        }
        int bits6 = 128 - n.tunnels6().prefix().getNetworkPrefixLength();
        int bits4 = 32 - n.tunnels4().prefix().getNetworkPrefixLength();
        return bits4 <= bits6 ? n.tunnels4() : n.tunnels6();
    }

    /** Each gateway listens on one port per tunnel; interface names derive from the peer. */
    private void ends(List<Topology.Pair> tunnels) {
        if (model.network().ports() == null) {
            return;
        }
        int from = model.network().ports().value()[0];
        int to = model.network().ports().value()[1];
        Map<String, List<String[]>> byHost = new TreeMap<>();
        for (Topology.Pair p : tunnels) {
            byHost.computeIfAbsent(p.a().name().text(), k -> new ArrayList<>()).add(new String[] {p.b().name().text()});
            byHost.computeIfAbsent(p.b().name().text(), k -> new ArrayList<>()).add(new String[] {p.a().name().text()});
        }
        Map<String, Span> peerSpans = new HashMap<>();
        model.sites().forEach(s -> s.gateways().forEach(g -> peerSpans.put(g.name().text(), g.name().span())));
        int size = to - from + 1;
        String busiest = byHost.keySet().stream().max((x, y) -> byHost.get(x).size() - byHost.get(y).size()).orElse(null);
        if (busiest != null && byHost.get(busiest).size() > size) {
            int needed = byHost.get(busiest).size();
            diagnostics.add(Diagnostic.of(Code.E0306, model.network().ports().span(),
                            "port range " + from + ".." + to + " has " + plural(size, "port") + " but `" + busiest
                                    + "` needs " + needed + ", one per tunnel")
                    .label("too narrow")
                    .help("widen the network's `ports` range to at least " + plural(needed, "port")));
            return;
        }
        for (Map.Entry<String, List<String[]>> e : byHost.entrySet()) {
            String host = e.getKey();
            List<String> peers = e.getValue().stream().map(x -> x[0]).sorted().toList();
            Set<Long> usedPorts = new HashSet<>();
            Set<String> usedNames = new HashSet<>();
            Map<Object, String> owner = new HashMap<>();
            List<String> fresh = new ArrayList<>();
            for (String peer : peers) {
                String key = host + " " + peer;
                Object[] kept = old.ends.get(key);
                if (kept == null || (int) kept[0] < from || (int) kept[0] > to || Interfaces.problem((String) kept[1]) != null) {
                    fresh.add(peer);
                } else if (owner.containsKey(kept[0]) || owner.containsKey(kept[1])) {
                    // Two pinned ends of one host claim one port or one name: a hand edit gone wrong.
                    Object clash = owner.containsKey(kept[0]) ? kept[0] : kept[1];
                    conflict("end " + key, "end " + owner.get(clash), (clash instanceof Integer ? "port " : "interface ") + clash);
                } else {
                    usedPorts.add((long) (int) kept[0]);
                    usedNames.add((String) kept[1]);
                    owner.put(kept[0], key);
                    owner.put(kept[1], key);
                    next.ends.put(key, kept);
                }
            }
            for (String peer : fresh) {
                long port = lowestFree(usedPorts, from);
                String ifname = "wg-" + peer;
                String why = Interfaces.problem(ifname);
                if (why != null || !usedNames.add(ifname)) {
                    diagnostics.add(Diagnostic.of(Code.E0206, peerSpans.get(peer),
                                    "tunnel interface `" + ifname + "` on `" + host + "` is not usable: "
                                            + (why != null ? why : "the name is taken"))
                            .label("interface names are `wg-` and the peer's name")
                            .help("shorten the gateway name to 12 characters or fewer, or pin a name in vpnc.lock: `end "
                                    + host + " " + peer + " port " + port + " ifname wg-SHORT`"));
                    continue;
                }
                usedPorts.add(port);
                next.ends.put(host + " " + peer, new Object[] {(int) port, ifname});
            }
        }
    }

    private void conflict(String entry, String firstEntry, String what) {
        Span at = old.span(entry);
        Span first = old.span(firstEntry);
        Diagnostic.Builder b = Diagnostic.of(Code.E0314, at, "`" + entry + "` claims " + what + ", already held by `" + firstEntry + "`")
                .label("conflicting lock entry");
        if (first != null) {
            b.also(first, "held here");
        }
        diagnostics.add(b);
    }

    private static long lowestFree(Set<Long> used, long from) {
        long v = from;
        while (used.contains(v)) {
            v++;
        }
        return v;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
