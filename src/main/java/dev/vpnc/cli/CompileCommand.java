package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.Emitter;
import dev.vpnc.io.IoErrors;
import dev.vpnc.io.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile FILE into one bundle per host in DIR. Creates missing keys in the key store "
                + "and records allocations in the lock file. Writes nothing when there is an error. "
                + "With --check: writes nothing and exits with 10 when DIR differs from what FILE compiles to.")
final class CompileCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output directory")
    Path output;

    @Option(names = "--check", description = "write nothing (no output, keys or lock); list every file of DIR "
            + "that is missing, extra or different, a missing key, a stale lock; exit 10 when there is one, 0 when DIR is up to date")
    boolean check;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CommonOptions o = options;
        if (check) {
            return check(out, err);
        }
        // Held from the first read of the lock and the key store to the last write: a second run
        // waits, so it neither tears this one's output nor allocates from a lock about to change.
        try (RunLock held = RunLock.acquire(List.of(output, o.lock(), o.secrets()), RunLock.DEFAULT_WAIT,
                waiting -> err.println("note: " + waiting))) {
            return compile(out, err);
        } catch (IOException e) {
            err.println("error: " + IoErrors.describe(e));
            return Main.INPUT_ERRORS;
        }
    }

    private int compile(PrintWriter out, PrintWriter err) {
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, output);
        var says = o.report(r.diagnostics(), out, err);
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        try {
            var tree = CompileEffects.tree(r);
            Commit.Done done = Commit.write(output, tree, Emitter::isExecutable, o.lock(), r.lock().render(), r.newKeys());
            for (String folder : done.foldersMadePrivate()) {
                says.println("note: made key folder " + folder + " private (0700): others could read the keys created in it");
            }
            int hosts = r.plan().gateways().size() + r.plan().routers().size();
            says.println("compiled " + hosts + " hosts (" + r.plan().gateways().size() + " gateways, "
                    + r.plan().routers().size() + " routers), " + tree.size() + " files into " + output
                    + " (" + done.filesWritten() + " written, " + (tree.size() - done.filesWritten()) + " unchanged"
                    + (done.keysCreated().isEmpty() ? "" : ", " + done.keysCreated().size() + " new keys") + ")");
            return Main.OK;
        } catch (OutputWriter.Refused e) {
            err.println("error: " + e.getMessage() + "; nothing was written");
            return Main.INPUT_ERRORS;
        } catch (IOException e) {
            err.println("error: cannot write " + output + ": " + IoErrors.describe(e) + "; nothing was written");
            return Main.INPUT_ERRORS;
        }
    }

    /** --check: compares only, so it takes no lock and writes nothing. */
    private int check(PrintWriter out, PrintWriter err) {
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, null);
        var says = o.report(r.diagnostics(), out, err);
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        try {
            return OutputCheck.run(r, output, o.secrets(), o.lock(), says);
        } catch (IOException e) {
            err.println("error: cannot read " + output + ": " + IoErrors.describe(e));
            return Main.INPUT_ERRORS;
        }
    }
}
