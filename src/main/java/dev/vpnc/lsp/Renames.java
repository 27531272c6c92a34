package dev.vpnc.lsp;

import dev.vpnc.resolve.Stdlib;
import dev.vpnc.syntax.Vocabulary;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Renaming a profile, site, gateway or router: every occurrence in every file that sees it
 * ({@link CrossFile}), or a refusal the editor shows as is. Refused rather than half-done, since
 * a rename that leaves the network not compiling (a keyword, a clash, a stdlib name) is worse
 * than none.
 */
final class Renames {
    private Renames() {
    }

    /** Whether the name under the cursor can be renamed; throws the reason if not. */
    static void checkRenameable(List<Symbols> loads, Symbols.Occurrence o) {
        var declaration = loads.stream().flatMap(s -> s.occurrencesOf(o).stream())
                .filter(Symbols.Occurrence::isDeclaration).findFirst();
        if (declaration.isEmpty()) {
            throw refused(ResponseErrorCode.RequestFailed, "`" + o.name().text() + "` is not declared anywhere: nothing to rename");
        }
        if (Stdlib.isStdlib(declaration.get().name().span().file())) {
            throw refused(ResponseErrorCode.RequestFailed, "`" + o.name().text() + "` is declared in vpnc's stdlib ("
                    + declaration.get().name().span().file().displayName() + "), which no file can change");
        }
    }

    /** The occurrences to replace by {@code newName}, after the checks. */
    static List<Symbols.Occurrence> occurrences(List<Symbols> loads, Symbols.Occurrence o, String newName) {
        checkRenameable(loads, o);
        if (!Vocabulary.isName(newName)) {
            throw refused(ResponseErrorCode.InvalidParams, "`" + newName + "` is not a name: a name starts with a letter or `_`,"
                    + " goes on with letters, digits, `_` and `-`, and is not a keyword");
        }
        if (newName.equals(o.name().text())) {
            return List.of();
        }
        if (loads.stream().anyMatch(s -> s.declaredAlike(o, newName))) {
            // Profiles, sites, gateways and routers share one name space (E0104 "declared twice").
            throw refused(ResponseErrorCode.InvalidParams, "`" + newName + "` is already declared: profiles, sites,"
                    + " gateways and routers share one name space");
        }
        return References.of(loads, o, true);
    }

    static ResponseErrorException refused(ResponseErrorCode code, String message) {
        return new ResponseErrorException(new ResponseError(code, message, null));
    }
}
