package dev.vpnc.plan;

import java.util.List;

/** Everything the emitters need, hosts sorted by name. */
public record NetworkPlan(String network, List<GatewayPlan> gateways, List<RouterPlan> routers) {
    public NetworkPlan {
        gateways = List.copyOf(gateways);
        routers = List.copyOf(routers);
    }
}
