package dev.vpnc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Exit codes: 0 ok, 1 errors in the input, 2 usage. */
@Command(name = "vpnc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Compiles a .vpn description of redundant, routed, site-to-site WireGuard VPNs "
                + "into per-host bundles: WireGuard configs, scripts, BIRD configs and systemd units.",
        subcommands = {CompileCommand.class, CheckCommand.class, PlanCommand.class, ExplainCommand.class, FmtCommand.class, LabCommand.class, LspCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:errors in the input", "2:usage error", "3:internal error (a bug in vpnc)", "4:a lab check failed (vpnc lab test)",
                "10:differences: changes to apply (vpnc plan), DIR out of date (vpnc compile --check)"})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_ERRORS = 1;
    public static final int USAGE = 2;
    /** A bug in vpnc, never the user's input. */
    public static final int INTERNAL = 3;
    /** vpnc plan: changes to apply; vpnc compile --check: the output is not what the source compiles to. */
    public static final int DIFFERS = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: compile or check");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        // print() without a newline is not flushed by autoflush: flush before exiting.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams (tests call this in-process). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("run `vpnc " + (ex.getCommandLine().getCommandName().equals("vpnc") ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help` for usage");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            // No stack trace for users; VPNC_DEBUG=1 shows it to whoever debugs vpnc itself.
            err.println("error: internal error in vpnc (" + ex.getClass().getSimpleName() + "): " + ex.getMessage());
            err.println("this is a bug in vpnc, not in your input; nothing was written. Rerun with VPNC_DEBUG=1 for details.");
            if ("1".equals(System.getenv("VPNC_DEBUG"))) {
                ex.printStackTrace(err);
            }
            return INTERNAL;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vpnc " + (v == null ? "dev" : v)};
        }
    }
}
