package dev.vpnc.lsp;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.resolve.Loader;
import dev.vpnc.resolve.SourceReader;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loads a buffer takes part in, for references and renames across files: the buffer with
 * what it imports, and every workspace file that imports the buffer (directly or through another
 * file) with what that file imports. A profile declared in `common.vpn` is used by the files that
 * import it, which `common.vpn`'s own load does not see. Only parsing: no plan, no keys.
 */
final class CrossFile {
    private CrossFile() {
    }

    /**
     * @param open the open buffers' texts, by absolute path: read instead of the disk, since the
     *             edits a rename returns are applied to what the editor holds
     */
    static List<Symbols> loadsWith(Analysis a, List<Path> workspaceFiles, Map<Path, String> open) {
        Path self = file(a.source());
        Map<Path, String> unsaved = Documents.byRealPath(open);
        List<Symbols> loads = new ArrayList<>();
        loads.add(a.symbols());
        for (Path f : workspaceFiles) {
            Path file = f.toAbsolutePath().normalize();
            if (file.equals(self)) {
                continue;
            }
            Path dir = Loader.sourceDir(file);
            SourceReader reader = SourceReader.of(dir, List.of(), dir.resolve(KeyStore.DIR_NAME)).withUnsaved(unsaved);
            Diagnostics ignored = new Diagnostics();
            String text = open.get(file);
            Loader.Loaded loaded = text != null
                    ? Loader.loadAll(new SourceFile(file.toString(), text), dir, reader, ignored)
                    : Loader.loadAll(file, reader, ignored);
            if (loaded.files().stream().skip(1).anyMatch(x -> file(x.source()).equals(self))) {
                loads.add(Symbols.of(loaded.files()));
            }
        }
        return loads;
    }

    /** The absolute path a source file stands for (stdlib modules give a path that is never a workspace file). */
    static Path file(SourceFile source) {
        return Path.of(source.displayName()).toAbsolutePath().normalize();
    }
}
