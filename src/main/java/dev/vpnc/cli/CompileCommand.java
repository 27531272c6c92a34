package dev.vpnc.cli;

import dev.vpnc.emit.Emitter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), !check);
        var says = o.report(r.diagnostics(), out, err);
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        try {
            if (check) {
                return OutputCheck.run(r, output, o.secrets(), o.lock(), says);
            }
            var tree = CompileEffects.tree(r);
            int written = OutputWriter.write(output, tree, Emitter::isExecutable);
            OutputWriter.writeAtomically(o.lock(), r.lock().render());
            int hosts = r.plan().gateways().size() + r.plan().routers().size();
            says.println("compiled " + hosts + " hosts (" + r.plan().gateways().size() + " gateways, "
                    + r.plan().routers().size() + " routers), " + tree.size() + " files into " + output
                    + " (" + written + " written, " + (tree.size() - written) + " unchanged)");
            return Main.OK;
        } catch (OutputWriter.Refused e) {
            err.println("error: " + e.getMessage());
            return Main.INPUT_ERRORS;
        } catch (IOException e) {
            err.println("error: cannot " + (check ? "read " : "write ") + output + ": " + e.getMessage());
            return Main.INPUT_ERRORS;
        }
    }
}
