package dev.vpnc.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The editors' keyword lists do not drift from the lexer: the keywords of grammar/VpnLexer.g4
 * (the rules whose body is one quoted word, {@code IMPORT : 'import' ;}) are exactly the
 * keywords of the TextMate grammar, of the Vim syntax, and of the keyword grammar test.
 */
class KeywordDriftTest {
    /** A lexer rule whose whole body is one quoted word. */
    private static final Pattern LEXER_KEYWORD =
            Pattern.compile("(?m)^\\s*[A-Z][A-Za-z0-9_]*\\s*:\\s*'([A-Za-z][A-Za-z0-9_]*)'\\s*;");

    /**
     * A keyword list of the TextMate grammar, as written in the JSON (no backslashes in it):
     * {@code (?<![A-Za-z0-9_-])(?:network|site|profile)(?![A-Za-z0-9_-])}.
     */
    private static final Pattern TEXTMATE_LIST = Pattern.compile(
            Pattern.quote("(?<![A-Za-z0-9_-])(?:") + "([A-Za-z0-9_|-]+)" + Pattern.quote(")(?![A-Za-z0-9_-])"));

    /** A keyword list of the Vim syntax: {@code \v[A-Za-z0-9_-]@<!(network|site)[A-Za-z0-9_-]@!}. */
    private static final Pattern VIM_LIST = Pattern.compile(
            Pattern.quote("[A-Za-z0-9_-]@<!(") + "([A-Za-z0-9_|-]+)" + Pattern.quote(")[A-Za-z0-9_-]@!"));

    /** {@code syn keyword vpnGroup word word}: not used today, but counted if someone adds one. */
    private static final Pattern VIM_SYN_KEYWORD =
            Pattern.compile("(?m)^\\s*syn(?:tax)?\\s+keyword\\s+\\w+((?:\\s+[A-Za-z0-9_-]+)+)\\s*$");

    @Test
    void textMateGrammarHasExactlyTheLexerKeywords() throws IOException {
        String grammar = read("editors/vscode/syntaxes/vpn.tmLanguage.json");
        assertSameKeywords("editors/vscode/syntaxes/vpn.tmLanguage.json", alternations(TEXTMATE_LIST, grammar));
    }

    @Test
    void vimSyntaxHasExactlyTheLexerKeywords() throws IOException {
        String syntax = read("editors/vim/syntax/vpn.vim");
        SortedSet<String> words = alternations(VIM_LIST, syntax);
        Matcher m = VIM_SYN_KEYWORD.matcher(syntax);
        while (m.find()) {
            for (String w : m.group(1).trim().split("\\s+")) {
                words.add(w);
            }
        }
        assertSameKeywords("editors/vim/syntax/vpn.vim", words);
    }

    /** Every keyword is tokenized by the grammar tests (each line of keywords.test.vpn asserts its scope). */
    @Test
    void keywordGrammarTestListsExactlyTheLexerKeywords() throws IOException {
        SortedSet<String> words = new TreeSet<>();
        for (String line : read("editors/vscode/test/keywords.test.vpn").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                words.add(line.trim());
            }
        }
        assertSameKeywords("editors/vscode/test/keywords.test.vpn", words);
    }

    @Test
    void lexerKeywordsAreFound() throws IOException {
        SortedSet<String> keywords = lexerKeywords();
        // Guards the extraction itself: a regex that silently matched nothing would make the
        // comparisons above vacuous.
        assertTrue(keywords.size() >= 30, keywords.toString());
        assertTrue(keywords.containsAll(List.of("import", "network", "site", "gateway", "router", "ipv6")),
                keywords.toString());
    }

    private static SortedSet<String> lexerKeywords() throws IOException {
        return alternations(LEXER_KEYWORD, read("grammar/VpnLexer.g4"));
    }

    private static SortedSet<String> alternations(Pattern pattern, String text) {
        SortedSet<String> words = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (String w : m.group(1).split("\\|")) {
                words.add(w);
            }
        }
        return words;
    }

    private static void assertSameKeywords(String file, SortedSet<String> editor) throws IOException {
        SortedSet<String> lexer = lexerKeywords();
        List<String> problems = new ArrayList<>();
        SortedSet<String> missing = new TreeSet<>(lexer);
        missing.removeAll(editor);
        SortedSet<String> extra = new TreeSet<>(editor);
        extra.removeAll(lexer);
        if (!missing.isEmpty()) {
            problems.add("keywords of grammar/VpnLexer.g4 missing from " + file + ": " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add("keywords in " + file + " that grammar/VpnLexer.g4 does not have: " + extra);
        }
        assertEquals(lexer, editor, String.join("; ", problems));
    }

    private static String read(String relative) throws IOException {
        Path p = Project.root().resolve(relative);
        return Files.readString(p);
    }
}
