package dev.vpnc.lsp;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.CompletionContext;
import dev.vpnc.syntax.Parser;
import java.util.List;

/**
 * The names completion offers where a profile, site or gateway is expected. The buffer's
 * analysis is of the text as typed, and a name missing at the cursor can cost more than its own
 * line: in {@code site x uses |} followed by {@code profile edge { ... }}, ANTLR's recovery takes
 * {@code edge} for the missing name and the profile's body for the site's, so {@code edge} is no
 * longer declared. The buffer is therefore read again as if a name were written at the cursor
 * (the salvage then keeps what follows), with the imported and stdlib files of the analysis.
 * This needs no memory of earlier analyses, so the names never lag behind the text.
 */
final class CompletionNames {
    /** Written where the name is being typed; a reference, never a declaration, so never offered. */
    private static final String PLACEHOLDER = "vpnc-completion-name";

    private CompletionNames() {
    }

    static Symbols of(Analysis analysis, CompletionContext context) {
        SourceFile buffer = analysis.source();
        String text = buffer.text();
        int wordEnd = context.prefixStart() + context.prefix().length();
        while (wordEnd < text.length() && isNameChar(text.charAt(wordEnd))) {
            wordEnd++; // the rest of a word the cursor is in: `ed|ge` is replaced whole
        }
        SourceFile patched = new SourceFile(buffer.displayName(),
                text.substring(0, context.prefixStart()) + " " + PLACEHOLDER + " " + text.substring(wordEnd));
        FileAst reread = Parser.parse(patched, new Diagnostics());
        List<FileAst> files = analysis.result().loaded().files().stream()
                .map(f -> f.source().displayName().equals(buffer.displayName()) ? reread : f)
                .toList();
        return Symbols.of(files);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
