package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check FILE and report every diagnostic. Writes nothing: no keys, no lock file, no output.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Pipeline.Result r = Pipeline.run(options.source, options.secrets(), options.lock(), options.allowImports, null);
        var says = options.report(r.diagnostics(), spec.commandLine().getOut(), spec.commandLine().getErr());
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        says.println("ok: " + (r.plan().gateways().size() + r.plan().routers().size())
                + " hosts, " + r.plan().gateways().stream().mapToInt(g -> g.tunnels().size()).sum() / 2 + " tunnels");
        return Main.OK;
    }
}
