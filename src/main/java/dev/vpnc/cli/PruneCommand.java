package dev.vpnc.cli;

import dev.vpnc.io.IoErrors;
import dev.vpnc.io.RunLock;
import dev.vpnc.plan.RetiredKeys;
import dev.vpnc.review.Manifest;
import dev.vpnc.review.RetiredKeyUse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Remove the retired keys (secrets/HOST/retired/) that no bundle of DIR uses any more: a key of "
                + "generation N once DIR's manifest.json records, for its gateway and for every peer's tunnel to it "
                + "(for both ends of a preshared key), a rotation count above N. Run it once DIR is deployed.",
                "Removes only regular files named as vpnc names retired keys, never follows a symlink, and removes "
                + "the retired folders left empty. Prints paths, never a key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (or nothing to remove)", "1:DIR has no manifest of vpnc, or a file cannot be removed",
                "2:usage error", "3:internal error (a bug in vpnc)"})
final class PruneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "the output that is deployed (its manifest.json says which keys it uses)")
    Path output;

    @Option(names = "--dry-run", description = "list what would be removed; remove nothing")
    boolean dryRun;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path secrets = options.secrets();
        try (RunLock held = RunLock.acquire(List.of(secrets), RunLock.DEFAULT_WAIT, waiting -> err.println("note: " + waiting))) {
            Optional<Manifest.Contents> manifest = manifest();
            if (manifest.isEmpty()) {
                err.println("error: " + output + " has no " + Manifest.FILE_NAME + " written by this vpnc: prune needs the "
                        + "output that is deployed, to know which keys it uses; nothing was removed");
                return Main.INPUT_ERRORS;
            }
            List<RetiredKeys.Retired> retired = RetiredKeys.list(secrets);
            List<RetiredKeys.Retired> unused = RetiredKeyUse.unused(retired, manifest.get());
            if (retired.isEmpty()) {
                out.println("no retired keys in " + secrets);
                return Main.OK;
            }
            List<Path> removed = dryRun ? unused.stream().map(RetiredKeys.Retired::file).toList() : RetiredKeys.remove(unused);
            out.println((dryRun ? "would remove " : "removed ") + removed.size() + " of " + retired.size()
                    + " retired keys: no bundle of " + output + " uses " + (removed.size() == 1 ? "it" : "them"));
            removed.forEach(p -> out.println("    " + p));
            int kept = retired.size() - removed.size();
            if (kept > 0) {
                out.println("kept " + kept + ": " + output + " still uses " + (kept == 1 ? "it" : "them")
                        + " (compile and deploy the rotation first)");
                retired.stream().filter(k -> !unused.contains(k)).forEach(k -> out.println("    " + k.file()));
            }
            return Main.OK;
        } catch (IOException e) {
            err.println("error: " + IoErrors.describe(e));
            return Main.INPUT_ERRORS;
        }
    }

    /** DIR's manifest, read as plan reads it; a symlink or anything but a regular file is none. */
    private Optional<Manifest.Contents> manifest() throws IOException {
        Path file = output.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
    }
}
