package dev.vpnc.cli;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Explanations;
import dev.vpnc.diag.Suggest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a diagnostic code (such as E0202): what it means, an example and how to fix it. "
                + "Without CODE, list every code.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE", description = "a diagnostic code, e.g. E0202")
    String code;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (code == null) {
            for (Code c : Code.values()) {
                out.println(c.id() + "  " + c.severity().label() + "  " + c.title());
            }
            return Main.OK;
        }
        Optional<Code> c = Explanations.code(code);
        if (c.isEmpty()) {
            var err = spec.commandLine().getErr();
            err.println("error: no diagnostic code `" + code + "`");
            err.println("help: " + Suggest.help(code.toUpperCase(Locale.ROOT),
                    Arrays.stream(Code.values()).map(Code::id).toList(), "code")
                    + " (`vpnc explain` lists them all)");
            return Main.USAGE;
        }
        out.print(Explanations.explain(c.get()));
        return Main.OK;
    }
}
