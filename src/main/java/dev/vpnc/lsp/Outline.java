package dev.vpnc.lsp;

import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline of one buffer (textDocument/documentSymbol): its network, profiles and sites, each
 * site with its gateways and routers as children. Range is the whole block, so an editor can fold
 * and follow the cursor; selection range is the name, what the editor highlights and jumps to.
 *
 * <p>Kinds, chosen for the icons editors draw: the network is a Module (the one unit everything
 * else belongs to); a profile is a Class (a template whose settings are copied into whatever
 * `uses` it); a site is a Namespace (a named scope that holds hosts and gives them prefixes);
 * gateways and routers are Objects (concrete machines, instances rather than templates).
 */
final class Outline {
    private Outline() {
    }

    /** The outline of the analysed buffer; empty when it did not parse far enough to load. */
    static List<DocumentSymbol> of(Analysis a) {
        String self = a.source().displayName();
        List<DocumentSymbol> out = new ArrayList<>();
        for (FileAst f : a.result().loaded().files()) {
            if (!f.source().displayName().equals(self)) {
                continue; // imported files have their own outline
            }
            for (Declaration d : f.declarations()) {
                out.add(declaration(d));
            }
        }
        return out;
    }

    /** The symbol kind of a declaration, here and in workspace symbols. */
    static SymbolKind kind(Declaration d) {
        return switch (d.kind()) {
            case NETWORK -> SymbolKind.Module;
            case PROFILE -> SymbolKind.Class;
            default -> SymbolKind.Namespace;
        };
    }

    private static DocumentSymbol declaration(Declaration d) {
        DocumentSymbol s = new DocumentSymbol(d.name().text(), kind(d), Documents.range(d.span()),
                Documents.range(d.name().span()), d.kind().word());
        s.setChildren(hosts(d.body()));
        return s;
    }

    private static List<DocumentSymbol> hosts(List<Statement> body) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Statement st : body) {
            if (st instanceof Statement.Host h) {
                DocumentSymbol s = new DocumentSymbol(h.name().text(), SymbolKind.Object, Documents.range(h.span()),
                        Documents.range(h.name().span()), h.kind().word());
                s.setChildren(hosts(h.body()));
                out.add(s);
            }
        }
        return out;
    }
}
