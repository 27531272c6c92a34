package dev.vpnc.compiler;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.messages.StoreMessages;
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

    /** What compile reads, each with the message of an output folder that overlaps it. */
    private record Input(Path path, Overlapping message) {
    }

    /** One of the E0323 messages of {@link StoreMessages}. */
    private interface Overlapping {
        Diagnostic.Builder of(Span at, String output, StoreMessages.Overlap how, String input);
    }

    /** The diagnostic when {@code output} overlaps an input; empty when it is a place of its own. */
    static Optional<Diagnostic> check(Path output, Path secrets, Path lockFile, List<FileAst> sources) {
        List<Input> inputs = new ArrayList<>();
        for (FileAst f : sources) {
            String name = f.source().displayName();
            if (!name.startsWith("<")) {
                inputs.add(new Input(Path.of(name), StoreMessages::outputOverlapsSource));
            }
        }
        inputs.add(new Input(lockFile, StoreMessages::outputOverlapsLockFile));
        inputs.add(new Input(secrets, StoreMessages::outputOverlapsKeyStore));
        Path out = canonical(output);
        for (Input in : inputs) {
            Path p = canonical(in.path());
            StoreMessages.Overlap how = p.equals(out) ? StoreMessages.Overlap.SAME
                    : p.startsWith(out) ? StoreMessages.Overlap.HOLDS
                    : out.startsWith(p) ? StoreMessages.Overlap.INSIDE : null;
            if (how != null) {
                String shown = output.toString();
                return Optional.of(in.message().of(new Span(new SourceFile(shown, ""), 0, 0), shown, how, in.path().toString())
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
