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
        Model.AsnRange pool = model.network().asnPool() == null ? null : model.network().asnPool().value();
        for (Model.Site s : model.sites()) {
            if (s.asn() != null) {
                continue;
            }
            Long kept = old.asns.get(s.name().text());
            if (kept != null && pool != null && pool.contains(kept) && used.add(kept)) {
                next.asns.put(s.name().text(), kept);
            } else {
                auto.add(s);
            }
        }
        Free freeAsns = new Free(used, pool == null ? -1 : pool.from());
        for (Model.Site s : auto) {
            long candidate = pool == null ? -1 : freeAsns.next();
            if (pool == null || candidate > pool.to()) {
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
        List<FreshHost> fresh = new ArrayList<>();
        for (Model.Site s : sites) {
            Set<Long> lans = lanUsed.computeIfAbsent(s.name().text(), k -> new HashSet<>());
            for (String host : hostNames(s)) {
                Lock.HostNumbers kept = old.hosts.get(host);
                long lanMax = lanCapacity(s);
                if (kept != null && kept.id() >= 1 && kept.lan() >= 1 && kept.lan() <= lanMax && !ids.contains(kept.id())
                        && !lans.contains(kept.lan())) {
                    ids.add(kept.id());
                    lans.add(kept.lan());
                    next.hosts.put(host, kept);
                } else {
                    fresh.add(new FreshHost(s, host));
                }
            }
        }
        Set<String> fullSites = new HashSet<>();
        Free freeIds = new Free(ids, 1);
        Map<String, Free> freeLans = new HashMap<>();
        for (FreshHost f : fresh) {
            Model.Site s = f.site();
            String site = s.name().text();
            long id = freeIds.next();
            Set<Long> lans = lanUsed.get(site);
            long lan = freeLans.computeIfAbsent(site, k -> new Free(lans, 1)).next();
            if (lan > lanCapacity(s)) {
                Model.Pfx subnet = s.subnet4() != null ? s.subnet4() : s.subnet6();
                if (!fullSites.add(site)) {
                    continue;
                }
                diagnostics.add(Diagnostic.of(Code.E0307, subnet.span(), "LAN subnet `" + subnet + "` has no address left for `" + f.host() + "`")
                        .label("exhausted")
                        .help("use a larger subnet: it holds one address per gateway and router of the site"));
                continue;
            }
            ids.add(id);
            lans.add(lan);
            next.hosts.put(f.host(), new Lock.HostNumbers(id, lan));
        }
    }

    /** A host that the lock does not hold (or holds with values no longer valid). */
    private record FreshHost(Model.Site site, String host) {
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
        Map<Long, GatewayPair> owner = new HashMap<>();
        for (Topology.Pair p : tunnels) {
            GatewayPair pair = p.names();
            Long kept = old.links.get(pair);
            if (kept != null && kept >= 0 && kept < capacity && used.add(kept)) {
                next.links.put(pair, kept);
                owner.put(kept, pair);
            } else if (kept != null && owner.containsKey(kept)) {
                GatewayPair first = owner.get(kept);
                conflict("tunnel " + pair, old.linkSpans.get(pair), "tunnel " + first, old.linkSpans.get(first), "link " + kept);
            } else {
                fresh.add(p);
            }
        }
        Free freeLinks = new Free(used, 0);
        for (Topology.Pair p : fresh) {
            long link = freeLinks.next();
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
            next.links.put(p.names(), link);
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

    /** Most tunnels one compile builds: a full mesh of 220 sites of two gateways; hubs scale further. */
    public static final long MAX_TUNNELS = 100_000;

    /**
     * Whether the network's size fits vpnc's bound and the port range holds one port per tunnel
     * of the busiest gateway, counted before any tunnel is built: a network of thousands of
     * sites fails here in microseconds instead of exhausting memory.
     */
    public static boolean fits(Model model, Diagnostics diagnostics) {
        Map<String, Long> perGateway = Topology.tunnelsPerGateway(model);
        long ends = perGateway.values().stream().mapToLong(Long::longValue).sum();
        if (ends / 2 > MAX_TUNNELS) {
            Span at = model.network().links() == null || model.network().links().isEmpty()
                    ? model.network().name().span() : model.network().links().get(0).span();
            diagnostics.add(Diagnostic.of(Code.E0319, at, "the network needs " + ends / 2 + " tunnels; vpnc builds at most " + MAX_TUNNELS)
                    .label(model.network().fullMesh() ? "a full mesh of " + plural(model.sites().size(), "site")
                            : model.network().hubAndSpoke() ? "hub-and-spoke" : "these links")
                    .help("a full mesh grows as the square of the gateways: link only the sites that talk to each other with `mesh`"));
            return false;
        }
        return portsSuffice(model, perGateway, diagnostics);
    }

    private static boolean portsSuffice(Model model, Map<String, Long> perGateway, Diagnostics diagnostics) {
        if (model.network().ports() == null) {
            return true;
        }
        Model.PortRange ports = model.network().ports().value();
        int from = ports.from();
        int to = ports.to();
        long size = ports.size();
        String busiest = null;
        long needed = 0;
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                long n = perGateway.getOrDefault(g.name().text(), 0L);
                String name = g.name().text();
                if (n > needed || (n == needed && busiest != null && name.compareTo(busiest) < 0)) {
                    needed = n;
                    busiest = name;
                }
            }
        }
        if (needed <= size) {
            return true;
        }
        diagnostics.add(Diagnostic.of(Code.E0306, model.network().ports().span(),
                        "port range " + from + ".." + to + " has " + plural(size, "port") + " but `" + busiest
                                + "` needs " + needed + ", one per tunnel")
                .label("too narrow")
                .help("widen the network's `ports` range to at least " + plural(needed, "port")));
        return false;
    }

    /** Each gateway listens on one port per tunnel; interface names derive from the peer. */
    private void ends(List<Topology.Pair> tunnels) {
        if (model.network().ports() == null) {
            return;
        }
        int from = model.network().ports().value().from();
        int to = model.network().ports().value().to();
        Map<String, List<String>> byHost = new TreeMap<>();
        for (Topology.Pair p : tunnels) {
            byHost.computeIfAbsent(p.a().name().text(), k -> new ArrayList<>()).add(p.b().name().text());
            byHost.computeIfAbsent(p.b().name().text(), k -> new ArrayList<>()).add(p.a().name().text());
        }
        Map<String, Span> peerSpans = new HashMap<>();
        model.sites().forEach(s -> s.gateways().forEach(g -> peerSpans.put(g.name().text(), g.name().span())));
        for (Map.Entry<String, List<String>> e : byHost.entrySet()) {
            String host = e.getKey();
            List<String> peers = e.getValue().stream().sorted().toList();
            Set<Long> usedPorts = new HashSet<>();
            Set<String> usedNames = new HashSet<>();
            Map<Integer, Lock.End> portOwner = new HashMap<>();
            Map<String, Lock.End> nameOwner = new HashMap<>();
            List<String> fresh = new ArrayList<>();
            for (String peer : peers) {
                Lock.End end = new Lock.End(host, peer);
                Lock.EndNumbers kept = old.ends.get(end);
                if (kept == null || kept.port() < from || kept.port() > to || Interfaces.problem(kept.ifname()) != null) {
                    fresh.add(peer);
                } else if (portOwner.containsKey(kept.port()) || nameOwner.containsKey(kept.ifname())) {
                    // Two pinned ends of one host claim one port or one name: a hand edit gone wrong.
                    boolean port = portOwner.containsKey(kept.port());
                    Lock.End first = port ? portOwner.get(kept.port()) : nameOwner.get(kept.ifname());
                    conflict("end " + end, old.endSpans.get(end), "end " + first, old.endSpans.get(first),
                            port ? "port " + kept.port() : "interface " + kept.ifname());
                } else {
                    usedPorts.add((long) kept.port());
                    usedNames.add(kept.ifname());
                    portOwner.put(kept.port(), end);
                    nameOwner.put(kept.ifname(), end);
                    next.ends.put(end, kept);
                }
            }
            Free freePorts = new Free(usedPorts, from);
            for (String peer : fresh) {
                long port = freePorts.next();
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
                next.ends.put(new Lock.End(host, peer), new Lock.EndNumbers((int) port, ifname));
            }
        }
    }

    private void conflict(String entry, Span at, String firstEntry, Span first, String what) {
        Diagnostic.Builder b = Diagnostic.of(Code.E0314, at, "`" + entry + "` claims " + what + ", already held by `" + firstEntry + "`")
                .label("conflicting lock entry");
        if (first != null) {
            b.also(first, "held here");
        }
        diagnostics.add(b);
    }

    /**
     * The lowest value at or above a start that is not used. Values are only ever taken, never
     * given back, during one allocation, so each search resumes where the last one stopped: all
     * searches together cost one pass instead of one pass each.
     */
    private static final class Free {
        private final Set<Long> used;
        private long cursor;

        Free(Set<Long> used, long from) {
            this.used = used;
            this.cursor = from;
        }

        long next() {
            while (used.contains(cursor)) {
                cursor++;
            }
            return cursor;
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
