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
        Map<Span, Refused> bySetting = new LinkedHashMap<>();
        for (Model.Site s : model.sites()) {
            for (Model.Gateway g : s.gateways()) {
                refuse(g.bird(), g.birdSpan(), g.name().text(), supported, model, bySetting);
            }
            for (Model.Router r : s.routers()) {
                refuse(r.bird(), r.birdSpan(), r.name().text(), supported, model, bySetting);
            }
        }
        List<String> versions = supported.stream().sorted().map(BirdTarget::version).toList();
        bySetting.forEach((at, refused) -> diagnostics.add(
                ValueMessages.targetNotSupported(at, command, refused.target().version(), versions, refused.hosts())));
    }

    /** A setting that gives hosts a target the command does not run. */
    private record Refused(BirdTarget target, List<String> hosts) {
    }

    private static void refuse(BirdTarget target, Span at, String host, Set<BirdTarget> supported, Model model,
                               Map<Span, Refused> bySetting) {
        if (!supported.contains(target)) {
            Span where = at != null ? at : model.network().name().span();
            bySetting.computeIfAbsent(where, k -> new Refused(target, new ArrayList<>())).hosts().add(host);
        }
    }
}
