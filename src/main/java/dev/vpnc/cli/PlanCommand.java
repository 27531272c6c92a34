package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.Emitter;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.review.FileDiff;
import dev.vpnc.review.HostChange;
import dev.vpnc.review.HostSummary;
import dev.vpnc.review.Manifest;
import dev.vpnc.review.OutputTree;
import dev.vpnc.review.RotationSteps;
import dev.vpnc.review.TreeDiff;
import dev.vpnc.io.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show, per host, what `vpnc compile FILE -o DIR` would change in DIR: files added, removed "
                + "and changed; tunnels, BGP sessions and prefixes added and removed; and whether the change is "
                + "hitless (applied with `wg syncconf` and `birdc configure`) or disruptive (up.sh must run again: "
                + "an interface or the namespace is created, removed or renumbered).",
                "With --diff, under each changed file and each file added to an existing host, the lines that "
                + "change: a unified diff (3 lines of context) of the file in DIR against the compiled one. The "
                + "content of a file compile would remove, or of one that is binary or not UTF-8, is never shown.",
                "Writes nothing: no output, no keys, no lock."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no change", "1:errors in the input", "2:usage error", "3:internal error (a bug in vpnc)",
                "10:changes to apply"})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "the output directory to compare with (need not exist)")
    Path output;

    @Option(names = "--diff",
            description = "the changed lines under each file, as a unified diff: `--- DIR/PATH` against "
                    + "`+++ compiled/PATH`")
    boolean showDiff;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommonOptions o = options;
        Pipeline.Result r = Pipeline.run(o.source, o.secrets(), o.lock(), o.allowImports, null);
        PrintWriter says = o.report(r.diagnostics(), spec.commandLine().getOut(), spec.commandLine().getErr());
        if (r.files() == null) {
            return Main.INPUT_ERRORS;
        }
        try {
            SortedMap<String, OutputTree.Found> actual = OutputTree.read(output);
            if (!actual.isEmpty() && !actual.containsKey(OutputWriter.MARKER)) {
                spec.commandLine().getErr().println("error: `" + output + "` was not written by vpnc (no "
                        + OutputWriter.MARKER + " file): compile would refuse it");
                return Main.INPUT_ERRORS;
            }
            SortedMap<String, String> expected = CompileEffects.tree(r);
            TreeDiff diff = TreeDiff.compare(expected, actual, Emitter::isExecutable);
            Optional<Manifest.Contents> old = Optional.ofNullable(actual.get(Manifest.FILE_NAME))
                    .filter(OutputTree.Found::regular)
                    .flatMap(f -> Manifest.parse(new String(f.bytes(), StandardCharsets.UTF_8)));
            SortedMap<String, HostSummary> now = HostSummary.of(r.plan());
            List<HostChange> changes = new ArrayList<>();
            for (String host : TreeDiff.hosts(expected, actual)) {
                String prefix = host + "/";
                boolean before = actual.keySet().stream().anyMatch(p -> p.startsWith(prefix));
                boolean after = expected.keySet().stream().anyMatch(p -> p.startsWith(prefix));
                changes.add(HostChange.of(host, diff.of(host),
                        old.map(m -> m.hosts().get(host)).orElse(null), now.get(host), before, after,
                        HostChange.setupCommandsChanged(host, expected, actual)));
            }
            Contents contents = showDiff ? new Contents(output, expected, actual, newPublicKeys(r)) : null;
            List<String> rotation = RotationSteps.lines(old.map(Manifest.Contents::hosts).orElse(new TreeMap<>()), now,
                    r.lock().pending(), o.source.toString());
            print(says, changes, diff, old.isPresent() || actual.isEmpty(), CompileEffects.missingKeys(r),
                    CompileEffects.lockChanges(r, o.lock()) ? o.lock() : null, contents, !actual.isEmpty(), rotation);
            return diff.isEmpty() ? Main.OK : Main.DIFFERS;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot read " + output + ": " + IoErrors.describe(e));
            return Main.INPUT_ERRORS;
        }
    }

    /**
     * @param contents what --diff shows, null without it
     * @param existed  whether DIR had files: only then is a file added at its root shown, like one added to an
     *                 existing host (a new output, like a new host, is a count of files)
     * @param rotation the lines of the key rotation section ({@link RotationSteps}), empty without one
     */
    private void print(PrintWriter says, List<HostChange> changes, TreeDiff diff, boolean summaries,
                       List<String> missingKeys, Path staleLock, Contents contents, boolean existed, List<String> rotation) {
        Map<HostChange.Kind, List<String>> byKind = new EnumMap<>(HostChange.Kind.class);
        for (HostChange c : changes) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.host());
        }
        if (diff.isEmpty()) {
            says.println("no changes: " + output + " is what " + options.source + " compiles to ("
                    + changes.size() + " hosts)");
        } else {
            List<String> counts = new ArrayList<>();
            for (HostChange.Kind k : HostChange.Kind.values()) {
                int n = byKind.getOrDefault(k, List.of()).size();
                if (n > 0) {
                    counts.add(n + " " + k.label());
                }
            }
            says.println("plan for " + output + ": " + String.join(", ", counts));
            if (!summaries) {
                says.println("note: " + output + " has no manifest.json of this vpnc: file changes only, "
                        + "and any change to up.sh counts as disruptive");
            }
        }
        for (HostChange c : changes) {
            if (c.kind() == HostChange.Kind.UNCHANGED) {
                continue;
            }
            says.println();
            says.println(symbol(c.kind()) + " " + c.host() + ": " + c.kind().label());
            for (String w : c.words()) {
                says.println("    " + w);
            }
            for (String w : c.why()) {
                says.println("    disruptive: " + w);
            }
            if (c.kind() == HostChange.Kind.ADDED || c.kind() == HostChange.Kind.REMOVED) {
                int n = c.files().size();
                says.println("    " + n + (n == 1 ? " file " : " files ") + (c.kind() == HostChange.Kind.ADDED ? "added" : "removed"));
            } else {
                files(says, c.files(), contents);
            }
        }
        TreeDiff root = diff.of(null);
        if (!root.isEmpty()) {
            says.println();
            says.println("~ root of " + output + ":");
            files(says, root, existed ? contents : null);
        }
        if (!missingKeys.isEmpty()) {
            says.println();
            says.println("keys compile will create (the files holding their public keys differ on every plan until then):");
            missingKeys.forEach(k -> says.println("    " + k));
        }
        if (staleLock != null) {
            says.println();
            says.println("lock: compile will update " + staleLock);
        }
        printRotation(says, rotation);
        if (byKind.containsKey(HostChange.Kind.UNCHANGED) && !diff.isEmpty()) {
            says.println();
            says.println("= unchanged: " + String.join(", ", byKind.get(HostChange.Kind.UNCHANGED)));
        }
        if (!diff.isEmpty()) {
            says.println();
            says.println("hitless: apply with `wg syncconf` (up.sh's sync_tunnel) and `birdc configure`; "
                    + "disruptive: run up.sh again (an interface or the namespace is created, removed or renumbered)");
        }
    }

    /** The "key rotation" section: what reload.sh drains where, and what waits for `--continue`. */
    private static void printRotation(PrintWriter says, List<String> steps) {
        if (steps.isEmpty()) {
            return;
        }
        says.println();
        says.println("key rotation: reload.sh on each host drains the BGP sessions of the tunnels whose keys change, "
                + "switches the keys and lets the sessions come back once both ends have switched; deploy order does not matter");
        steps.forEach(line -> says.println("    " + line));
    }

    /** The file changes of a host (or the root) that exists on both sides; with contents, the diff under each file. */
    private static void files(PrintWriter says, TreeDiff d, Contents contents) {
        for (String p : d.added()) {
            says.println("    + " + p);
            if (contents != null) {
                show(says, contents.added(p));
            }
        }
        // Named only, never shown: a file compile would remove is whatever the user put in DIR.
        d.removed().forEach(p -> says.println("    - " + p));
        for (TreeDiff.Change c : d.changed()) {
            boolean content = c.why().equals("content differs");
            says.println("    ~ " + c.path() + (content ? "" : " (" + c.why() + ")"));
            // Another kind of entry or a mode is said in the line above: no text to compare.
            if (contents != null && content) {
                show(says, contents.changed(c.path()));
            }
        }
    }

    private static void show(PrintWriter says, FileDiff.Shown shown) {
        if (shown instanceof FileDiff.Lines l) {
            l.lines().forEach(line -> says.println("        " + line));
        } else if (shown instanceof FileDiff.Note n) {
            says.println("        " + n.text());
        }
    }

    /**
     * The two sides of each file for --diff: DIR's files (named {@code DIR/PATH}) and the compiled
     * ones (named {@code compiled/PATH}), in which {@code newKeys} are replaced.
     */
    private record Contents(Path output, SortedMap<String, String> expected,
                            SortedMap<String, OutputTree.Found> actual, Map<String, String> newKeys) {
        /** manifest.json is left out: hashes of the files shown, which vary with keys not made yet. */
        private static final FileDiff.Note MANIFEST = new FileDiff.Note("hashes and summaries of the files above: not shown");

        FileDiff.Shown added(String path) {
            return path.equals(Manifest.FILE_NAME) ? MANIFEST : FileDiff.added(COMPILED + path, compiled(path));
        }

        FileDiff.Shown changed(String path) {
            return path.equals(Manifest.FILE_NAME) ? MANIFEST
                    : FileDiff.changed(output.resolve(path).toString(), actual.get(path), COMPILED + path, compiled(path));
        }

        private String compiled(String path) {
            String text = expected.get(path);
            if (path.endsWith("/status.sh") && !newKeys.isEmpty()) {
                text = statusHashes(path, text, expected, newKeys.keySet());
            }
            for (Map.Entry<String, String> k : newKeys.entrySet()) {
                text = text.replace(k.getKey(), k.getValue());
            }
            return text;
        }
    }

    private static final String COMPILED = "compiled/";

    /**
     * status.sh holds the SHA-256 of its host's other files: those of files with a key compile has
     * not made yet vary from run to run like the key, and are named instead.
     */
    private static String statusHashes(String path, String text, SortedMap<String, String> expected, Set<String> newKeys) {
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        for (Map.Entry<String, String> f : expected.subMap(dir, dir + Character.MAX_VALUE).entrySet()) {
            if (newKeys.stream().anyMatch(f.getValue()::contains)) {
                text = text.replace(Manifest.sha256(f.getValue().getBytes(StandardCharsets.UTF_8)),
                        "<sha256 of " + f.getKey().substring(dir.length()) + ": compile creates a key in it>");
            }
        }
        return text;
    }

    /**
     * The public keys of the hosts whose private key compile would create, each to a placeholder:
     * until then a run makes a throwaway key, a different one each time, which a diff would show
     * as a value to deploy.
     */
    private static Map<String, String> newPublicKeys(Pipeline.Result r) {
        Map<String, String> keys = new TreeMap<>();
        for (Map.Entry<Path, byte[]> f : r.newKeys().files().entrySet()) {
            Path file = f.getKey();
            if (file.getFileName().toString().equals("private.key") && file.getParent() != null) {
                keys.put(KeyStore.publicKeyOf(f.getValue()),
                        "<public key of " + file.getParent().getFileName() + ": compile creates it>");
            }
        }
        return keys;
    }

    private static String symbol(HostChange.Kind k) {
        return switch (k) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case DISRUPTIVE -> "!";
            default -> "~";
        };
    }
}
