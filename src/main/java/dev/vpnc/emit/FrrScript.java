package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;

/**
 * What a host's frr.sh needs: its FRR instance, where it runs and the AS its bgpd speaks for.
 *
 * @param subject   {@code gateway} or {@code internal router}, for the header
 * @param namespace a gateway's private namespace, where its daemons run; empty on a router
 * @param runDir    the host's run directory ({@code /run/vpnc/HOST}): the configuration applied last
 */
public record FrrScript(String subject, String host, String site, String network, String namespace, String runDir,
                        long asn, Frr instance) {
    static FrrScript of(String network, HostViews.Gateway g) {
        GatewayPlan gw = g.plan();
        return new FrrScript("gateway", gw.name(), gw.site(), network, gw.namespace(), g.runDir(), gw.asn(), g.frr());
    }

    static FrrScript of(String network, HostViews.Router h) {
        RouterPlan r = h.plan();
        return new FrrScript("internal router", r.name(), r.site(), network, "", h.runDir(), r.asn(), h.frr());
    }
}
