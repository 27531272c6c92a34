package dev.vpnc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code vpnc keys rotate|prune FILE}: the key store's life after the first compile. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Rotate the keys of gateways and tunnels (`rotate`), and remove the retired keys no deployed "
                + "bundle uses any more (`prune`). Keys are never printed.",
        subcommands = {RotateCommand.class, PruneCommand.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a keys command is required: rotate or prune");
    }
}
