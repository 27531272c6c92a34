package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.emit.Emitter;
import dev.vpnc.io.IoErrors;
import dev.vpnc.io.RunLock;
import dev.vpnc.plan.RetiredKeys;
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

    @Option(names = {"-q", "--quiet"}, description = "print only the diagnostics and what --check finds: "
            + "no progress line, no summary")
    boolean quiet;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CommonOptions o = options;
        // Closed (the line erased) before anything is printed but a note while waiting for the lock.
        try (Progress progress = Progress.start(err, quiet, Progress.doing(check ? "checking" : "compiling", o.source))) {
            if (check) {
                return check(out, err, progress);
            }
            // Held from the first read of the lock and the key store to the last write: a second run
            // waits, so it neither tears this one's output nor allocates from a lock about to change.
            try (RunLock held = RunLock.acquire(List.of(output, o.lock(), o.secrets()), RunLock.DEFAULT_WAIT,
                    waiting -> {
                        progress.phase("waiting for another vpnc run");
                        progress.note("note: " + waiting);
                    })) {
                return compile(out, err, progress);
            } catch (IOException e) {
                progress.close();
                err.println("error: " + IoErrors.describe(e));
                return Main.INPUT_ERRORS;
            }
        }
    }

    private int compile(PrintWriter out, PrintWriter err, Progress progress) {
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, output, Runner.COMPILE,
                progress.listener());
        if (r.files() == null) {
            progress.close();
            o.report(r.diagnostics(), out, err);
            return Main.INPUT_ERRORS;
        }
        var tree = CompileEffects.tree(r);
        progress.phase("writing " + tree.size() + " files");
        Commit.Done done;
        String failed;
        try {
            done = Commit.write(output, tree, Emitter::isExecutable, o.lock(), r.lock().render(), r.newKeys());
            failed = null;
        } catch (OutputWriter.Refused e) {
            done = null;
            failed = e.getMessage();
        } catch (IOException e) {
            done = null;
            failed = "cannot write " + output + ": " + IoErrors.describe(e);
        }
        progress.close();
        var says = o.report(r.diagnostics(), out, err);
        if (done == null) {
            err.println("error: " + failed + "; nothing was written");
            return Main.INPUT_ERRORS;
        }
        for (String folder : done.foldersMadePrivate()) {
            says.println("note: made key folder " + folder + " private (0700): others could read the keys created in it");
        }
        if (!quiet) {
            noteRetiredKeys(says);
            int hosts = r.plan().gateways().size() + r.plan().routers().size();
            says.println("compiled " + hosts + " hosts (" + r.plan().gateways().size() + " gateways, "
                    + r.plan().routers().size() + " routers), " + tree.size() + " files into " + output
                    + " (" + done.filesWritten() + " written, " + (tree.size() - done.filesWritten()) + " unchanged"
                    + (done.keysCreated().isEmpty() ? "" : ", " + done.keysCreated().size() + " new keys") + ")");
        }
        return Main.OK;
    }

    /**
     * Compile never deletes a key: the keys `vpnc keys rotate` retired stay until the new output
     * is deployed everywhere, which only the operator knows; this says how to remove them then.
     */
    private void noteRetiredKeys(PrintWriter says) {
        int retired;
        try {
            retired = RetiredKeys.list(options.secrets()).size();
        } catch (IOException e) {
            return; // a note only: the compile itself succeeded
        }
        if (retired > 0) {
            says.println("note: " + retired + (retired == 1 ? " retired key" : " retired keys") + " in " + options.secrets()
                    + " (`vpnc keys rotate`): once this output is deployed on every host, `vpnc keys prune " + options.source
                    + " -o " + output + "` removes those no bundle uses");
        }
    }

    /** --check: compares only, so it takes no lock and writes nothing. */
    private int check(PrintWriter out, PrintWriter err, Progress progress) {
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, null, Runner.COMPILE,
                progress.listener());
        if (r.files() == null) {
            progress.close();
            o.report(r.diagnostics(), out, err);
            return Main.INPUT_ERRORS;
        }
        progress.phase("comparing with " + output);
        OutputCheck.Outcome found;
        try {
            found = OutputCheck.compare(r, output, o.secrets(), o.lock());
        } catch (IOException e) {
            progress.close();
            o.report(r.diagnostics(), out, err);
            err.println("error: cannot read " + output + ": " + IoErrors.describe(e));
            return Main.INPUT_ERRORS;
        }
        progress.close();
        return OutputCheck.print(found, o.report(r.diagnostics(), out, err), quiet);
    }
}
