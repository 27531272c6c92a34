package dev.vpnc.lsp;

import java.util.List;

/** The language's keywords, for completion; the lexer is their source (see KeywordsTest). */
final class Keywords {
    private Keywords() {
    }

    static List<String> all() {
        return dev.vpnc.syntax.Vocabulary.keywords();
    }
}
