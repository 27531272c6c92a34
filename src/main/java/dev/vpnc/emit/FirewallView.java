package dev.vpnc.emit;

import dev.vpnc.plan.Endpoint;
import dev.vpnc.plan.GatewayPlan;
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
            Endpoint e = t.peerAddress();
            String why = openBecause(gw.endpoint(), e, t.peerHost());
            if (!why.isEmpty()) {
                open.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(), "", "", why));
            } else {
                listen.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(),
                        e.kind() == Endpoint.Kind.IPV6 ? "ip6" : "ip", HostViews.checkAddress(e.host()), ""));
            }
        }
        return new FirewallView(gw.name(), network, gw.firewall(), listen, open, ports.stream().sorted().toList(),
                gw.lanInterfaces(), transit, gw.insideOspf());
    }

    /**
     * Why a peer's source address is not known when the bundle is made, or empty when it is. The
     * peer sends to this gateway's endpoint, so from its own address of that endpoint's family:
     * its declared endpoint is that address only when both are addresses of one family.
     */
    private static String openBecause(Endpoint self, Endpoint peer, String peerName) {
        if (peer.isDnsName()) {
            return peerName + "'s endpoint is a DNS name, resolved when its own up.sh runs";
        }
        if (self.isDnsName()) {
            return "this gateway's endpoint is a DNS name: " + peerName + " sends over the family it resolves to";
        }
        if (self.kind() != peer.kind()) {
            return peerName + " sends over " + family(self) + " (this gateway's endpoint), from an address its "
                    + family(peer) + " endpoint does not give";
        }
        return "";
    }

    private static String family(Endpoint e) {
        return e.kind() == Endpoint.Kind.IPV6 ? "IPv6" : "IPv4";
    }
}
