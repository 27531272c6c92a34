package dev.vpnc.lsp;

import dev.vpnc.syntax.Vocabulary;
import java.util.List;

/** The language's keywords, for completion; the lexer is their source (see KeywordsTest). */
final class Keywords {
    private Keywords() {
    }

    static List<String> all() {
        return Vocabulary.keywords();
    }
}
