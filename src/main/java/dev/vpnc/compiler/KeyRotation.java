package dev.vpnc.compiler;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.plan.KeyRotationPlanner;
import dev.vpnc.plan.RotationPlan;
import dev.vpnc.plan.RotationRequest;
import dev.vpnc.plan.Topology;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vpnc keys rotate} up to what it would write: the network compiled to its plan (the
 * rotation needs a network without errors, its lock and which keys exist), then the request
 * checked and batched. Writes nothing; the command line writes the keys and the lock.
 */
public final class KeyRotation {
    private KeyRotation() {
    }

    /** {@code plan} is null when there are errors (in the source, or in the request). */
    public record Result(Diagnostics diagnostics, RotationPlan plan) {
    }

    /** @param sourceName the source as the command line names it, for the commands diagnostics suggest */
    public static Result plan(Path source, Path secrets, Path lockFile, List<Path> allowImports, RotationRequest request,
                              String sourceName) {
        Pipeline.Result r = Pipeline.planOnly(source, secrets, lockFile, allowImports);
        if (r.plan() == null || r.diagnostics().hasErrors()) {
            return new Result(r.diagnostics(), null);
        }
        // The pipeline's own warnings are about the network, which compile reports: a rotation reports its own.
        Diagnostics diagnostics = new Diagnostics();
        RotationPlan plan = KeyRotationPlanner.plan(r.model(), Topology.tunnels(r.model()), r.lock(), r.newKeys(), request,
                sourceName, diagnostics);
        return new Result(diagnostics, diagnostics.hasErrors() ? null : plan);
    }
}
