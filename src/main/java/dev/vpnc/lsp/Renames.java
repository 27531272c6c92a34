package dev.vpnc.lsp;

import dev.vpnc.syntax.Vocabulary;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Renaming a profile, site, gateway or router: every occurrence in the buffer, or a refusal the
 * editor shows as is. Refused rather than half-done, since a rename that leaves the file not
 * compiling (a keyword, a clash, a declaration in another file) is worse than none.
 */
final class Renames {
    private Renames() {
    }

    /** Whether the name under the cursor can be renamed from this buffer; throws the reason if not. */
    static void checkRenameable(Analysis a, Symbols.Occurrence o) {
        var declaration = a.symbols().occurrencesOf(o).stream().filter(Symbols.Occurrence::isDeclaration).findFirst();
        if (declaration.isEmpty()) {
            throw refused(ResponseErrorCode.RequestFailed, "`" + o.name().text() + "` is not declared anywhere: nothing to rename");
        }
        String file = declaration.get().name().span().file().displayName();
        if (!file.equals(a.source().displayName())) {
            // Its other uses are in files this buffer cannot edit in one step.
            throw refused(ResponseErrorCode.RequestFailed, "`" + o.name().text() + "` is declared in " + file
                    + ", not in this file: rename it there");
        }
    }

    /** The edits renaming {@code o} to {@code newName} in this buffer. */
    static List<TextEdit> edits(Analysis a, Symbols.Occurrence o, String newName) {
        checkRenameable(a, o);
        if (!Vocabulary.isName(newName)) {
            throw refused(ResponseErrorCode.InvalidParams, "`" + newName + "` is not a name: a name starts with a letter or `_`,"
                    + " goes on with letters, digits, `_` and `-`, and is not a keyword");
        }
        if (newName.equals(o.name().text())) {
            return List.of();
        }
        if (a.symbols().declaredAlike(o, newName)) {
            throw refused(ResponseErrorCode.InvalidParams, "`" + newName + "` is already declared: the rename would merge two "
                    + (o.kind() == Symbols.Kind.PROFILE ? "profiles" : "sites, gateways or routers"));
        }
        return References.inBuffer(a, o, true).stream()
                .map(x -> new TextEdit(Documents.range(x.name().span()), newName))
                .toList();
    }

    static ResponseErrorException refused(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }
}
