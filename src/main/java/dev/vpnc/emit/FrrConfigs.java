package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.plan.RouterPlan;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The FRR config of every host of a plan, whatever target the plan gives it: what the tests
 * check with FRR's own tools before any host runs FRR. Rendered as the emitter renders a
 * routing target's config file.
 */
public final class FrrConfigs {
    /** The template of {@code frr.conf}; its model is the {@link FrrView} under {@code bird}. */
    public static final String TEMPLATE = "common/frr.conf.ftl";

    private FrrConfigs() {
    }

    /** Host name to frr.conf text, in host-name order. */
    public static SortedMap<String, String> render(NetworkPlan plan) {
        SortedMap<String, String> out = new TreeMap<>();
        views(plan).forEach((host, view) -> out.put(host, render(view)));
        return out;
    }

    static String render(FrrView view) {
        return Emitter.render(TEMPLATE, Map.of("bird", view));
    }

    /** Host name to its FRR view; BIRD 1.6 hosts of the plan are the peers with one family per session. */
    static SortedMap<String, FrrView> views(NetworkPlan plan) {
        Set<String> oneFamily = Emitter.oneFamilyHosts(plan);
        SortedMap<String, FrrView> out = new TreeMap<>();
        for (GatewayPlan g : plan.gateways()) {
            out.put(g.name(), FrrViews.gateway(plan.network(), g, oneFamily));
        }
        for (RouterPlan r : plan.routers()) {
            out.put(r.name(), FrrViews.router(plan.network(), r, oneFamily));
        }
        return out;
    }
}
