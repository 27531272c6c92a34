package dev.vpnc.cli;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.compiler.VpncVersion;
import dev.vpnc.review.HostSummary;
import dev.vpnc.review.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything {@code vpnc compile} would write for a successful {@link Pipeline.Result}: the
 * output tree (rendered files, marker, manifest), the lock file and the keys it would create.
 * {@code compile} writes them; {@code compile --check} and {@code plan} only compare them.
 */
final class CompileEffects {
    private CompileEffects() {
    }

    /** The complete output directory: relative path to content, manifest.json included. */
    static SortedMap<String, String> tree(Pipeline.Result r) {
        SortedMap<String, String> all = new TreeMap<>(r.files());
        all.put(OutputWriter.MARKER, OutputWriter.MARKER_TEXT);
        all.put(Manifest.FILE_NAME, Manifest.render(r.plan().network(), VpncVersion.version(), all, HostSummary.of(r.plan())));
        return all;
    }

    /**
     * Key files compile would create (relative to the key store): the keys the run had to make
     * in memory. A run without them renders throwaway public keys, so whatever holds one cannot match.
     */
    static List<String> missingKeys(Pipeline.Result r) {
        Path root = r.newKeys().root();
        return r.newKeys().files().keySet().stream().map(f -> root.relativize(f).toString()).toList();
    }

    /** Whether compile would rewrite the lock file (new or freed allocations). */
    static boolean lockChanges(Pipeline.Result r, Path lockFile) throws IOException {
        return !Files.isRegularFile(lockFile)
                || !Files.readString(lockFile, StandardCharsets.UTF_8).equals(r.lock().render());
    }
}
