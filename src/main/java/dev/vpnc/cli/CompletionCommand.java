package dev.vpnc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shell completion scripts. Main adds only the command a run names (start-up), so the script is
 * generated from a command line holding every command. Bash and zsh take picocli's script (zsh
 * through bashcompinit); fish gets its own `complete` lines, from the same model.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for SHELL (bash, zsh or fish): `source <(vpnc completion bash)` "
                + "(or zsh) in the shell's rc file, `vpnc completion fish > ~/.config/fish/completions/vpnc.fish`.")
final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine all = Main.withEveryCommand();
        String script = switch (shell.toLowerCase(Locale.ROOT)) {
            case "bash" -> AutoComplete.bash("vpnc", all);
            case "zsh" -> "#compdef vpnc\nautoload -U +X bashcompinit && bashcompinit\n" + AutoComplete.bash("vpnc", all);
            case "fish" -> fish(all);
            default -> null;
        };
        if (script == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown shell `" + shell + "`: bash, zsh or fish");
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    /** `complete` lines: the commands, each one's subcommands, then each one's options. */
    static String fish(CommandLine root) {
        List<String> lines = new ArrayList<>();
        lines.add("# fish completion for vpnc (vpnc completion fish)");
        lines.add("complete -c vpnc -n __fish_use_subcommand -s h -l help -d 'Show help'");
        lines.add("complete -c vpnc -n __fish_use_subcommand -s V -l version -d 'Print version information'");
        root.getSubcommands().forEach((name, sub) -> {
            lines.add("complete -c vpnc -f -n __fish_use_subcommand -a " + name + " -d " + quote(summary(sub)));
            String in = "'__fish_seen_subcommand_from " + name + "'";
            sub.getSubcommands().forEach((inner, innerCommand) ->
                    lines.add("complete -c vpnc -f -n " + in + " -a " + inner + " -d " + quote(summary(innerCommand))));
            options(lines, sub, in);
            sub.getSubcommands().values().forEach(innerCommand ->
                    options(lines, innerCommand, "'__fish_seen_subcommand_from " + innerCommand.getCommandName() + "'"));
        });
        return String.join("\n", lines) + "\n";
    }

    private static void options(List<String> lines, CommandLine command, String condition) {
        for (OptionSpec o : command.getCommandSpec().options()) {
            StringBuilder b = new StringBuilder("complete -c vpnc -n " + condition);
            for (String name : o.names()) {
                b.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (o.arity().max() > 0) {
                b.append(" -r");
            }
            String[] description = o.description();
            if (description.length > 0) {
                b.append(" -d ").append(quote(description[0]));
            }
            lines.add(b.toString());
        }
    }

    private static String summary(CommandLine command) {
        String[] d = command.getCommandSpec().usageMessage().description();
        if (d.length == 0) {
            return command.getCommandName();
        }
        String first = d[0];
        int stop = first.indexOf(". ");
        return stop < 0 ? first : first.substring(0, stop + 1);
    }

    /** A fish single-quoted word: backslashes and quotes escaped. */
    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
