package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;
import java.util.Set;

/** Placeholder until the FRR configuration view lands (branch frr-conf). */
final class FrrViews {
    private FrrViews() {
    }

    static Object gateway(String network, GatewayPlan gw, Set<String> oneFamilyHosts) {
        return gw;
    }

    static Object router(String network, RouterPlan r, Set<String> oneFamilyHosts) {
        return r;
    }
}
