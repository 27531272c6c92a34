package dev.vpnc.emit;

import dev.vpnc.plan.GatewayPlan;
import dev.vpnc.plan.RouterPlan;
import dev.vpnc.plan.RunDir;
import java.util.List;

/**
 * What a host's frr.sh needs: its FRR instance, where it runs and the AS its bgpd speaks for.
 *
 * @param subject   {@code gateway} or {@code internal router}, for the header
 * @param namespace a gateway's private namespace, where its daemons run; empty on a router
 * @param runDir    the host's run directory ({@code /run/vpnc/HOST}): the configuration applied last
 * @param probeFile a probed gateway's probe state file (present: its site's routes withdrawn), or
 *                  empty without a probe
 * @param withdrawals the route-map entries that withdraw the site's prefixes while the probe fails
 */
public record FrrScript(String subject, String host, String site, String network, String namespace, String runDir,
                        long asn, Frr instance, String probeFile, List<Withdrawal> withdrawals) {
    public FrrScript {
        withdrawals = List.copyOf(withdrawals);
    }

    /**
     * {@code route-map ROUTEMAP deny 5} matching {@code FAMILY address prefix-list PREFIXLIST}: the
     * entry before every other of an outbound route-map to the tunnels (frr.conf leaves 5 free).
     */
    public record Withdrawal(String routeMap, String family, String prefixList) {
    }

    /** The address families ({@code ipv4}, {@code ipv6}) whose routes the probe withdraws. */
    public List<String> withdrawalFamilies() {
        return withdrawals.stream().map(w -> w.family().equals("ip") ? "ipv4" : "ipv6").distinct().sorted().toList();
    }

    static FrrScript of(String network, HostViews.Gateway g, FrrView view) {
        GatewayPlan gw = g.plan();
        if (gw.probe() == null) {
            return new FrrScript("gateway", gw.name(), gw.site(), network, gw.namespace(), g.runDir(), gw.asn(), g.frr(),
                    "", List.of());
        }
        List<Withdrawal> withdrawals = view.routeMaps().stream().filter(m -> m.probeWithdraws() != null)
                .map(m -> new Withdrawal(m.name(), m.entries().get(0).family(), m.probeWithdraws())).toList();
        return new FrrScript("gateway", gw.name(), gw.site(), network, gw.namespace(), g.runDir(), gw.asn(), g.frr(),
                RunDir.probeFailed(gw.name()), withdrawals);
    }

    static FrrScript of(String network, HostViews.Router h) {
        RouterPlan r = h.plan();
        return new FrrScript("internal router", r.name(), r.site(), network, "", h.runDir(), r.asn(), h.frr(), "",
                List.of());
    }
}
