package dev.vpnc.ast;

import dev.vpnc.source.SourceFile;
import java.util.List;

/** One parsed file: its imports and its declarations, in source order. */
public record FileAst(SourceFile source, List<Import> imports, List<Declaration> declarations) {
    public FileAst {
        imports = List.copyOf(imports);
        declarations = List.copyOf(declarations);
    }
}
