package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.lab.LabException;
import dev.vpnc.lab.Recompile;
import dev.vpnc.compiler.KeyRotation;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Severity;
import dev.vpnc.plan.RotationRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The lab's key rotation check: rotates a gateway's key as `vpnc keys rotate HOST` does and compiles
 * the network of the command line as `vpnc compile` would, both on the check's own copies.
 */
final class LabRecompile implements Recompile {
    private final CommonOptions options;

    LabRecompile(CommonOptions options) {
        this.options = options;
    }

    @Override
    public Path lockFile() {
        return options.lock();
    }

    @Override
    public void rotate(Path secrets, Path lock, String host) throws IOException {
        rotate(secrets, lock, new RotationRequest(List.of(host), List.of(), false, false, false), host);
    }

    @Override
    public void rotatePsk(Path secrets, Path lock, String a, String b) throws IOException {
        rotate(secrets, lock, new RotationRequest(List.of(), List.of(a + ":" + b), false, false, false), a + ":" + b);
    }

    private void rotate(Path secrets, Path lock, RotationRequest request, String what) throws IOException {
        KeyRotation.Result r = KeyRotation.plan(options.source, secrets, lock, options.allowImports, request,
                options.source.toString());
        if (r.plan() == null || r.plan().refusal() != null) {
            throw new LabException("the keys of " + what + " cannot be rotated: "
                    + (r.plan() == null ? errors(r.diagnostics()) : r.plan().refusal()));
        }
        RotateCommand.write(secrets, lock, r.plan());
    }

    @Override
    public SortedMap<String, String> compile(Path secrets, Path lock) {
        Pipeline.Result r = Pipeline.run(options.source, secrets, lock, options.allowImports, null, Runner.LAB);
        if (r.files() == null) {
            throw new LabException("the network does not compile with the rotated keys: " + errors(r.diagnostics()));
        }
        return r.files();
    }

    /** The errors, by code and message (a key file's content is never in one). */
    private static String errors(Diagnostics diagnostics) {
        return diagnostics.sorted().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code() + " " + d.message()).collect(Collectors.joining("; "));
    }
}
