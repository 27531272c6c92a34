package dev.vpnc.lsp;

import java.util.List;

/**
 * Where a profile, site, gateway or router appears in one buffer: its declaration, `uses`, mesh
 * links and hubs. Occurrences in imported files are left out: the editor asked about this buffer.
 */
final class References {
    private References() {
    }

    static List<Symbols.Occurrence> inBuffer(Analysis a, Symbols.Occurrence o, boolean includeDeclaration) {
        String self = a.source().displayName();
        return a.symbols().occurrencesOf(o).stream()
                .filter(x -> x.name().span().file().displayName().equals(self))
                .filter(x -> includeDeclaration || !x.isDeclaration())
                .toList();
    }
}
