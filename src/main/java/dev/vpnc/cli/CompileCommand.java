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
                + "and records allocations in the lock file. Writes nothing when there is an error.")
final class CompileCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output directory")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), true);
        var says = o.report(r.diagnostics(), out, err);
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        try {
            int written = OutputWriter.write(output, r.files(), Emitter::isExecutable);
            OutputWriter.writeAtomically(o.lock(), r.lock().render());
            int hosts = r.plan().gateways().size() + r.plan().routers().size();
            says.println("compiled " + hosts + " hosts (" + r.plan().gateways().size() + " gateways, "
                    + r.plan().routers().size() + " routers), " + r.files().size() + " files into " + output
                    + " (" + written + " written, " + (r.files().size() + 1 - written) + " unchanged)");
            return Main.OK;
        } catch (OutputWriter.Refused e) {
            err.println("error: " + e.getMessage());
            return Main.INPUT_ERRORS;
        } catch (IOException e) {
            err.println("error: cannot write " + output + ": " + e.getMessage());
            return Main.INPUT_ERRORS;
        }
    }
}
