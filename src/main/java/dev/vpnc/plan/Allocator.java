package dev.vpnc.plan;

import dev.vpnc.check.Interfaces;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.LockMessages;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.diag.messages.ValueMessages;
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
        a.rotations(tunnels);
        return a.next;
    }

    /**
     * Rotation counts and pending rotations are kept for the gateways and tunnels that still
     * exist (a count says which generation of a key the deployed bundles use; it must never go
     * back while the key lives), and dropped with them.
     */
    private void rotations(List<Topology.Pair> tunnels) {
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                String host = g.name().text();
                Integer n = old.keyRotations.get(host);
                if (n != null) {
                    next.keyRotations.put(host, n);
                }
                if (old.pendingKeys.contains(host)) {
                    next.pendingKeys.add(host);
                }
            }
        }
        for (Topology.Pair p : tunnels) {
            GatewayPair pair = p.names();
            Integer n = old.pskRotations.get(pair);
            if (n != null) {
                next.pskRotations.put(pair, n);
            }
            if (old.pendingPsks.contains(pair)) {
                next.pendingPsks.add(pair);
            }
        }
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
                diagnostics.add(pool == null ? TopologyMessages.siteWithoutAsn(s.name().span(), s.name().text())
                        : TopologyMessages.asnRangeExhausted(model.network().asnPool().span(), s.name().text()));
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
                diagnostics.add(TopologyMessages.lanSubnetExhausted(subnet.span(), subnet.toString(), f.host()));
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
                diagnostics.add(LockMessages.linkClaimedTwice(old.linkSpans.get(pair), pair.toString(), old.linkSpans.get(first),
                        first.toString(), kept));
            } else {
                fresh.add(p);
            }
        }
        Free freeLinks = new Free(used, 0);
        for (Topology.Pair p : fresh) {
            long link = freeLinks.next();
            if (link >= capacity) {
                Model.Pfx pool = poolThatLimits();
                diagnostics.add(TopologyMessages.tunnelPoolExhausted(pool.span(), pool.toString(), tunnels.size(), capacity));
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
            diagnostics.add(model.network().fullMesh()
                    ? TopologyMessages.tooManyTunnelsInFullMesh(at, ends / 2, MAX_TUNNELS, model.sites().size())
                    : model.network().hubAndSpoke() ? TopologyMessages.tooManyTunnelsWithHubs(at, ends / 2, MAX_TUNNELS)
                    : TopologyMessages.tooManyTunnelsOverLinks(at, ends / 2, MAX_TUNNELS));
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
        diagnostics.add(TopologyMessages.portRangeTooNarrow(model.network().ports().span(), from, to, size, busiest, needed));
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
                    Span at = old.endSpans.get(end);
                    Span firstAt = old.endSpans.get(first);
                    diagnostics.add(port
                            ? LockMessages.portClaimedTwice(at, end.toString(), firstAt, first.toString(), kept.port())
                            : LockMessages.interfaceClaimedTwice(at, end.toString(), firstAt, first.toString(), kept.ifname()));
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
                    diagnostics.add(why != null
                            ? ValueMessages.tunnelInterfaceInvalid(peerSpans.get(peer), ifname, host, why, peer, port)
                            : ValueMessages.tunnelInterfaceTaken(peerSpans.get(peer), ifname, host, peer, port));
                    continue;
                }
                usedPorts.add(port);
                next.ends.put(new Lock.End(host, peer), new Lock.EndNumbers((int) port, ifname));
            }
        }
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
}
