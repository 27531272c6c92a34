package dev.vpnc.cli;

import dev.vpnc.compiler.VpncVersion;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. Exit codes: 0 ok, 1 errors in the input, 2 usage. */
@Command(name = "vpnc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Compiles a .vpn description of redundant, routed, site-to-site WireGuard VPNs "
                + "into per-host bundles: WireGuard configs, scripts, BIRD configs and systemd units.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:errors in the input", "2:usage error", "3:internal error (a bug in vpnc)", "4:a lab check failed (vpnc lab test)",
                "11:the fleet is degraded (vpnc status)", "12:the fleet is broken (vpnc status)",
                "10:differences: changes to apply (vpnc plan), DIR out of date (vpnc compile --check), a file not formatted (vpnc fmt --check)"})
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

    /** Bare `vpnc`: which command? The usage, listing every command, answers on stderr. */
    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: a command is required");
        spec.commandLine().usage(err);
        throw new NoCommand();
    }

    /** Ends a bare `vpnc` with the usage status, its message already printed. */
    private static final class NoCommand extends RuntimeException {
        NoCommand() {
            super(null, null, false, false);
        }
    }

    /**
     * The subcommands by name, in the order help lists them. Picocli builds each command's model
     * by reflection when it is added, which costs a few tens of milliseconds per command at
     * start-up; a run that names its command gets only that one (CliTest checks that the names
     * here are the commands' own).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("compile", CompileCommand::new);
        m.put("check", CheckCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("status", StatusCommand::new);
        m.put("keys", KeysCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("fmt", FmtCommand::new);
        m.put("lab", LabCommand::new);
        m.put("lsp", LspCommand::new);
        m.put("completion", CompletionCommand::new);
        // A lambda, not `CommandLine.HelpCommand::new`: JDK 25 cannot write an AOT cache holding a
        // method reference to a class of picocli's (Java 5 bytecode, not linked ahead of time).
        m.put("help", () -> new CommandLine.HelpCommand());
        return Collections.unmodifiableMap(m);
    }

    /** A command line holding every command (completion scripts, help). */
    static CommandLine withEveryCommand() {
        CommandLine cli = new CommandLine(new Main());
        COMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
        return cli;
    }

    public static void main(String[] args) {
        Warmup.startFor(args);
        PrintWriter out = new PrintWriter(System.out, true);
        // On a terminal, a Progress.Terminal: compile and check draw their progress line on it.
        PrintWriter err = Progress.stderr();
        int code = execute(args, out, err);
        // print() without a newline is not flushed by autoflush: flush before exiting.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams (tests call this in-process). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        String named = args.length > 0 ? args[0] : "";
        // `help` and anything not a command name (options, typos that want a suggestion) get them all.
        COMMANDS.forEach((name, command) -> {
            if (!COMMANDS.containsKey(named) || named.equals("help") || name.equals(named)) {
                cli.addSubcommand(command.get());
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            // The qualified name: `vpnc keys rotate --help`, not `vpnc rotate --help`.
            err.println("run `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof NoCommand) {
                return USAGE;
            }
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

    /** "vpnc VERSION (commit C)": the release, and the commit it was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vpnc " + VpncVersion.version() + " (commit " + VpncVersion.commit() + ")"};
        }
    }
}
