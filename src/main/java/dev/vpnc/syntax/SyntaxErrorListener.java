package dev.vpnc.syntax;

import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SyntaxMessages;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
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
        diagnostics.add(diagnostic(dev.vpnc.syntax.Parser.span(source, token), token, expected, Expectations.describe(expected)));
    }

    /** {@code wanted}: the expected tokens in words. */
    private static Diagnostic.Builder diagnostic(Span at, Token token, IntervalSet expected, String wanted) {
        if (Expectations.isKeyword(token.getType()) && expected.contains(VpnLexer.NAME)) {
            return SyntaxMessages.keywordAsName(at, wanted, token.getText());
        }
        if (token.getType() == Token.EOF) {
            return expected.contains(VpnLexer.RBRACE) ? SyntaxMessages.unclosedBlock(at, wanted)
                    : SyntaxMessages.unexpectedEnd(at, wanted);
        }
        return SyntaxMessages.unexpectedToken(at, wanted, token.getText());
    }
}
