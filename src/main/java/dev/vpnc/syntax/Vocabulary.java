package dev.vpnc.syntax;

import dev.vpnc.syntax.antlr.VpnLexer;
import java.util.ArrayList;
import java.util.List;

/** The keywords of the language, read from the generated lexer (so they cannot drift). */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (int t = 1; t <= VpnLexer.VOCABULARY.getMaxTokenType(); t++) {
            if (Expectations.isKeyword(t)) {
                String literal = VpnLexer.VOCABULARY.getLiteralName(t);
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        out.sort(null);
        return out;
    }
}
