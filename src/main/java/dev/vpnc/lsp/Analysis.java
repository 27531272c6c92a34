package dev.vpnc.lsp;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.Lock;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the compiler over an editor's buffer, in check mode (it writes nothing, not even
 * keys), with what the language features need: the diagnostics, the names, the plan.
 */
record Analysis(SourceFile source, Pipeline.Result result, Symbols symbols, SettingOrigins origins) {

    /** @param unsaved other open buffers, by real path: what an import reads instead of the disk */
    static Analysis of(Path file, String text, Map<Path, String> unsaved) {
        SourceFile source = new SourceFile(file.toString(), text);
        Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
        Pipeline.Result r = Pipeline.checkBuffer(source, dir, dir.resolve(KeyStore.DIR_NAME), dir.resolve(Lock.FILE_NAME), unsaved);
        return new Analysis(source, r, Symbols.of(r.loaded().files()), SettingOrigins.of(r.loaded().files()));
    }
}
