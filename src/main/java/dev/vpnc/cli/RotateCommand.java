package dev.vpnc.cli;

import dev.vpnc.compiler.KeyRotation;
import dev.vpnc.io.IoErrors;
import dev.vpnc.io.RunLock;
import dev.vpnc.io.SafeFiles;
import dev.vpnc.plan.KeyRotationWriter;
import dev.vpnc.plan.Rotated;
import dev.vpnc.plan.RotationPlan;
import dev.vpnc.plan.RotationRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Give each named gateway a new private key (and each `--psk` tunnel a new preshared key), "
                + "keeping the old one under secrets/HOST/retired/ until `vpnc keys prune`, and count the rotation in "
                + "vpnc.lock. Compile, review with `vpnc plan` and deploy next: reload.sh drains the tunnels whose keys "
                + "change, switches them and lets their sessions come back.",
                "Gateways rotated together must leave every pair of linked sites a tunnel whose keys do not change "
                + "(E0332 names a safe order). --all rotates every gateway in such batches: the first now, the others "
                + "with --continue once it is deployed. Writes nothing when there is an error. Never prints a key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:keys rotated", "1:errors in the input or the request (nothing written)", "2:usage error",
                "3:internal error (a bug in vpnc)"})
final class RotateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "HOST", description = "gateways whose private key to rotate")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--psk", paramLabel = "A:B", description = "a tunnel whose preshared key to rotate; repeatable")
    List<String> psks = new ArrayList<>();

    @Option(names = "--all", description = "every gateway, in safe batches: the first now, the others left pending for --continue")
    boolean all;

    @Option(names = "--all-psk", description = "every preshared key of the network, in safe batches")
    boolean allPsk;

    @Option(names = "--continue", description = "rotate the next pending batch of --all or --all-psk")
    boolean resume;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkUsage();
        CommonOptions o = options;
        RotationRequest request = new RotationRequest(hosts, psks, all, allPsk, resume);
        // Held from the first read of the lock and the key store to the last write, as compile does.
        try (RunLock held = RunLock.acquire(List.of(o.lock(), o.secrets()), RunLock.DEFAULT_WAIT,
                waiting -> err.println("note: " + waiting))) {
            KeyRotation.Result r = KeyRotation.plan(o.source, o.secrets(), o.lock(), o.allowImports, request,
                    o.source.toString());
            PrintWriter says = o.report(r.diagnostics(), out, err);
            if (r.plan() == null) {
                return Main.INPUT_ERRORS;
            }
            if (r.plan().refusal() != null) {
                err.println("error: " + r.plan().refusal() + "; nothing was written");
                return Main.INPUT_ERRORS;
            }
            KeyRotationWriter.Rotation done = write(o.secrets(), o.lock(), r.plan());
            RotationReport.print(says, r.plan(), done, o.source.toString(), o.secrets(), o.lock());
            return Main.OK;
        } catch (IOException e) {
            err.println("error: " + IoErrors.describe(e) + "; nothing was written");
            return Main.INPUT_ERRORS;
        }
    }

    /** Names, or one of the batch options; --continue alone. */
    private void checkUsage() {
        boolean named = !hosts.isEmpty() || !psks.isEmpty();
        String problem = null;
        if (resume && (named || all || allPsk)) {
            problem = "--continue takes no gateway, --psk, --all or --all-psk: it rotates the batch that waits";
        } else if (all && !hosts.isEmpty()) {
            problem = "--all rotates every gateway: name no HOST with it";
        } else if (allPsk && !psks.isEmpty()) {
            problem = "--all-psk rotates every preshared key: give no --psk with it";
        } else if (!named && !all && !allPsk && !resume) {
            problem = "name the gateways to rotate (HOST..., --psk A:B), or give --all, --all-psk or --continue";
        }
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }

    /**
     * The keys, then the lock, all or nothing: a lock that cannot be written puts the old keys back.
     * Also the lab's rotation check's (on its copies of the key store and lock).
     */
    static KeyRotationWriter.Rotation write(Path secrets, Path lockFile, RotationPlan plan) throws IOException {
        SafeFiles.publicDirs(lockFile.toAbsolutePath().getParent());
        Path lockTmp = SafeFiles.prepare(lockFile, plan.lock().render().getBytes(StandardCharsets.UTF_8), SafeFiles.PUBLIC_FILE);
        KeyRotationWriter.Rotation done = null;
        try {
            done = KeyRotationWriter.write(secrets, plan);
            SafeFiles.commit(lockTmp, lockFile);
            return done;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(lockTmp);
            if (done != null) {
                done.undo();
            }
            throw e;
        }
    }

    /** The rotations of a plan as the command line would name them: for the next steps it prints. */
    static String arguments(List<Rotated> batch) {
        return String.join(" ", batch.stream().map(Rotated::argument).toList());
    }
}
