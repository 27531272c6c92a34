package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check FILE and report every diagnostic. Writes nothing: no keys, no lock file, no output.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = {"-q", "--quiet"}, description = "print only the diagnostics: no progress line, no \"ok\" line")
    boolean quiet;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Pipeline.Result r;
        try (Progress progress = Progress.start(err, quiet, Progress.doing("checking", options.source))) {
            r = Pipeline.run(options.source, options.secrets(), options.lock(), options.allowImports, null,
                    Runner.COMPILE, progress.listener());
        }
        var says = options.report(r.diagnostics(), spec.commandLine().getOut(), err);
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        if (!quiet) {
            says.println("ok: " + (r.plan().gateways().size() + r.plan().routers().size())
                    + " hosts, " + r.plan().gateways().stream().mapToInt(g -> g.tunnels().size()).sum() / 2 + " tunnels");
        }
        return Main.OK;
    }
}
