package dev.vpnc.syntax;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.syntax.antlr.VpnLexer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * What may be typed at a cursor, as the grammar says, for an editor's completion: the kinds of
 * thing expected there (several at once: after {@code gateway g} come {@code uses}, a body or the
 * site's next statement) and the part of the word already typed. No expectation means nothing to
 * offer: a number, an address, a new name, a comment.
 *
 * @param expectations what the grammar accepts at the cursor
 * @param prefix       the word being typed, up to the cursor ({@code ed}, {@code std.ti}, {@code "com})
 * @param prefixStart  the offset where that word starts
 * @param replaceEnd   where a completion's text ends: the cursor, or just after it when the editor
 *                     closed the quote of a string being typed
 */
public record CompletionContext(List<Expectation> expectations, String prefix, int prefixStart, int replaceEnd) {

    public CompletionContext {
        expectations = List.copyOf(expectations);
    }

    /** One kind of thing the grammar accepts at the cursor. */
    public sealed interface Expectation
            permits TopLevel, StatementStart, SubSetting, Keywords, ProfileName, ImportTarget, MeshEnd, HubSite,
            BirdVersion {
    }

    /** A declaration at the top level of a file: {@code import} (before any declaration), {@code network}, ... */
    public record TopLevel(List<String> keywords) implements Expectation {
        public TopLevel {
            keywords = List.copyOf(keywords);
        }
    }

    /**
     * The first word of a statement in a block of kind {@code block}: what the grammar accepts
     * there, before the language's rule of which settings each block may hold ({@code Key}).
     */
    public record StatementStart(BlockKind block, List<String> keywords) implements Expectation {
        public StatementStart {
            keywords = List.copyOf(keywords);
        }
    }

    /** A setting inside {@code wireguard { }} (or bgp, bfd, ospf, probe), itself in a block of kind {@code block}. */
    public record SubSetting(BlockKind block, Group group, List<String> keywords) implements Expectation {
        public SubSetting {
            keywords = List.copyOf(keywords);
        }
    }

    /** Other words the grammar accepts: {@code uses} after a name, the value words after a setting. */
    public record Keywords(List<String> keywords) implements Expectation {
        public Keywords {
            keywords = List.copyOf(keywords);
        }
    }

    /** A profile's name in a {@code uses} list; {@code declaring} is the profile whose body or header it is in. */
    public record ProfileName(Optional<String> declaring) implements Expectation {
    }

    /** What follows {@code import}: a stdlib module or a quoted file name. */
    public record ImportTarget() implements Expectation {
    }

    /** One end of a mesh link ({@code a <-> b}): a site or a gateway. */
    public record MeshEnd() implements Expectation {
    }

    /** A hub after {@code mesh hubs}: a site. */
    public record HubSite() implements Expectation {
    }

    /** The number after {@code bird}. */
    public record BirdVersion() implements Expectation {
    }

    /** The settings written as a block of sub-settings: {@code wireguard { mtu 1420 }}. */
    public enum Group {
        WIREGUARD, BGP, BFD, OSPF, PROBE;

        /** The block's keyword, as written. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What may be typed at {@code cursor} (an offset, clamped to the text) in {@code text}. */
    public static CompletionContext at(String text, int cursor) {
        int end = Math.max(0, Math.min(cursor, text.length()));
        Token last = lastToken(text.substring(0, end));
        if (last != null && last.getStopIndex() + 1 == end && last.getType() == VpnLexer.COMMENT) {
            return new CompletionContext(List.of(), "", end, end);
        }
        int start = end;
        int replaceEnd = end;
        if (last != null && last.getStopIndex() + 1 == end
                && (last.getType() == VpnLexer.STRING || last.getType() == VpnLexer.UNTERMINATED_STRING)) {
            start = last.getStartIndex();
            if (last.getType() == VpnLexer.UNTERMINATED_STRING && end < text.length() && text.charAt(end) == '"') {
                replaceEnd = end + 1;
            }
        } else {
            while (start > 0 && isWordChar(text.charAt(start - 1))) {
                start--;
            }
        }
        List<Expectation> expected = CursorProbe.at(text.substring(0, start)).map(CursorExpectations::of).orElse(List.of());
        return new CompletionContext(expected, text.substring(start, end), start, replaceEnd);
    }

    /**
     * Characters of the word being typed: those of names, numbers, durations and dotted names
     * ({@code std.timers}, {@code 1.6}), and of addresses and prefixes, so that a half-typed
     * address is taken whole and gets nothing rather than what would follow its first half.
     */
    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    }

    /** The last token of a text, on any channel (a comment, a string still open), or null. */
    private static Token lastToken(String text) {
        VpnLexer lexer = new VpnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token last = null;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            last = t;
        }
        return last;
    }
}
