package dev.vpnc.cli;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.io.IoErrors;
import dev.vpnc.io.SafeFiles;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.SourceReader;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.Formatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Rewrite .vpn files in the canonical layout (comments kept). With --check, change nothing "
                + "and exit 10 when a file is not formatted (for CI), as `compile --check` does. FILE `-` reads "
                + "standard input and writes the formatted text to standard output (for editors).")
final class FmtCommand implements Callable<Integer> {
    /** The name `-` stands for standard input, and the name diagnostics give it. */
    private static final String STDIN = "-";
    private static final String STDIN_SHOWN = "<stdin>";

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".vpn files, or - for standard input")
    List<Path> files;

    @Option(names = "--check", description = "report files that are not formatted; write nothing")
    boolean check;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int status = Main.OK;
        for (Path file : files) {
            if (file.toString().equals(STDIN)) {
                status = worst(status, standardInput(out, err));
                continue;
            }
            Diagnostics diagnostics = new Diagnostics();
            // The compiler's rules: a .vpn regular file, never in the key store; its text is shown
            // in diagnostics only then.
            Path dir = Loader.sourceDir(file);
            SourceReader.Read read = SourceReader.of(dir, List.of(), dir.resolve(KeyStore.DIR_NAME)).root(file);
            if (read instanceof SourceReader.Refused refused) {
                diagnostics.add(Loader.rootRefusal(refused, file));
                CommonOptions.report(diagnostics, err);
                status = worst(status, Main.INPUT_ERRORS);
                continue;
            }
            SourceReader.Text source = (SourceReader.Text) read;
            String text = source.source().text();
            Optional<String> formatted = Formatter.format(source.source(), diagnostics);
            if (formatted.isEmpty()) {
                CommonOptions.report(diagnostics, err);
                status = worst(status, Main.INPUT_ERRORS);
                continue;
            }
            if (formatted.get().equals(text)) {
                continue;
            }
            if (check) {
                out.println("not formatted: " + file);
                status = worst(status, Main.DIFFERS);
                continue;
            }
            try {
                rewrite(source.realPath(), formatted.get());
                out.println("formatted " + file);
            } catch (IOException e) {
                err.println("error: cannot write " + file + ": " + IoErrors.why(e));
                status = worst(status, Main.INPUT_ERRORS);
            }
        }
        return status;
    }

    /**
     * Formats standard input to standard output (the text unchanged when formatted); with
     * --check, prints nothing and says by the exit status whether it would change.
     */
    private int standardInput(PrintWriter out, PrintWriter err) {
        byte[] bytes;
        try {
            bytes = System.in.readNBytes(SourceReader.MAX_BYTES + 1);
        } catch (IOException e) {
            err.println("error: cannot read standard input: " + IoErrors.why(e));
            return Main.INPUT_ERRORS;
        }
        if (bytes.length > SourceReader.MAX_BYTES) {
            err.println("error: standard input is larger than " + (SourceReader.MAX_BYTES >> 20) + " MiB");
            return Main.INPUT_ERRORS;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.println("error: standard input is not UTF-8 text");
            return Main.INPUT_ERRORS;
        }
        Diagnostics diagnostics = new Diagnostics();
        Optional<String> formatted = Formatter.format(new SourceFile(STDIN_SHOWN, text), diagnostics);
        if (formatted.isEmpty()) {
            CommonOptions.report(diagnostics, err);
            return Main.INPUT_ERRORS;
        }
        if (check) {
            return formatted.get().equals(text) ? Main.OK : Main.DIFFERS;
        }
        out.print(formatted.get());
        out.flush();
        return Main.OK;
    }

    /** Errors in the input outrank differences: a run with both exits 1. */
    private static int worst(int a, int b) {
        if (a == Main.INPUT_ERRORS || b == Main.INPUT_ERRORS) {
            return Main.INPUT_ERRORS;
        }
        return Math.max(a, b);
    }

    /**
     * Replaces the file's text in one rename, keeping its mode. A symlinked source is written
     * through: {@code real} is the file it points to, which gets the new text; the link stays a link.
     */
    private static void rewrite(Path real, String text) throws IOException {
        Set<PosixFilePermission> mode = SafeFiles.posix(real) ? Files.getPosixFilePermissions(real) : SafeFiles.PUBLIC_FILE;
        SafeFiles.replace(real, text.getBytes(StandardCharsets.UTF_8), mode);
    }
}
