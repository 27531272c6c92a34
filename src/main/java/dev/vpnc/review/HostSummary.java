package dev.vpnc.review;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.LanAddress;
import dev.vpnc.plan.Neighbor;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import dev.vpnc.resolve.InsideMode;
import dev.vpnc.resolve.RoutingTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one host of the output is, in the terms a reviewer and {@code vpnc plan} compare: its
 * interface layout (what up.sh creates), its tunnels, its BGP sessions and its prefixes. Stored
 * in manifest.json so that a later plan diffs two summaries instead of parsing configs back.
 * No keys: a key change shows as a file change, and a rotation (vpnc.lock) as its counts.
 *
 * @param role      {@code gateway} or {@code router}
 * @param site      site name
 * @param asn       AS number of the site
 * @param routerId  BIRD router id
 * @param inside    {@code bgp} or {@code ospf}
 * @param timers    BGP, BFD (and OSPF) timers in words
 * @param layout    what up.sh builds (namespace, uplink, LAN interfaces and addresses, host
 *                  interfaces): a change here means re-running up.sh
 * @param tunnels   tunnels by peer host
 * @param sessions  BGP sessions: protocol name to neighbor host
 * @param announces prefixes this host announces
 * @param accepts   remote prefixes a gateway accepts over its tunnels (empty on routers)
 * @param carries   sites a hub's gateway announces to its spokes besides its own (hub-and-spoke)
 * @param throughHubs sites a spoke's gateway reaches through the hubs (hub-and-spoke)
 *
 * @param keyRotation how many times this gateway's private key was rotated (0 on routers)
 *
 * <p>{@code carries} and {@code throughHubs} are null when read from a manifest written before
 * they were recorded: unknown, so not compared. Rotation counts are written only when above 0,
 * so that an output without rotation keeps its bytes: one missing reads as 0, which is also
 * right for manifests written before vpnc rotated keys.
 */
public record HostSummary(String role, String site, long asn, String routerId, String inside, String timers,
                          SortedMap<String, String> layout, SortedMap<String, Tunnel> tunnels,
                          SortedMap<String, String> sessions, List<String> announces, List<String> accepts,
                          List<String> carries, List<String> throughHubs, int keyRotation) {
    public HostSummary {
        layout = new TreeMap<>(layout);
        tunnels = new TreeMap<>(tunnels);
        sessions = new TreeMap<>(sessions);
        announces = List.copyOf(announces);
        accepts = List.copyOf(accepts);
        carries = carries == null ? null : List.copyOf(carries);
        throughHubs = throughHubs == null ? null : List.copyOf(throughHubs);
    }

    /**
     * One tunnel seen from this host. Everything but {@code peerSite} and {@code endpoint} is
     * set by up.sh or needs the interface re-created; the endpoint is applied by {@code wg syncconf}.
     * {@code peerKeyRotation} and {@code pskRotation}: the generation of the peer's key and of the
     * preshared key this end is written for (reload.sh switches them).
     */
    public record Tunnel(String ifname, String peerSite, int listenPort, List<String> addresses, int mtu,
                         boolean psk, String endpoint, int peerKeyRotation, int pskRotation) {
        public Tunnel {
            addresses = List.copyOf(addresses);
        }

        /** The interface as up.sh and the kernel see it, without the peer's endpoint. */
        String interfaceShape() {
            return ifname + " port " + listenPort + " " + String.join(",", addresses) + " mtu " + mtu + (psk ? " psk" : "");
        }
    }

    /** Every host of the plan, by name. */
    public static SortedMap<String, HostSummary> of(NetworkPlan plan) {
        SortedMap<String, HostSummary> hosts = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            hosts.put(g.name(), gateway(g));
        }
        for (RouterPlan r : plan.routers()) {
            hosts.put(r.name(), router(r));
        }
        return hosts;
    }

    private static HostSummary gateway(GatewayPlan g) {
        SortedMap<String, String> layout = new TreeMap<>();
        layout.put("namespace", g.namespace());
        layout.put("uplink", g.uplink());
        layout.put("lan", String.join(", ", g.lanInterfaces()));
        layout.put("lan_addresses", addresses(g.lan()));
        SortedMap<String, Tunnel> tunnels = new TreeMap<>();
        SortedMap<String, String> sessions = new TreeMap<>();
        TreeSet<String> accepts = new TreeSet<>();
        TreeSet<String> carries = new TreeSet<>();
        TreeSet<String> throughHubs = new TreeSet<>();
        for (TunnelEnd t : g.tunnels()) {
            carries.addAll(t.transitSites());
            throughHubs.addAll(t.viaSites());
            List<String> addresses = t.localCidrs();
            tunnels.put(t.peerHost(), new Tunnel(t.ifname(), t.peerSite(), t.listenPort(), addresses, t.mtu(),
                    t.presharedKey(), t.peerEndpoint(), t.keyRotations().peerKey(), t.keyRotations().psk()));
            sessions.put(t.sessionName(), t.peerHost());
            accepts.addAll(t.peerPrefixes6());
            accepts.addAll(t.peerPrefixes4());
        }
        if (g.inside() == InsideMode.BGP) {
            for (Neighbor n : g.neighbors()) {
                sessions.put(n.sessionName(), n.host());
            }
        }
        List<String> announces = new ArrayList<>(g.sitePrefixes6());
        announces.addAll(g.sitePrefixes4());
        return new HostSummary("gateway", g.site(), g.asn(), g.routerId(), inside(g.inside()),
                timers(g.timers(), g.inside()), layout, tunnels,
                sessions, announces, List.copyOf(accepts), List.copyOf(carries), List.copyOf(throughHubs), g.keyRotation());
    }

    private static HostSummary router(RouterPlan r) {
        SortedMap<String, String> layout = new TreeMap<>();
        layout.put("lan", r.lanInterface());
        layout.put("lan_addresses", addresses(r.lan()));
        layout.put("hosts", String.join(", ", r.hostInterfaces()));
        SortedMap<String, String> sessions = new TreeMap<>();
        if (r.inside() == InsideMode.BGP) {
            for (Neighbor n : r.gateways()) {
                sessions.put(n.sessionName(), n.host());
            }
        }
        List<String> announces = new ArrayList<>(r.prefixes6());
        announces.addAll(r.prefixes4());
        return new HostSummary("router", r.site(), r.asn(), r.routerId(), inside(r.inside()),
                timers(r.timers(), r.inside()), layout, new TreeMap<>(),
                sessions, announces, List.of(), List.of(), List.of(), 0);
    }

    private static String timers(RoutingTimers t, InsideMode mode) {
        return "bgp hold " + t.bgpHoldSeconds() + "s keepalive " + t.bgpKeepaliveSeconds() + "s preference " + t.bgpPreference()
                + (t.bfd() ? ", bfd " + t.bfdIntervalMillis() + "ms x " + t.bfdMultiplier() : ", bfd off")
                + (mode == InsideMode.OSPF
                        ? ", ospf hello " + t.ospfHelloSeconds() + "s dead " + t.ospfDeadSeconds() + "s cost " + t.ospfCost() : "");
    }

    private static String inside(InsideMode mode) {
        return mode == InsideMode.BGP ? "bgp" : "ospf";
    }

    private static String addresses(LanAddress lan) {
        return lan.ipv6() + "/" + lan.ipv6Length() + (lan.hasIpv4() ? ", " + lan.ipv4() + "/" + lan.ipv4Length() : "");
    }
}
