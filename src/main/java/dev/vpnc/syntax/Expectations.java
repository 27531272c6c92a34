package dev.vpnc.syntax;

import dev.vpnc.syntax.antlr.VpnLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's expected-token sets into words a network engineer reads without a grammar. */
final class Expectations {
    private Expectations() {
    }

    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(VpnLexer.NAME, "a name"),
            Map.entry(VpnLexer.NUMBER, "a number"),
            Map.entry(VpnLexer.DURATION, "a duration such as 3s or 100ms"),
            Map.entry(VpnLexer.IPV6_PREFIX, "a prefix such as 2001:db8::/64"),
            Map.entry(VpnLexer.IPV4_PREFIX, "a prefix such as 10.0.1.0/24"),
            Map.entry(VpnLexer.IPV6_ADDR, "an address such as 2001:db8::1"),
            Map.entry(VpnLexer.IPV4_ADDR, "an address such as 192.0.2.1"),
            Map.entry(VpnLexer.STRING, "a quoted string"),
            Map.entry(VpnLexer.LBRACE, "`{`"),
            Map.entry(VpnLexer.RBRACE, "`}`"),
            Map.entry(VpnLexer.COMMA, "`,`"),
            Map.entry(VpnLexer.DOTDOT, "`..`"),
            Map.entry(VpnLexer.LINK, "`<->`"),
            Map.entry(VpnLexer.DOT, "`.`"),
            Map.entry(Token.EOF, "the end of the file"));

    /** Words for one token type. */
    static String word(int type) {
        String w = WORDS.get(type);
        if (w != null) {
            return w;
        }
        String literal = VpnLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) {
            return "`" + literal.substring(1, literal.length() - 1) + "`";
        }
        return VpnLexer.VOCABULARY.getDisplayName(type);
    }

    /** "a name or `{`"; a long list of keywords is summarised as "a setting". */
    static String describe(IntervalSet expected) {
        List<Integer> types = expected.toList();
        boolean bothPrefixes = types.contains(VpnLexer.IPV6_PREFIX) && types.contains(VpnLexer.IPV4_PREFIX);
        long keywords = types.stream().filter(Expectations::isKeyword).count();
        Map<String, String> parts = new TreeMap<>();
        if (keywords > 4) {
            parts.put("0", "a setting or a `gateway`/`router`");
        }
        for (int t : types) {
            if (keywords > 4 && isKeyword(t)) {
                continue;
            }
            if (bothPrefixes && (t == VpnLexer.IPV4_PREFIX)) {
                continue;
            }
            String w = bothPrefixes && t == VpnLexer.IPV6_PREFIX
                    ? "a prefix such as 2001:db8::/64 or 10.0.1.0/24" : word(t);
            parts.put(sortKey(t) + w, w);
        }
        List<String> words = new ArrayList<>(parts.values());
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String sortKey(int type) {
        // Literals first, punctuation and end of file last, so messages read naturally.
        if (type == Token.EOF) {
            return "9";
        }
        return isKeyword(type) || WORDS.containsKey(type) && !WORDS.get(type).startsWith("`") ? "1" : "5";
    }

    static boolean isKeyword(int type) {
        String literal = VpnLexer.VOCABULARY.getLiteralName(type);
        return literal != null && Character.isLetter(literal.charAt(1));
    }
}
