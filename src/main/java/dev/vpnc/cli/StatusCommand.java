package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.fleet.FleetReport;
import dev.vpnc.fleet.FleetStatus;
import dev.vpnc.fleet.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The state of the whole network, from every host's `status.sh --json`, judged against what FILE "
                + "compiles to: each host's verdict, the tunnels and sessions not up (once for both ends), the sites "
                + "that lost redundancy or are cut off and from where, the hosts that drift from their bundle, and "
                + "which host is probably down when it gave no status and its peers all see it down.",
                "--from DIR reads DIR/HOST.json (as ansible/status.yml writes them); --ansible OUT runs "
                + "`ansible-playbook -i OUT/ansible/inventory.yml OUT/ansible/status.yml` (with the arguments "
                + "after `--`) into a private temporary folder, and reads that. A host without a file, or whose "
                + "file is unreadable, malformed, over 1 MiB, a link, or says it is another host, is unknown.",
                "Writes nothing (but the temporary folder of --ansible, removed after)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host ok", "1:errors in the input (FILE, DIR), or ansible-playbook could not run",
                "2:usage error", "3:internal error (a bug in vpnc)",
                "11:degraded: redundancy lost somewhere, or a host without a status",
                "12:broken: a remote site without any next hop somewhere, or BIRD not answering"})
final class StatusCommand implements Callable<Integer> {
    /**
     * The fleet's verdict as 10 + status.sh's exit status: 1 and 2 already mean errors in the
     * input and usage to every vpnc command, and a script must not read one for the other.
     */
    static final int DEGRADED = 11;
    static final int BROKEN = 12;

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source from;

    static final class Source {
        @Option(names = "--from", paramLabel = "DIR", required = true,
                description = "read DIR/HOST.json for each host (status.sh --json, as ansible/status.yml collects it)")
        Path dir;

        @Option(names = "--ansible", paramLabel = "OUT", required = true,
                description = "collect with OUT/ansible/status.yml (OUT: the compiled output) and its inventory")
        Path output;
    }

    @Option(names = "--json", description = "one JSON object (network, verdict, hosts, suspects, down, sites, drift, problems)")
    boolean json;

    @Parameters(index = "1..*", paramLabel = "ANSIBLE-ARG",
            description = "after `--`: passed on to ansible-playbook (--ansible): `-- --limit site1 -u admin`")
    List<String> ansibleArgs = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (from.dir != null && !ansibleArgs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "arguments after FILE are passed to ansible-playbook: they go with --ansible, not --from");
        }
        Pipeline.Result r = Pipeline.planOnly(options.source, options.secrets(), options.lock(), options.allowImports);
        PrintWriter says = options.report(r.diagnostics(), spec.commandLine().getOut(), err);
        if (r.plan() == null) {
            return Main.INPUT_ERRORS;
        }
        FleetReport report;
        if (from.dir != null) {
            if (!Files.isDirectory(from.dir)) {
                err.println("error: " + from.dir + " is not a folder: give the folder of the HOST.json files");
                return Main.INPUT_ERRORS;
            }
            report = FleetStatus.fromDir(r.plan(), from.dir);
        } else {
            report = AnsibleCollect.run(from.output, ansibleArgs, r.plan(), err);
            if (report == null) {
                return Main.INPUT_ERRORS;
            }
        }
        says.print(json ? report.toJson() : report.render());
        says.flush();
        return exitCode(report.verdict());
    }

    static int exitCode(Verdict v) {
        return switch (v) {
            case OK -> Main.OK;
            case DEGRADED, UNKNOWN -> DEGRADED;
            case BROKEN -> BROKEN;
        };
    }
}
