package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.Emitter;
import dev.vpnc.review.OutputTree;
import dev.vpnc.review.TreeDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code vpnc compile --check}: is DIR exactly what compile would write? For repositories that
 * commit their output and check it in CI. Writes nothing (no output, no keys, no lock); lists
 * every difference.
 */
final class OutputCheck {
    private OutputCheck() {
    }

    /** What --check found: the differences of DIR, the keys missing, whether the lock would change. */
    record Outcome(Path output, Path secrets, Path lockFile, int files, TreeDiff diff, List<String> keys, boolean lock) {
        boolean upToDate() {
            return diff.isEmpty() && keys.isEmpty() && !lock;
        }
    }

    /** Compares, printing nothing (the caller's progress line may still be on the screen). */
    static Outcome compare(Pipeline.Result r, Path output, Path secrets, Path lockFile) throws IOException {
        SortedMap<String, String> expected = CompileEffects.tree(r);
        SortedMap<String, OutputTree.Found> actual = OutputTree.read(output);
        TreeDiff diff = TreeDiff.compare(expected, actual, Emitter::isExecutable);
        return new Outcome(output, secrets, lockFile, expected.size(), diff, CompileEffects.missingKeys(r),
                CompileEffects.lockChanges(r, lockFile));
    }

    /** Lists every difference; when there is none, says so unless {@code quiet}. */
    static int print(Outcome found, PrintWriter says, boolean quiet) {
        Path output = found.output();
        Path secrets = found.secrets();
        Path lockFile = found.lockFile();
        TreeDiff diff = found.diff();
        List<String> keys = found.keys();
        boolean lock = found.lock();
        if (found.upToDate()) {
            if (!quiet) {
                says.println("ok: " + output + " is up to date (" + found.files() + " files)");
            }
            return Main.OK;
        }
        says.println(output + " is not what the source compiles to:");
        for (String p : diff.added()) {
            says.println("  missing  " + p);
        }
        for (String p : diff.removed()) {
            says.println("  extra    " + p);
        }
        for (TreeDiff.Change c : diff.changed()) {
            says.println("  differs  " + c.path() + (c.why().equals("content differs") ? "" : " (" + c.why() + ")"));
        }
        for (String k : keys) {
            says.println("  no key   " + secrets.resolve(k) + ": compile would create it (the output holds its public key"
                    + (k.endsWith(".psk") ? ", up.sh its name" : "") + "); --check needs the key store of the output it checks");
        }
        if (lock) {
            says.println("  lock     " + lockFile + " is out of date: compile would rewrite it");
        }
        says.println(diff.size() + (diff.size() == 1 ? " file differs" : " files differ")
                + (keys.isEmpty() ? "" : ", " + keys.size() + (keys.size() == 1 ? " key" : " keys") + " missing")
                + (lock ? ", lock out of date" : "")
                + "; run `vpnc compile` and commit the result (`vpnc plan` shows what changes)");
        return Main.DIFFERS;
    }
}
