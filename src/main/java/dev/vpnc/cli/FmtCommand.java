package dev.vpnc.cli;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.io.SafeFiles;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.SourceReader;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.Formatter;
import java.io.IOException;
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
                + "and exit 1 when a file is not formatted (for CI).")
final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".vpn files")
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
            Diagnostics diagnostics = new Diagnostics();
            // The compiler's rules: a .vpn regular file, never in the key store; its text is shown
            // in diagnostics only then.
            Path dir = Loader.sourceDir(file);
            SourceReader.Read read = SourceReader.of(dir, List.of(), dir.resolve(KeyStore.DIR_NAME)).root(file);
            if (read instanceof SourceReader.Refused refused) {
                diagnostics.add(Loader.rootRefusal(refused, file));
                CommonOptions.report(diagnostics, err);
                status = Main.INPUT_ERRORS;
                continue;
            }
            SourceReader.Text source = (SourceReader.Text) read;
            String text = source.source().text();
            Optional<String> formatted = Formatter.format(source.source(), diagnostics);
            if (formatted.isEmpty()) {
                CommonOptions.report(diagnostics, err);
                status = Main.INPUT_ERRORS;
                continue;
            }
            if (formatted.get().equals(text)) {
                continue;
            }
            if (check) {
                out.println("not formatted: " + file);
                status = Main.INPUT_ERRORS;
                continue;
            }
            try {
                rewrite(source.realPath(), formatted.get());
                out.println("formatted " + file);
            } catch (IOException e) {
                err.println("error: cannot write " + file + ": " + e.getMessage());
                status = Main.INPUT_ERRORS;
            }
        }
        return status;
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
