package dev.vpnc.check;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.ValueMessages;
import dev.vpnc.resolve.BirdTarget;
import dev.vpnc.resolve.Model;
import dev.vpnc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E0210: hosts written for a BIRD version that the command at hand cannot run. `vpnc compile`
 * writes both; `vpnc lab` runs the machine's BIRD 2 (Debian's BIRD 1.6 cannot be installed
 * beside it), so a network for BIRD 1.6 is refused before anything is emulated, at the setting
 * that chose the version.
 */
public final class TargetSupport {
    private TargetSupport() {
    }

    /**
     * @param supported the targets the command runs
     * @param command   the command, as the user typed it ({@code vpnc lab})
     */
    public static void check(Model model, Set<BirdTarget> supported, String command, Diagnostics diagnostics) {
        // One diagnostic per setting: a profile used by every host says `bird 1.6` once.
        Map<Span, List<String>> hostsBySetting = new LinkedHashMap<>();
        Map<Span, BirdTarget> targetOf = new LinkedHashMap<>();
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                refused(g.bird(), g.birdSpan(), g.name().text(), supported, model, hostsBySetting, targetOf);
            }
            for (Model.Router r : s.routers()) {
                refused(r.bird(), r.birdSpan(), r.name().text(), supported, model, hostsBySetting, targetOf);
            }
        }
        List<String> versions = supported.stream().sorted().map(BirdTarget::version).toList();
        hostsBySetting.forEach((at, hosts) -> diagnostics.add(
                ValueMessages.targetNotSupported(at, command, targetOf.get(at).version(), versions, hosts)));
    }

    private static void refused(BirdTarget target, Span at, String host, Set<BirdTarget> supported, Model model,
                                Map<Span, List<String>> hostsBySetting, Map<Span, BirdTarget> targetOf) {
        if (supported.contains(target)) {
            return;
        }
        Span where = at != null ? at : model.network().name().span();
        hostsBySetting.computeIfAbsent(where, k -> new ArrayList<>()).add(host);
        targetOf.put(where, target);
    }
}
