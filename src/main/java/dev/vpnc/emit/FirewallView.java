package dev.vpnc.emit;

import dev.vpnc.plan.Endpoint;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.PeerSource;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;

/**
 * What a gateway's nftables rules are made of (templates/gateway/firewall-*.nft.ftl): the listen
 * port of each tunnel and the one address allowed to send to it, the interfaces of the private
 * namespace, and whether this gateway forwards between tunnels (a hub).
 *
 * @param filter     whether the bundle filters (`firewall on`); off, the public table is removed and
 *                   the private one only clamps TCP MSS
 * @param listen     one rule per tunnel whose peer's source address is known: the peer's endpoint,
 *                   when it is an address of the family of this gateway's endpoint (a peer sends
 *                   to this gateway's endpoint, so from its own address of that family)
 * @param openToAll  the other tunnels, whose port any source may reach, with the reason
 * @param ports      every listen port of the host, the set the last rule drops for other sources
 * @param lan        the LAN interfaces (moved into the private namespace)
 * @param transit    whether traffic may go from one tunnel to another (a hub's gateway)
 * @param ospf       whether OSPF runs on the LAN (`inside ospf`)
 */
public record FirewallView(String host, String network, boolean filter, List<Listen> listen, List<Listen> openToAll,
                           List<Integer> ports, List<String> lan, boolean transit, boolean ospf) {
    public FirewallView {
        listen = List.copyOf(listen);
        openToAll = List.copyOf(openToAll);
        ports = List.copyOf(ports);
        lan = List.copyOf(lan);
    }

    /**
     * One tunnel's listen port.
     *
     * @param family  nftables' word for the source's family ({@code ip6}, {@code ip}), empty when open
     * @param address the peer's endpoint address, empty when open
     * @param why     why the port is open to all, empty when it is not
     */
    public record Listen(int port, String ifname, String peer, String family, String address, String why) {
    }

    static FirewallView of(String network, GatewayPlan gw) {
        List<Listen> listen = new ArrayList<>();
        List<Listen> open = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        boolean transit = false;
        for (TunnelEnd t : gw.tunnels()) {
            ports.add(t.listenPort());
            transit |= !t.transitSites().isEmpty();
            PeerSource source = gw.peerSource(t);
            if (source.known()) {
                listen.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(),
                        source.address().kind() == Endpoint.Kind.IPV6 ? "ip6" : "ip", HostViews.checkAddress(source.address().host()),
                        ""));
            } else {
                open.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(), "", "", why(source.unknown(), gw.endpoint(), t)));
            }
        }
        return new FirewallView(gw.name(), network, gw.firewall(), listen, open, ports.stream().sorted().toList(),
                gw.lanInterfaces(), transit, gw.insideOspf());
    }

    /** The reason the plan gives, in the words of the rules' comment. */
    private static String why(PeerSource.Unknown unknown, Endpoint self, TunnelEnd t) {
        String peer = t.peerHost();
        return switch (unknown) {
            case PEER_DNS_NAME -> peer + "'s endpoint is a DNS name, resolved when its own up.sh runs";
            case OWN_DNS_NAME -> "this gateway's endpoint is a DNS name: " + peer + " sends over the family it resolves to";
            case OTHER_FAMILY -> peer + " sends over " + family(self) + " (this gateway's endpoint), from an address its "
                    + family(t.peerAddress()) + " endpoint does not give";
        };
    }

    private static String family(Endpoint e) {
        return e.kind() == Endpoint.Kind.IPV6 ? "IPv6" : "IPv4";
    }
}
