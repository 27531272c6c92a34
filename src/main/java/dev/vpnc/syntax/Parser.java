package dev.vpnc.syntax;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.antlr.VpnLexer;
import dev.vpnc.syntax.antlr.VpnParser;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/** Parses one source file into an AST, reporting lexical and syntax errors as diagnostics. */
public final class Parser {
    private Parser() {
    }

    public static FileAst parse(SourceFile source, Diagnostics diagnostics) {
        VpnLexer lexer = new VpnLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        reportLexicalErrors(source, tokens, diagnostics);

        VpnParser parser = new VpnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrorListener listener = new SyntaxErrorListener(source, diagnostics);
        parser.addErrorListener(listener);
        VpnParser.FileContext tree = parser.file();
        return new AstBuilder(source).file(tree);
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
                diagnostics.add(Diagnostic.of(Code.E0003, run, last == i
                                ? "unexpected character `" + printable(text) + "`"
                                : "unexpected characters `" + printable(Diagnostic.shorten(text)) + "`")
                        .label("not part of the language"));
                i = last;
            } else if (t.getType() == VpnLexer.BRACKETED_ENDPOINT) {
                String text = t.getText();
                String inner = text.substring(1, text.indexOf(']'));
                diagnostics.add(Diagnostic.of(Code.E0201, span(source, t), "write the endpoint without brackets or port")
                        .label("write `" + inner + "`")
                        .help("vpnc writes `[address]:port` in the WireGuard files itself, with the port it allocates"));
                // Parse on as the bare address, so one mistake gives one diagnostic.
                ((CommonToken) t).setText(inner);
                ((CommonToken) t).setType(inner.contains(":") ? VpnLexer.IPV6_ADDR : VpnLexer.IPV4_ADDR);
            } else if (t.getType() == VpnLexer.UNTERMINATED_STRING) {
                diagnostics.add(Diagnostic.of(Code.E0002, span(source, t), "unterminated string")
                        .label("this string has no closing `\"`"));
                ((CommonToken) t).setType(VpnLexer.STRING);
            }
        }
    }

    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\u{%x}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    static Span span(SourceFile source, Token t) {
        int start = Math.max(0, t.getStartIndex());
        int end = t.getType() == Token.EOF ? start : t.getStopIndex() + 1;
        start = Math.min(start, source.text().length());
        end = Math.max(start, Math.min(end, source.text().length()));
        return new Span(source, start, end);
    }
}
