package dev.vpnc.plan;

import java.util.List;

/**
 * Everything the emitters need, hosts sorted by name.
 *
 * @param hubs the hub sites of a hub-and-spoke network, sorted by name; empty otherwise
 */
public record NetworkPlan(String network, List<GatewayPlan> gateways, List<RouterPlan> routers, List<String> hubs) {
    public NetworkPlan {
        gateways = List.copyOf(gateways);
        routers = List.copyOf(routers);
        hubs = hubs.stream().sorted().toList();
    }

    /** A network without hubs: a full mesh, or explicit links. */
    public NetworkPlan(String network, List<GatewayPlan> gateways, List<RouterPlan> routers) {
        this(network, gateways, routers, List.of());
    }
}
