package dev.vpnc.syntax;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.antlr.VpnLexer;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Reports syntax errors in words: "expected a prefix such as 2001:db8::/64, found `eth0`".
 * One error per line at most: ANTLR's recovery can report the same mistake several times.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final Set<Integer> linesReported = new HashSet<>();

    SyntaxErrorListener(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col,
                            String antlrMessage, RecognitionException e) {
        if (!linesReported.add(line)) {
            return;
        }
        Token token = (Token) offending;
        IntervalSet expected = ((Parser) recognizer).getExpectedTokens();
        String found = token.getType() == Token.EOF
                ? "the end of the file"
                : "`" + dev.vpnc.syntax.Parser.printable(token.getText()) + "`";
        String wanted = Expectations.describe(expected);
        diagnostics.add(Diagnostic.of(Code.E0001, dev.vpnc.syntax.Parser.span(source, token),
                        "expected " + wanted + ", found " + found)
                .label("expected " + wanted)
                .help(help(token, expected)));
    }

    private static String help(Token token, IntervalSet expected) {
        if (Expectations.isKeyword(token.getType()) && expected.contains(VpnLexer.NAME)) {
            return "`" + token.getText() + "` is a keyword and cannot be used as a name";
        }
        if (token.getType() == Token.EOF && expected.contains(VpnLexer.RBRACE)) {
            return "a block is not closed: add `}`";
        }
        return Code.E0001.defaultHelp();
    }
}
