package dev.vpnc.cli;

import dev.vpnc.lsp.Server;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Run the language server on standard input and output (for editors).")
final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        return Server.serve(System.in, System.out);
    }
}
