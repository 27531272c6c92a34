package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.TopologyMessages;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set tunnel MTU too large for a 1500-byte underlay (W0318), judged per tunnel with the
 * tunnel's underlay family ({@link Underlay#of}): 1430 is too large over IPv6, not over IPv4. A
 * value many gateways inherit is reported once, where it is written, over IPv6 if any of their
 * tunnels goes over IPv6. The defaults always fit. Linear in the tunnels.
 */
public final class MtuCheck {
    private MtuCheck() {
    }

    public static void check(Model model, List<Topology.Pair> tunnels, Diagnostics diagnostics) {
        Map<Span, Underlay> tooLarge = new LinkedHashMap<>();
        Map<Span, Integer> values = new LinkedHashMap<>();
        for (Topology.Pair p : tunnels) {
            Underlay u = Underlay.of(model.network(), p.a(), p.b());
            for (Model.Gateway g : List.of(p.a(), p.b())) {
                if (g.mtu() != null && g.mtu().value() > u.defaultMtu()) {
                    values.put(g.mtu().span(), g.mtu().value());
                    tooLarge.merge(g.mtu().span(), u, (old, now) -> old == Underlay.IPV6 ? old : now);
                }
            }
        }
        tooLarge.forEach((at, u) ->
                diagnostics.add(TopologyMessages.mtuTooLarge(at, values.get(at), u.overhead(), u == Underlay.IPV4)));
    }
}
