package dev.vpnc.plan;

import dev.vpnc.ast.Name;
import dev.vpnc.check.BirdNames;
import dev.vpnc.resolve.Model;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/** Turns the resolved model and the allocations into per-host plans. */
public final class Planner {
    private final Model model;
    private final Lock lock;
    private final Map<String, String> publicKeys;
    private final Map<GatewayPair, Boolean> psk;
    private final Transit transit;
    // Looked up once per tunnel end: computed once, so planning stays linear in the tunnels.
    private final Map<String, Model.Site> sitesByName = new HashMap<>();
    private final boolean carriesIpv4;

    private Planner(Model model, Lock lock, Map<String, String> publicKeys, Map<GatewayPair, Boolean> psk) {
        this.model = model;
        this.lock = lock;
        this.publicKeys = publicKeys;
        this.psk = psk;
        this.transit = Transit.of(model);
        model.sites().forEach(s -> sitesByName.putIfAbsent(s.name().text(), s));
        this.carriesIpv4 = model.network().tunnels4() != null && model.sites().stream().anyMatch(s -> !s.prefixes4().isEmpty());
    }

    /**
     * @param publicKeys public key per gateway
     * @param psk        per tunnel key ({@link Topology.Pair#names()}): whether it has a preshared key
     */
    public static NetworkPlan plan(Model model, Lock lock, List<Topology.Pair> tunnels,
                                   Map<String, String> publicKeys, Map<GatewayPair, Boolean> psk) {
        return new Planner(model, lock, publicKeys, psk).build(tunnels);
    }

