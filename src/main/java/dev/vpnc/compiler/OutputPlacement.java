package dev.vpnc.compiler;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.io.SafeFiles;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E0323: the output folder is replaced whole on every compile, so it must not hold, or lie in,
 * anything vpnc reads: the key store (`--secrets out/secrets` would delete every key and make new
 * ones on each run), a source file or the lock file. Paths are compared canonically (symlinks in
 * their existing part resolved), so no spelling gets around it.
 */
final class OutputPlacement {
    private OutputPlacement() {
    }

    /** What compile reads, each with the words that name it. */
    private record Input(Path path, String what) {
    }

    /** The diagnostic when {@code output} overlaps an input; empty when it is a place of its own. */
    static Optional<Diagnostic> check(Path output, Path secrets, Path lockFile, List<FileAst> sources) {
        List<Input> inputs = new ArrayList<>();
        for (FileAst f : sources) {
            String name = f.source().displayName();
            if (!name.startsWith("<")) {
                inputs.add(new Input(Path.of(name), "the source file"));
            }
        }
        inputs.add(new Input(lockFile, "the lock file"));
        inputs.add(new Input(secrets, "the key store"));
        Path out = canonical(output);
        for (Input in : inputs) {
            Path p = canonical(in.path());
            String how = p.equals(out) ? "is" : p.startsWith(out) ? "holds" : out.startsWith(p) ? "is inside" : null;
            if (how != null) {
                String shown = output.toString();
                return Optional.of(Diagnostic.of(Code.E0323, new Span(new SourceFile(shown, ""), 0, 0),
                                "the output folder `" + shown + "` " + how + " " + in.what() + " `" + in.path() + "`")
                        .label("every compile replaces this folder whole")
                        .help("write the output to a folder of its own, e.g. `-o out/`, outside the key store, the sources "
                                + "and the lock file")
                        .build());
            }
        }
        return Optional.empty();
    }

    /** Canonical where the file system answers; as written otherwise (the write reports the problem). */
    private static Path canonical(Path p) {
        try {
            return SafeFiles.canonical(p);
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
