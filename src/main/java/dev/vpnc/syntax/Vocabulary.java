package dev.vpnc.syntax;

import dev.vpnc.syntax.antlr.VpnLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/** The keywords of the language, read from the generated lexer (so they cannot drift). */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (int t = 1; t <= VpnLexer.VOCABULARY.getMaxTokenType(); t++) {
            if (Expectations.isKeyword(t)) {
                out.add(word(t));
            }
        }
        out.sort(null);
        return out;
    }

    /** A keyword's token type as written ({@code MESH}: {@code mesh}). */
    static String word(int keywordType) {
        String literal = VpnLexer.VOCABULARY.getLiteralName(keywordType);
        return literal.substring(1, literal.length() - 1);
    }

    /**
     * Whether {@code text} is, alone, one NAME token: what may name a site, gateway, router or
     * profile. Asked of the lexer itself so that keywords ("site", "mesh") and anything the
     * lexer would read as an address, a number or a duration are refused as it would refuse them.
     */
    public static boolean isName(String text) {
        VpnLexer lexer = new VpnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token first = lexer.nextToken();
        return first.getType() == VpnLexer.NAME && first.getText().equals(text)
                && lexer.nextToken().getType() == Token.EOF;
    }
}