    private NetworkPlan build(List<Topology.Pair> tunnels) {
        Map<String, List<TunnelEnd>> ends = new HashMap<>();
        for (Topology.Pair p : tunnels) {
            long link = lock.links.get(p.names());
            ends.computeIfAbsent(p.a().name().text(), k -> new ArrayList<>()).add(end(p.a(), p.b(), link, 0, p.names()));
            ends.computeIfAbsent(p.b().name().text(), k -> new ArrayList<>()).add(end(p.b(), p.a(), link, 1, p.names()));
        }
        List<GatewayPlan> gateways = new ArrayList<>();
        List<RouterPlan> routers = new ArrayList<>();
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                List<TunnelEnd> mine = new ArrayList<>(ends.getOrDefault(g.name().text(), List.of()));
                mine.sort(Comparator.comparing(TunnelEnd::ifname));
                gateways.add(gateway(s, g, mine));
            }
            for (Model.Router r : s.routers()) {
                routers.add(router(s, r));
            }
        }
        gateways.sort(Comparator.comparing(GatewayPlan::name));
        routers.sort(Comparator.comparing(RouterPlan::name));
        return new NetworkPlan(model.network().name().text(), gateways, routers,
                model.network().hubs().stream().map(Name::text).toList());
    }

    /** One end of a tunnel: side 0 takes the even address of the link, side 1 the odd one. */
    private TunnelEnd end(Model.Gateway self, Model.Gateway peer, long link, int side, GatewayPair pair) {
        Lock.EndNumbers mine = lock.ends.get(new Lock.End(self.name().text(), peer.name().text()));
        Lock.EndNumbers theirs = lock.ends.get(new Lock.End(peer.name().text(), self.name().text()));
        Model.Site peerSite = site(peer.site());
        Model.Network n = model.network();
        String local6 = nth(n.tunnels6().prefix(), 2 * link + side);
        String peer6 = nth(n.tunnels6().prefix(), 2 * link + 1 - side);
        boolean v4 = carriesIpv4;
        String local4 = v4 ? nth(n.tunnels4().prefix(), 2 * link + side) : null;
        String peer4 = v4 ? nth(n.tunnels4().prefix(), 2 * link + 1 - side) : null;
        int peerPort = theirs.port();
        boolean hasPsk = psk.getOrDefault(pair, false);
        Underlay underlay = Underlay.of(n, self, peer);
        return new TunnelEnd(
                mine.ifname(),
                mine.port(),
                peer.name().text(),
                peer.site(),
                asn(peerSite),
                endpoint(peer.endpoint()),
                peerPort,
                publicKeys.get(peer.name().text()),
                hasPsk,
                hasPsk ? "psk/" + peer.name().text() + ".psk" : null,
                local6,
                peer6,
                local4,
                peer4,
                BirdNames.session(BirdNames.TUNNEL_SESSION, peer.name().text()),
                strings(peerSite.prefixes6()),
                v4 ? strings(peerSite.prefixes4()) : List.of(),
                underlay.mtu(self, peer),
                underlay,
                self.keepaliveSeconds(),
                transit.via(self.site(), peer.site()),
                transit.transit(self.site(), peer.site()),
                new KeyRotations(lock.keyRotation(self.name().text()), lock.keyRotation(peer.name().text()),
                        hasPsk ? lock.pskRotation(pair) : 0));
    }

    private GatewayPlan gateway(Model.Site s, Model.Gateway g, List<TunnelEnd> tunnels) {
        boolean v4 = carriesIpv4();
        return new GatewayPlan(
                g.name().text(),
                s.name().text(),
                asn(s),
                routerId(s, g.name().text()),
                model.network().namespace().name(),
                g.uplink().name(),
                g.lan().stream().map(Model.Ifname::name).toList(),
                lan(s, g.name().text()),
                publicKeys.get(g.name().text()),
                s.inside(),
                g.timers(),
                strings(s.prefixes6()),
                v4 ? strings(s.prefixes4()) : List.of(),
                v4,
                tunnels,
                neighbors(s, g.name().text()),
                routedSites(tunnels),
                g.routing(),
                endpoint(g.endpoint()),
                g.firewall(),
                probe(s, lan(s, g.name().text())));
    }

    /** The site's probe as this gateway runs it: from its own LAN address of the probe's family. */
    private static Probe probe(Model.Site s, LanAddress lan) {
        Model.Probe p = s.probe();
        if (p == null) {
            return null;
        }
        boolean v6 = p.address().isIPv6();
        // check.Probes keeps the address inside the site's prefixes, so a gateway carrying that
        // family has a LAN address of it (an IPv4 prefix needs an IPv4 subnet and tunnel pool).
        return new Probe(p.address().toCanonicalString(), v6, v6 ? lan.ipv6() : lan.ipv4(), p.intervalSeconds(),
                p.down(), p.up());
    }

    /** The sites at the other end of the tunnels, and those the hubs carry: every site with routes here. */
    private List<RoutedSite> routedSites(List<TunnelEnd> tunnels) {
        Set<String> names = new TreeSet<>();
        for (TunnelEnd t : tunnels) {
            names.add(t.peerSite());
            names.addAll(t.viaSites());
        }
        boolean v4 = carriesIpv4();
        List<RoutedSite> out = new ArrayList<>();
        for (String name : names) {
            Model.Site s = site(name);
            out.add(new RoutedSite(name, strings(s.prefixes6()), v4 ? strings(s.prefixes4()) : List.of()));
        }
        return out;
    }

    private RouterPlan router(Model.Site s, Model.Router r) {
        boolean v4 = carriesIpv4();
        List<Neighbor> gateways = neighbors(s, r.name().text()).stream().filter(Neighbor::gateway).toList();
        return new RouterPlan(
                r.name().text(),
                s.name().text(),
                asn(s),
                routerId(s, r.name().text()),
                r.lan().name(),
                r.hosts().stream().map(Model.Ifname::name).toList(),
                lan(s, r.name().text()),
                s.inside(),
                r.timers(),
                strings(r.prefixes6()),
                v4 ? strings(r.prefixes4()) : List.of(),
                strings(s.prefixes6()),
                v4 ? strings(s.prefixes4()) : List.of(),
                v4,
                gateways,
                r.routing());
    }

    /** The other hosts of the site, gateways and routers, sorted by name. */
    private List<Neighbor> neighbors(Model.Site s, String self) {
        List<Neighbor> out = new ArrayList<>();
        for (Model.Gateway g : s.gateways()) {
            if (!g.name().text().equals(self)) {
                out.add(new Neighbor(g.name().text(), BirdNames.session(BirdNames.LAN_SESSION, g.name().text()), lan(s, g.name().text()), true));
            }
        }
        for (Model.Router r : s.routers()) {
            if (!r.name().text().equals(self)) {
                out.add(new Neighbor(r.name().text(), BirdNames.session(BirdNames.LAN_SESSION, r.name().text()), lan(s, r.name().text()), false));
            }
        }
        out.sort(Comparator.comparing(Neighbor::host));
        return out;
    }

    private LanAddress lan(Model.Site s, String host) {
        long index = lock.hosts.get(host).lan();
        String v6 = nth(s.subnet6().prefix(), index);
        boolean v4 = carriesIpv4() && s.subnet4() != null;
        return new LanAddress(v6, s.subnet6().prefix().getNetworkPrefixLength(),
                v4 ? nth(s.subnet4().prefix(), index) : null,
                v4 ? s.subnet4().prefix().getNetworkPrefixLength() : 0);
    }

    /** The host's IPv4 LAN address when it has one (unique, and familiar); else from its id. */
    private String routerId(Model.Site s, String host) {
        LanAddress lan = lan(s, host);
        if (lan.hasIpv4()) {
            return lan.ipv4();
        }
        long id = lock.hosts.get(host).id();
        return String.format(Locale.ROOT, "%d.%d.%d.%d", (id >>> 24) & 255, (id >>> 16) & 255, (id >>> 8) & 255, id & 255);
    }

    private long asn(Model.Site s) {
        return s.asn() != null ? s.asn().value() : lock.asns.get(s.name().text());
    }

    private Model.Site site(String name) {
        Model.Site s = sitesByName.get(name);
        if (s == null) {
            throw new NoSuchElementException(name);
        }
        return s;
    }

    /** IPv4 rides the tunnels when there is an IPv4 pool and some site has IPv4 prefixes. */
    private boolean carriesIpv4() {
        return carriesIpv4;
    }

    static Endpoint endpoint(Model.Endpoint e) {
        Endpoint.Kind kind = e.isDnsName() ? Endpoint.Kind.DNS : e.address().isIPv6() ? Endpoint.Kind.IPV6 : Endpoint.Kind.IPV4;
        return new Endpoint(e.host(), kind);
    }

    /** The n-th address of a prefix, without its length. */
    static String nth(IPAddress prefix, long n) {
        BigInteger value = prefix.getLower().getValue().add(BigInteger.valueOf(n));
        IPAddress addr = prefix.isIPv6()
                ? new IPv6Address(value)
                : new IPv4Address(value.intValue());
        return addr.withoutPrefixLength().toCanonicalString();
    }


    private static List<String> strings(List<Model.Pfx> prefixes) {
        return prefixes.stream().map(Model.Pfx::toString).toList();
    }
}
