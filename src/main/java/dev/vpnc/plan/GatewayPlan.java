package dev.vpnc.plan;

import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.resolve.InsideMode;
import dev.vpnc.resolve.RoutingTimers;
import java.util.List;

/**
 * One VPN gateway: public namespace (uplink, encrypted UDP) and private namespace (LAN, tunnels,
 * BIRD).
 *
 * @param name          host name (also its output directory)
 * @param site          site name
 * @param asn           AS number of the site
 * @param routerId      BIRD router id (dotted quad, unique in the network)
 * @param namespace     name of the private network namespace
 * @param uplink        uplink interface (stays in the public namespace)
 * @param lanInterfaces LAN interfaces (moved into the private namespace); the first faces the site LAN
 * @param lan           this gateway's addresses on the site LAN
 * @param publicKey     this gateway's WireGuard public key
 * @param inside        how routes are exchanged with the site's routers
 * @param timers        routing timers
 * @param sitePrefixes6 IPv6 prefixes of its own site (the only ones it announces)
 * @param sitePrefixes4 IPv4 prefixes of its own site
 * @param ipv4          whether IPv4 is carried over the tunnels
 * @param tunnels       tunnels, sorted by interface name
 * @param neighbors     other gateways and internal routers of the site (iBGP mode), sorted by name
 * @param routedSites   every remote site this gateway has routes for (over its own tunnels, or
 *                      through hubs), sorted by name
 * @param routing       the routing suite its configs are written for
 * @param endpoint      where its peers reach it (the port is each tunnel's)
 * @param firewall      whether its bundle filters traffic (nftables table {@code inet vpnc}); TCP
 *                      MSS clamping on the tunnels is there either way
 * @param probe         its site's health probe, or {@code null} when the site declares none
 */
public record GatewayPlan(
        String name,
        String site,
        long asn,
        String routerId,
        String namespace,
        String uplink,
        List<String> lanInterfaces,
        LanAddress lan,
        String publicKey,
        InsideMode inside,
        RoutingTimers timers,
        List<String> sitePrefixes6,
        List<String> sitePrefixes4,
        boolean ipv4,
        List<TunnelEnd> tunnels,
        List<Neighbor> neighbors,
        List<RoutedSite> routedSites,
        RoutingSuite routing,
        Endpoint endpoint,
        boolean firewall,
        Probe probe) {
    public GatewayPlan {
        lanInterfaces = List.copyOf(lanInterfaces);
        sitePrefixes6 = List.copyOf(sitePrefixes6);
        sitePrefixes4 = List.copyOf(sitePrefixes4);
        tunnels = List.copyOf(tunnels);
        neighbors = List.copyOf(neighbors);
        routedSites = List.copyOf(routedSites);
    }

    /** A gateway of a mesh, BIRD 2, firewall on: it routes to the sites its tunnels reach. */
    public GatewayPlan(String name, String site, long asn, String routerId, String namespace, String uplink,
                       List<String> lanInterfaces, LanAddress lan, String publicKey, InsideMode inside, RoutingTimers timers,
                       List<String> sitePrefixes6, List<String> sitePrefixes4, boolean ipv4, List<TunnelEnd> tunnels,
                       List<Neighbor> neighbors, Endpoint endpoint) {
        this(name, site, asn, routerId, namespace, uplink, lanInterfaces, lan, publicKey, inside, timers, sitePrefixes6,
                sitePrefixes4, ipv4, tunnels, neighbors, RoutedSite.ofPeers(tunnels), RoutingSuite.BIRD2, endpoint, true, null);
    }

    /** A gateway of a mesh, for a given BIRD target, firewall on. */
    public GatewayPlan(String name, String site, long asn, String routerId, String namespace, String uplink,
                       List<String> lanInterfaces, LanAddress lan, String publicKey, InsideMode inside,
                       RoutingTimers timers, List<String> sitePrefixes6, List<String> sitePrefixes4, boolean ipv4,
                       List<TunnelEnd> tunnels, List<Neighbor> neighbors, RoutingSuite routing, Endpoint endpoint) {
        this(name, site, asn, routerId, namespace, uplink, lanInterfaces, lan, publicKey, inside, timers,
                sitePrefixes6, sitePrefixes4, ipv4, tunnels, neighbors, RoutedSite.ofPeers(tunnels), routing, endpoint, true, null);
    }

    /**
     * How many times this gateway's private key was rotated, as its tunnels are written for it
     * (0 for a gateway without tunnels: no bundle holds its public key).
     */
    public int keyRotation() {
        return tunnels.isEmpty() ? 0 : tunnels.get(0).keyRotations().key();
    }

    /** Whether OSPF runs inside the site (iBGP otherwise). */
    public boolean insideOspf() {
        return inside == InsideMode.OSPF;
    }

    /** Where the peer of one of this gateway's tunnels sends its encrypted packets from. */
    public PeerSource peerSource(TunnelEnd tunnel) {
        return PeerSource.of(endpoint, tunnel.peerAddress());
    }
}
