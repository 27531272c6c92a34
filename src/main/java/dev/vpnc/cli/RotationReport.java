package dev.vpnc.cli;

import dev.vpnc.plan.GatewayPair;
import dev.vpnc.plan.KeyRotationWriter;
import dev.vpnc.plan.RetiredKeys;
import dev.vpnc.plan.Rotated;
import dev.vpnc.plan.RotationPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code vpnc keys rotate} says once it has rotated: the keys, by owner (a gateway's new
 * public key, which is public; never a private or preshared key), where the old ones are kept,
 * what waits, and the steps that follow.
 */
final class RotationReport {
    private RotationReport() {
    }

    static void print(PrintWriter says, RotationPlan plan, KeyRotationWriter.Rotation done, String source, Path secrets,
                      Path lock) {
        int n = plan.now().size();
        says.println("rotated " + n + (n == 1 ? " key" : " keys") + (plan.later().isEmpty() ? "" : " (batch 1 of "
                + (plan.later().size() + 1) + ")") + ", counted in " + lock + ":");
        for (Rotated r : plan.now()) {
            int generation = plan.generations().get(r);
            if (r.isKey()) {
                says.println("    " + r.host() + ": new private key, public key " + done.publicKeys().get(r.host())
                        + "; the old one is kept as " + RetiredKeys.privateKey(secrets, r.host(), generation));
            } else {
                GatewayPair t = r.tunnel();
                says.println("    " + t.a() + " <-> " + t.b() + ": new preshared key for both ends; the old one is kept as "
                        + RetiredKeys.presharedKey(secrets, t.a(), t.b(), generation) + " and "
                        + RetiredKeys.presharedKey(secrets, t.b(), t.a(), generation));
            }
        }
        for (String folder : done.foldersMadePrivate()) {
            says.println("note: made key folder " + folder + " private (0700)");
        }
        if (!plan.later().isEmpty()) {
            says.println();
            says.println("pending in " + lock + ", one batch after the other:");
            for (List<Rotated> batch : plan.later()) {
                says.println("    " + RotateCommand.arguments(batch));
            }
        }
        says.println();
        says.println("next:");
        says.println("    1. compile: `vpnc compile " + source + " -o OUT`");
        says.println("    2. review: `vpnc plan " + source + " -o OUT` lists the tunnels each host drains while its keys switch");
        says.println("    3. deploy to every host concerned: reload.sh on each host drains the tunnels whose keys change, "
                + "switches them and lets the sessions come back; deploy order does not matter");
        if (!plan.later().isEmpty()) {
            says.println("    4. once this batch is deployed everywhere: `vpnc keys rotate " + source + " --continue` "
                    + "rotates the next one (" + RotateCommand.arguments(plan.later().get(0)) + ")");
        }
        says.println("    later: `vpnc keys prune " + source + " -o OUT` removes the retired keys once no deployed bundle uses them");
    }
}
