package dev.vpnc.emit;

import dev.vpnc.plan.Endpoint;
import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.TunnelEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a gateway's nftables rules are made of (templates/gateway/firewall-*.nft.ftl): the listen
 * port of each tunnel and the one address allowed to send to it, the interfaces of the private
 * namespace, and whether this gateway forwards between tunnels (a hub).
 *
 * @param filter     whether the bundle filters (`firewall on`); off, the public table is removed and
 *                   the private one only clamps TCP MSS
 * @param listen     one rule per tunnel whose peer's endpoint is an address
 * @param openToAll  tunnels whose peer's endpoint is a DNS name: any source may reach their port
 *                   (its address is only known when the peer's up.sh resolves it)
 * @param ports      every listen port of the host, the set the last rule drops for other sources
 * @param lan        the LAN interfaces (moved into the private namespace)
 * @param transit    whether traffic may go from one tunnel to another (a hub's gateway)
 * @param ospf       whether OSPF runs on the LAN (`inside ospf`)
 */
public record FirewallView(String host, String network, boolean filter, List<Listen> listen, List<Listen> openToAll,
                           List<Integer> ports, List<String> lan, boolean transit, boolean ospf) {
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");

    public FirewallView {
        listen = List.copyOf(listen);
        openToAll = List.copyOf(openToAll);
        ports = List.copyOf(ports);
        lan = List.copyOf(lan);
    }

    /**
     * One tunnel's listen port.
     *
     * @param family  nftables' word for the source's family ({@code ip6}, {@code ip}), empty for a DNS peer
     * @param address the peer's endpoint address, empty for a DNS peer
     */
    public record Listen(int port, String ifname, String peer, String family, String address) {
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
            if (e.isDnsName()) {
                open.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(), "", ""));
            } else {
                if (!SAFE_ADDRESS.matcher(e.host()).matches()) {
                    throw new IllegalArgumentException("not an IP address: " + e.host());
                }
                listen.add(new Listen(t.listenPort(), t.ifname(), t.peerHost(),
                        e.kind() == Endpoint.Kind.IPV6 ? "ip6" : "ip", e.host()));
            }
        }
        return new FirewallView(gw.name(), network, gw.firewall(), listen, open, ports.stream().sorted().toList(),
                gw.lanInterfaces(), transit, gw.insideOspf());
    }
}
