package dev.vpnc.syntax;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.SyntaxMessages;
import dev.vpnc.diag.messages.ValueMessages;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.antlr.VpnLexer;
import dev.vpnc.syntax.antlr.VpnParser;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/** Parses one source file into an AST, reporting lexical and syntax errors as diagnostics. */
public final class Parser {
    private Parser() {
    }

    public static FileAst parse(SourceFile source, Diagnostics diagnostics) {
        CommonTokenStream tokens = tokens(source, diagnostics);
        VpnParser parser = new VpnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrorListener listener = new SyntaxErrorListener(source, diagnostics);
        parser.addErrorListener(listener);
        VpnParser.FileContext tree = parser.file();
        return new AstBuilder(source).file(tree);
    }

    /** The tokens the parser reads (lexical errors reported and kept out of its way); also read by completion. */
    static CommonTokenStream tokens(SourceFile source, Diagnostics diagnostics) {
        VpnLexer lexer = new VpnLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        reportLexicalErrors(source, tokens, diagnostics);
        return tokens;
    }

    /**
     * Bad characters and unterminated strings are reported here, once, and then kept out of the
     * parser's way (hidden, or turned into a string) so they do not cascade into syntax errors.
     */
    private static void reportLexicalErrors(SourceFile source, CommonTokenStream tokens, Diagnostics diagnostics) {
        List<Token> all = tokens.getTokens();
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.getType() == VpnLexer.UNKNOWN_CHAR) {
                // A run of bad characters (binary garbage, a pasted symbol) is one mistake.
                int last = i;
                while (last + 1 < all.size() && all.get(last + 1).getType() == VpnLexer.UNKNOWN_CHAR
                        && all.get(last + 1).getStartIndex() == all.get(last).getStopIndex() + 1) {
                    ((CommonToken) all.get(++last)).setChannel(Token.HIDDEN_CHANNEL);
                }
                ((CommonToken) t).setChannel(Token.HIDDEN_CHANNEL);
                Span run = new Span(source, span(source, t).start(), span(source, all.get(last)).end());
                String text = source.text().substring(run.start(), run.end());
                diagnostics.add(last == i ? SyntaxMessages.unexpectedCharacter(run, text)
                        : SyntaxMessages.unexpectedCharacters(run, text));
                i = last;
            } else if (t.getType() == VpnLexer.BRACKETED_ENDPOINT) {
                String text = t.getText();
                String inner = text.substring(1, text.indexOf(']'));
                diagnostics.add(ValueMessages.bracketedEndpoint(span(source, t), inner));
                // Parse on as the bare address, so one mistake gives one diagnostic.
                ((CommonToken) t).setText(inner);
                ((CommonToken) t).setType(inner.contains(":") ? VpnLexer.IPV6_ADDR : VpnLexer.IPV4_ADDR);
            } else if (t.getType() == VpnLexer.UNTERMINATED_STRING) {
                diagnostics.add(SyntaxMessages.unterminatedString(span(source, t)));
                ((CommonToken) t).setType(VpnLexer.STRING);
            }
        }
    }

    static Span span(SourceFile source, Token t) {
        int start = Math.max(0, t.getStartIndex());
        int end = t.getType() == Token.EOF ? start : t.getStopIndex() + 1;
        start = Math.min(start, source.text().length());
        end = Math.max(start, Math.min(end, source.text().length()));
        return new Span(source, start, end);
    }
}
