package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.Runner;
import dev.vpnc.emit.Emitter;
import dev.vpnc.io.RunLock;
import dev.vpnc.lab.LabDown;
import dev.vpnc.lab.LabException;
import dev.vpnc.lab.LabLayout;
import dev.vpnc.lab.LabState;
import dev.vpnc.lab.LabChecks;
import dev.vpnc.lab.LabUp;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vpnc lab up|test|down FILE}: the compiled network, run for real on this machine. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Emulate every host of FILE on this machine (root, Linux: network, mount and PID "
                + "namespaces, veths, bridges) and run the bundles `vpnc compile` produces, unmodified.",
        subcommands = {LabCommand.Up.class, LabCommand.Test.class, LabCommand.Down.class})
final class LabCommand implements Runnable {
    /** Exit code when a lab check fails or the lab cannot be built. */
    static final int LAB_FAILED = 4;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a lab command is required: up, test or down");
    }

    /** Compiles like `vpnc compile` (same lock, same key store), or returns null after reporting errors. */
    static Pipeline.Result compile(CommonOptions o, PrintWriter out, PrintWriter err) {
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, null, Runner.LAB);
        o.report(r.diagnostics(), out, err);
        return r.files() == null ? null : r;
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Compile FILE into /run/vpnc-lab/NETWORK/bundles, emulate every host, run each up.sh "
                    + "and wait until every site pings every other one.")
    static final class Up implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Pipeline.Result r = compile(options, out, err);
            if (r == null) {
                return Main.INPUT_ERRORS;
            }
            LabState state = null;
            try {
                LabLayout layout = new LabLayout(r.plan());
                var dir = LabState.dirFor(r.plan().network());
                if (Files.exists(dir) && LabState.stale(dir)) {
                    // Left by a run that ended without `lab down` (killed, crashed): its hosts are gone.
                    LabState old = LabState.at(dir);
                    List<String> left = old == null ? LabDown.removeState(dir) : LabDown.down(old);
                    if (left.isEmpty()) {
                        out.println("note: removed " + dir + ", left by an earlier lab whose hosts had all ended");
                    }
                }
                if (Files.exists(dir)) {
                    err.println("error: a lab of network " + r.plan().network() + " exists (" + dir + "): run `vpnc lab down "
                            + options.source + "` first");
                    return LAB_FAILED;
                }
                state = LabState.create(dir, options.source, r.plan().network());
                // SIGINT or SIGTERM while the lab is being built: end what was started, nothing is left.
                final LabState building = state;
                Thread onSignal = new Thread(() -> {
                    building.end();
                    LabDown.down(building);
                }, "vpnc-lab-up-interrupted");
                Runtime.getRuntime().addShutdownHook(onSignal);
                try (RunLock held = RunLock.acquire(List.of(options.lock(), options.secrets()), RunLock.DEFAULT_WAIT,
                        waiting -> err.println("note: " + waiting))) {
                    Commit.write(dir.resolve("bundles"), r.files(), Emitter::isExecutable, options.lock(), r.lock().render(),
                            r.newKeys());
                }
                try {
                    LabUp.up(layout, state, options.secrets(), out);
                } finally {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                }
                return Main.OK;
            } catch (LabException | OutputWriter.Refused | IOException e) {
                err.println("error: lab up: " + e.getMessage());
                if (state != null) {
                    err.println("what it started is recorded in " + state.dir() + ": `vpnc lab down " + options.source
                            + "` removes it");
                }
                return LAB_FAILED;
            }
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Check the running lab of FILE: handshakes, sessions, ECMP routes, pings between sites, "
                    + "failover and return of each gateway, idempotent up.sh. Prints a table; exits 4 when a check fails.")
    static final class Test implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--gateways", split = ",", paramLabel = "NAME",
                description = "gateways whose failover is tested (default: every gateway, in turn)")
        List<String> gateways;

        @Option(names = "--failover-bound", paramLabel = "SECONDS",
                description = "longest interruption accepted when a gateway dies, instead of the timers' target "
                        + "(BFD detection + 50 ms): for runs on a loaded machine, which check function, not timing")
        Double failoverBound;

        @Option(names = "--return-bound", paramLabel = "SECONDS",
                description = "longest time accepted for things to come up, instead of the targets (cold start, "
                        + "a gateway's return and its up.sh, recovery after the CPU load): for runs on a loaded machine")
        Double returnBound;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
                description = "times each tested gateway dies and returns, in turn; figures are then median/worst (default: 1)")
        int rounds;

        @Option(names = "--load", paramLabel = "SECONDS", defaultValue = "30",
                description = "length of the CPU load scenario (two busy processes per core while flows run), 0 for none "
                        + "(default: 30)")
        int loadSeconds;

        @Option(names = "--skip", split = ",", paramLabel = "CHECK",
                description = "checks to leave out, by number (2 to 11; 1, the sessions, always runs): "
                        + "e.g. --skip 5,6 on a large network whose scripts a smaller one already proved")
        List<Integer> skipped = List.of();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (rounds < 1 || loadSeconds < 0) {
                err.println("error: --rounds must be at least 1 and --load at least 0");
                return Main.USAGE;
            }
            if (!LabChecks.SKIPPABLE.containsAll(skipped)) {
                err.println("error: --skip takes check numbers from 2 to 11");
                return Main.USAGE;
            }
            Pipeline.Result r = compile(options, out, err);
            if (r == null) {
                return Main.INPUT_ERRORS;
            }
            List<LabState> labs = LabState.findBySource(options.source);
            if (labs.isEmpty()) {
                err.println("error: no lab of " + options.source + " is running: run `vpnc lab up " + options.source + "` first");
                return LAB_FAILED;
            }
            try {
                LabChecks.Options o = new LabChecks.Options(gateways == null ? null : new ArrayList<>(gateways), failoverBound,
                        returnBound, rounds, loadSeconds, Set.copyOf(skipped));
                boolean ok = LabChecks.run(new LabLayout(r.plan()), labs.get(0), options.secrets(), o, new LabRecompile(options),
                        out);
                return ok ? Main.OK : LAB_FAILED;
            } catch (LabException e) {
                err.println("error: lab test: " + e.getMessage());
                return LAB_FAILED;
            }
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "End the lab of FILE: kill the hosts it started (by pid, after checking they are its own) "
                    + "and remove its state directory. Also after a failed or interrupted `lab up`.")
    static final class Down implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<LabState> labs = LabState.findBySource(options.source);
            if (labs.isEmpty()) {
                out.println("no lab of " + options.source + " is running");
                return Main.OK;
            }
            int status = Main.OK;
            for (LabState s : labs) {
                List<String> problems = LabDown.down(s);
                if (problems.isEmpty()) {
                    out.println("lab " + s.network() + ": " + s.holders().size() + " hosts ended, " + s.dir() + " removed");
                } else {
                    err.println("error: lab " + s.network() + ": " + String.join("; ", problems));
                    status = LAB_FAILED;
                }
            }
            return status;
        }
    }
}
