package dev.vpnc.check;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.ValueMessages;
import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E0210: hosts written for a routing suite that the command at hand cannot run. `vpnc compile`
 * writes them all; `vpnc lab` runs the machine's BIRD 2 and FRR (Debian's BIRD 1.6 cannot be
 * installed beside BIRD 2), so a network for BIRD 1.6 is refused before anything is emulated,
 * at the setting that chose the suite.
 */
public final class TargetSupport {
    private TargetSupport() {
    }

    /**
     * @param supported the targets the command runs
     * @param command   the command, as the user typed it ({@code vpnc lab})
     */
    public static void check(Model model, Set<RoutingSuite> supported, String command, Diagnostics diagnostics) {
        // One diagnostic per setting: a profile used by every host says `bird 1.6` once.
        Map<Span, Refused> bySetting = new LinkedHashMap<>();
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                refuse(g.routing(), g.routingSpan(), g.name().text(), supported, model, bySetting);
            }
            for (Model.Router r : s.routers()) {
                refuse(r.routing(), r.routingSpan(), r.name().text(), supported, model, bySetting);
            }
        }
        List<RoutingSuite> runs = supported.stream().sorted().toList();
        List<String> titles = runs.stream().map(RoutingSuite::title).toList();
        bySetting.forEach((at, refused) -> diagnostics.add(ValueMessages.targetNotSupported(at, command,
                refused.target().title(), titles, refused.hosts(), runs.get(0).setting())));
    }

    /** A setting that gives hosts a target the command does not run. */
    private record Refused(RoutingSuite target, List<String> hosts) {
    }

    private static void refuse(RoutingSuite target, Span at, String host, Set<RoutingSuite> supported, Model model,
                               Map<Span, Refused> bySetting) {
        if (!supported.contains(target)) {
            Span where = at != null ? at : model.network().name().span();
            bySetting.computeIfAbsent(where, k -> new Refused(target, new ArrayList<>())).hosts().add(host);
        }
    }
}
