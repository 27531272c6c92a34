package dev.vpnc.cli;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.JsonRenderer;
import dev.vpnc.diag.Renderer;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The source file and where its lock file and key store live (beside it by default). */
final class CommonOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .vpn source file")
    Path source;

    @Option(names = "--secrets", paramLabel = "DIR",
            description = "key store folder (default: secrets/ beside FILE)")
    Path secrets;

    @Option(names = "--lock", paramLabel = "FILE",
            description = "lock file (default: vpnc.lock beside FILE)")
    Path lock;

    /** Imports stay in FILE's folder and below (the source tree) unless a folder is allowed here. */
    @Option(names = "--allow-imports", paramLabel = "DIR",
            description = "a folder outside FILE's own (its folder and below) that imports may reach; repeatable")
    List<Path> allowImports = new ArrayList<>();

    /** How diagnostics are printed. */
    enum Format { human, json }

    @Option(names = "--diagnostics", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default, on stderr) or json (on stdout, for editors and CI: "
                    + "code, severity, message, file, start and end line/column, labels, help)")
    Format format;

    Path dir() {
        Path parent = source.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    Path secrets() {
        return secrets != null ? secrets : relativeToSource(KeyStore.DIR_NAME);
    }

    Path lock() {
        return lock != null ? lock : relativeToSource(Lock.FILE_NAME);
    }

    /** Beside the source, keeping the path as relative as the user wrote it (messages stay short). */
    private Path relativeToSource(String name) {
        Path parent = source.getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    /** Prints the diagnostics; returns the stream for the rest of the command's messages. */
    PrintWriter report(Diagnostics diagnostics, PrintWriter out, PrintWriter err) {
        if (format == Format.json) {
            out.print(JsonRenderer.render(diagnostics.sorted()));
            out.flush();
            return err;
        }
        report(diagnostics, err);
        return out;
    }

    static void report(Diagnostics diagnostics, PrintWriter err) {
        err.print(Renderer.render(diagnostics.sorted()));
        if (diagnostics.dropped() > 0) {
            err.println("note: " + diagnostics.dropped() + " more diagnostics not shown (the first " + Diagnostics.LIMIT
                    + " errors and " + Diagnostics.LIMIT + " warnings are)");
        }
        long e = diagnostics.errorCount();
        long w = diagnostics.warningCount();
        if (e > 0) {
            err.println("error: " + e + " error" + (e == 1 ? "" : "s") + (w > 0 ? ", " + w + " warning" + (w == 1 ? "" : "s") : "")
                    + "; nothing was written");
        } else if (w > 0) {
            err.println("warning: " + w + " warning" + (w == 1 ? "" : "s"));
        }
        err.flush();
    }
}
