package dev.vpnc.diag.messages;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.source.Span;
import java.util.Locale;

/**
 * The texts of the syntax diagnostics (E00xx). {@code wanted} is what the parser expected, in words
 * ("a prefix such as 2001:db8::/64"); tokens are passed as written and made printable here.
 */
public final class SyntaxMessages {
    private SyntaxMessages() {
    }

    /** E0001: a token the grammar does not allow here. */
    public static Diagnostic.Builder unexpectedToken(Span at, String wanted, String token) {
        return syntaxError(at, wanted, "`" + printable(token) + "`");
    }

    /** E0001: a keyword where a name belongs. */
    public static Diagnostic.Builder keywordAsName(Span at, String wanted, String keyword) {
        return unexpectedToken(at, wanted, keyword)
                .help("`" + keyword + "` is a keyword and cannot be used as a name");
    }

    /** E0001: the file ends too early. */
    public static Diagnostic.Builder unexpectedEnd(Span at, String wanted) {
        return syntaxError(at, wanted, "the end of the file");
    }

    /** E0001: the file ends inside a block. */
    public static Diagnostic.Builder unclosedBlock(Span at, String wanted) {
        return unexpectedEnd(at, wanted).help("a block is not closed: add `}`");
    }

    private static Diagnostic.Builder syntaxError(Span at, String wanted, String found) {
        return Diagnostic.of(Code.E0001, at, "expected " + wanted + ", found " + found)
                .label("expected " + wanted);
    }

    /** E0002. */
    public static Diagnostic.Builder unterminatedString(Span at) {
        return Diagnostic.of(Code.E0002, at, "unterminated string")
                .label("this string has no closing `\"`");
    }

    /** E0003: one character the language does not use. */
    public static Diagnostic.Builder unexpectedCharacter(Span at, String character) {
        return Diagnostic.of(Code.E0003, at, "unexpected character `" + printable(character) + "`")
                .label("not part of the language");
    }

    /** E0003: a run of them (binary garbage, a pasted symbol), reported as one mistake. */
    public static Diagnostic.Builder unexpectedCharacters(Span at, String characters) {
        return Diagnostic.of(Code.E0003, at, "unexpected characters `" + printable(Diagnostic.shorten(characters)) + "`")
                .label("not part of the language");
    }

    /** The text with its control characters spelled out as code points. */
    private static String printable(String text) {
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
}
