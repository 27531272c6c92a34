package dev.vpnc.fleet;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.TunnelEnd;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the compiled network says each host is: its site, its kind (as status.sh words it) and,
 * for a gateway, its tunnels. The fleet view names peers from here, never from a host's file.
 *
 * @param hosts every gateway and internal router, by name
 */
record Intent(String network, SortedMap<String, Host> hosts) {
    static final String GATEWAY = "gateway";
    static final String ROUTER = "internal router";

    /** @param tunnels a gateway's tunnels: interface name to the gateway at its other end */
    record Host(String name, String site, String kind, SortedMap<String, String> tunnels) {
        /** The interface of this gateway's tunnel to {@code peer}, or null. */
        String tunnelTo(String peer) {
            return tunnels.entrySet().stream().filter(t -> t.getValue().equals(peer)).map(t -> t.getKey())
                    .findFirst().orElse(null);
        }
    }

    static Intent of(NetworkPlan plan) {
        SortedMap<String, Host> hosts = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            SortedMap<String, String> tunnels = new TreeMap<>();
            for (TunnelEnd t : g.tunnels()) {
                tunnels.put(t.ifname(), t.peerHost());
            }
            hosts.put(g.name(), new Host(g.name(), g.site(), GATEWAY, tunnels));
        }
        for (RouterPlan r : plan.routers()) {
            hosts.put(r.name(), new Host(r.name(), r.site(), ROUTER, new TreeMap<>()));
        }
        return new Intent(plan.network(), hosts);
    }

    /** The gateways with a tunnel to {@code host}, by name. */
    List<Host> tunnelPeers(String host) {
        return hosts.values().stream().filter(h -> h.tunnels().containsValue(host)).toList();
    }
}
