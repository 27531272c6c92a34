package dev.vpnc.syntax;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.antlr.VpnLexer;
import dev.vpnc.syntax.antlr.VpnParser;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The canonical layout of a .vpn file: two spaces per block level, one statement per line, a
 * block with at most one setting and no comment on one line ({@code { endpoint 2001:db8::1 }}),
 * comments kept where they were (own line, or at the end of a line), runs of blank lines folded
 * into one. The layout depends only on the tokens and comments, never on the input's spacing,
 * so formatting is idempotent. A file with syntax errors is not formatted.
 */
public final class Formatter {
    private static final String INDENT = "  ";

    private final List<Token> tokens;
    private final TreeSet<Integer> lineStarts = new TreeSet<>();
    private final Set<Integer> inlineOpen = new HashSet<>();
    private final Set<Integer> inlineClose = new HashSet<>();

    private Formatter(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The formatted text, or empty when the file has errors (reported in diagnostics). */
    public static Optional<String> format(SourceFile source, Diagnostics diagnostics) {
        Diagnostics own = new Diagnostics();
        Parser.parse(source, own);
        own.sorted().forEach(diagnostics::add);
        if (own.hasErrors()) {
            return Optional.empty();
        }
        VpnLexer lexer = new VpnLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        VpnParser parser = new VpnParser(stream);
        parser.removeErrorListeners();
        VpnParser.FileContext tree = parser.file();
        Formatter f = new Formatter(stream.getTokens());
        f.mark(tree);
        return Optional.of(f.print());
    }

    /** Finds where lines start, then which blocks stay on one line. */
    private void mark(ParseTree tree) {
        markLineStarts(tree);
        markInlineBlocks(tree);
    }

    private void markLineStarts(ParseTree node) {
        if (startsLine(node)) {
            lineStarts.add(((ParserRuleContext) node).getStart().getTokenIndex());
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            markLineStarts(node.getChild(i));
        }
    }

    private static boolean startsLine(ParseTree node) {
        return node instanceof VpnParser.ImportDeclContext || node instanceof VpnParser.DeclarationContext
                || node instanceof VpnParser.SettingContext || node instanceof VpnParser.WireguardSettingContext
                || node instanceof VpnParser.BgpSettingContext || node instanceof VpnParser.BfdSettingContext
                || node instanceof VpnParser.OspfSettingContext || node instanceof VpnParser.MeshLinkContext
                || node instanceof VpnParser.ProbeSettingContext
                // A setting statement starts where its setting does, which is marked already.
                || (node instanceof VpnParser.StatementContext && !(node instanceof VpnParser.SettingStmtContext));
    }

    private void markInlineBlocks(ParseTree node) {
        for (int i = 0; i < node.getChildCount(); i++) {
            ParseTree child = node.getChild(i);
            if (child instanceof TerminalNode t && t.getSymbol().getType() == VpnLexer.LBRACE) {
                TerminalNode close = matchingClose(node, i);
                if (close != null && inline(t.getSymbol(), close.getSymbol(), node)) {
                    inlineOpen.add(t.getSymbol().getTokenIndex());
                    inlineClose.add(close.getSymbol().getTokenIndex());
                }
            }
            markInlineBlocks(child);
        }
    }

    private static TerminalNode matchingClose(ParseTree parent, int openIndex) {
        // `{ ... }` is either children of one rule (bgp { ... }) or the whole `body` rule.
        for (int j = parent.getChildCount() - 1; j > openIndex; j--) {
            if (parent.getChild(j) instanceof TerminalNode c && c.getSymbol().getType() == VpnLexer.RBRACE) {
                return c;
            }
        }
        return null;
    }

    /** One line when the block holds at most one simple statement and no comment. */
    private boolean inline(Token open, Token close, ParseTree owner) {
        if (owner instanceof VpnParser.FileContext) {
            return false;
        }
        for (int i = open.getTokenIndex() + 1; i < close.getTokenIndex(); i++) {
            int type = tokens.get(i).getType();
            if (type == VpnLexer.COMMENT || type == VpnLexer.LBRACE) {
                return false;
            }
        }
        // Statements inside the braces: at most one line start after the opening brace.
        Integer first = lineStarts.higher(open.getTokenIndex());
        Integer second = first == null ? null : lineStarts.higher(first);
        return second == null || second >= close.getTokenIndex();
    }

    private String print() {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean lineOpen = false;     // something printed on the current line
        Token previous = null;
        int inlineDepth = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL && t.getType() != Token.EOF) {
                continue;
            }
            int index = t.getTokenIndex();
            List<Token> hidden = hiddenBefore(index);
            // Comments before this token: trailing (same line as the previous token) or own line.
            int newlinesBefore = 0;
            for (Token h : hidden) {
                if (h.getType() == VpnLexer.WS) {
                    newlinesBefore += (int) h.getText().chars().filter(c -> c == '\n').count();
                    continue;
                }
                if (newlinesBefore == 0 && lineOpen) {
                    out.append(TRAILING).append(h.getText().stripTrailing()).append('\n');
                    lineOpen = false;
                } else {
                    if (lineOpen) {
                        out.append('\n');
                        lineOpen = false;
                    }
                    if (newlinesBefore >= 2 && out.length() > 0 && !endsWithOpenBrace(out)) {
                        out.append('\n');
                    }
                    int level = t.getType() == VpnLexer.RBRACE ? depth - 1 : depth;
                    out.append(INDENT.repeat(Math.max(0, level))).append(h.getText().stripTrailing()).append('\n');
                }
                newlinesBefore = 0;
            }
            // Also after a file's leading comments (previous is still null there): a header stays
            // apart from the first declaration. At the very start of the file, out is empty.
            boolean blankLine = newlinesBefore >= 2;
            if (t.getType() == Token.EOF) {
                break;
            }
            boolean startsLine = inlineDepth == 0 && (lineStarts.contains(index) || t.getType() == VpnLexer.RBRACE);
            if (t.getType() == VpnLexer.RBRACE && inlineClose.contains(index)) {
                startsLine = false;
            }
            if (startsLine || !lineOpen && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
                if (lineOpen) {
                    out.append('\n');
                }
                if (t.getType() == VpnLexer.RBRACE) {
                    depth--;
                }
                if (blankLine && out.length() > 0 && !endsWithOpenBrace(out) && t.getType() != VpnLexer.RBRACE
                        && !endsWithBlankLine(out)) {
                    out.append('\n');
                }
                out.append(INDENT.repeat(Math.max(0, depth)));
            } else {
                if (t.getType() == VpnLexer.RBRACE) {
                    depth--;
                }
                if (previous != null && lineOpen && spaceBetween(previous, t)) {
                    out.append(' ');
                }
            }
            out.append(t.getText());
            lineOpen = true;
            if (t.getType() == VpnLexer.LBRACE) {
                depth++;
                if (inlineOpen.contains(index)) {
                    inlineDepth++;
                } else {
                    out.append('\n');
                    lineOpen = false;
                }
            } else if (t.getType() == VpnLexer.RBRACE && inlineClose.contains(index)) {
                inlineDepth--;
            }
            previous = t;
        }
        if (lineOpen) {
            out.append('\n');
        }
        return alignTrailingComments(out.toString());
    }

    /** Marks where a trailing comment starts while printing; replaced by alignment padding. */
    private static final char TRAILING = '\u0000';

    /**
     * Trailing comments of consecutive lines start in one column, two spaces after the longest
     * code among them (as gofmt does), so a column of comments stays a column.
     */
    private static String alignTrailingComments(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            int j = i;
            int width = 0;
            while (j < lines.length && lines[j].indexOf(TRAILING) >= 0) {
                width = Math.max(width, lines[j].indexOf(TRAILING));
                j++;
            }
            if (j == i) {
                out.append(lines[i]).append(i + 1 < lines.length ? "\n" : "");
                i++;
                continue;
            }
            for (int k = i; k < j; k++) {
                int at = lines[k].indexOf(TRAILING);
                out.append(lines[k], 0, at).append(" ".repeat(width - at + 2)).append(lines[k].substring(at + 1))
                        .append(k + 1 < lines.length ? "\n" : "");
            }
            i = j;
        }
        return out.toString();
    }

    private static boolean endsWithBlankLine(StringBuilder out) {
        return out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n';
    }

    private static boolean endsWithOpenBrace(StringBuilder out) {
        return out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '{';
    }

    private List<Token> hiddenBefore(int index) {
        int from = index;
        while (from > 0 && tokens.get(from - 1).getChannel() != Token.DEFAULT_CHANNEL) {
            from--;
        }
        return tokens.subList(from, index);
    }

    private static int newlines(List<Token> hidden) {
        int n = 0;
        for (Token h : hidden) {
            if (h.getType() == VpnLexer.WS) {
                n = Math.max(n, (int) h.getText().chars().filter(c -> c == '\n').count());
            } else {
                n = 0;
            }
        }
        return n;
    }

    private static boolean spaceBetween(Token a, Token b) {
        int x = a.getType();
        int y = b.getType();
        if (y == VpnLexer.COMMA || x == VpnLexer.DOT || y == VpnLexer.DOT || x == VpnLexer.DOTDOT || y == VpnLexer.DOTDOT) {
            return false;
        }
        return true;
    }
}
