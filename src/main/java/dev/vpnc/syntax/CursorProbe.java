package dev.vpnc.syntax;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.antlr.VpnParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserInterpreter;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Asks the generated parser what it expects where a text ends: the text before the cursor is
 * parsed as a whole file, and the first time the parser stands at the end of input (a loop or
 * option deciding, a token to match, a failed prediction) its expected tokens and rule context
 * are kept. Being the grammar's own answer, it cannot drift from the grammar.
 */
final class CursorProbe {
    /** The tokens the grammar accepts at the end of the text, and the innermost rule open there. */
    record Found(IntervalSet expected, ParserRuleContext context) {
    }

    private CursorProbe() {
    }

    /**
     * What is expected where {@code textBeforeCursor} ends; empty when the parser never decided
     * there (it dropped a stray word just before, as after {@code site a {} import}).
     */
    static Optional<Found> at(String textBeforeCursor) {
        // Lexed as the compiler lexes (bad characters hidden); the diagnostics are not wanted here.
        CommonTokenStream tokens = dev.vpnc.syntax.Parser.tokens(new SourceFile("<completion>", textBeforeCursor),
                new Diagnostics());
        VpnParser parser = new VpnParser(tokens);
        parser.removeErrorListeners(); // nothing to the console; the errors are the user's unfinished typing
        AtEnd atEnd = new AtEnd();
        parser.setErrorHandler(atEnd);
        parser.file();
        return Optional.ofNullable(atEnd.found);
    }

    /** The error strategy of a normal parse, noting what is expected the first time input runs out. */
    private static final class AtEnd extends DefaultErrorStrategy {
        private Found found;

        @Override
        public void sync(Parser recognizer) throws RecognitionException {
            if (recognizer.getInputStream().LA(1) == Token.EOF) {
                keep(recognizer.getExpectedTokens(), recognizer.getContext());
            }
            super.sync(recognizer);
        }

        @Override
        public Token recoverInline(Parser recognizer) throws RecognitionException {
            if (recognizer.getInputStream().LA(1) == Token.EOF) {
                keep(recognizer.getExpectedTokens(), recognizer.getContext());
            }
            return super.recoverInline(recognizer);
        }

        @Override
        public void reportError(Parser recognizer, RecognitionException e) {
            if (found == null && e instanceof NoViableAltException n && n.getOffendingToken().getType() == Token.EOF
                    && n.getStartToken().getType() != Token.EOF) {
                // `mesh|`, `bfd|`, `import|`: alternatives that share their first word, so the
                // prediction needed the word after it and met the end. The expected set of the
                // decision would be the first words again; ask the rule what may follow instead.
                keep(afterStart((ParserRuleContext) e.getCtx(), recognizer, n.getStartToken()), (ParserRuleContext) e.getCtx());
            } else if (e.getOffendingToken() != null && e.getOffendingToken().getType() == Token.EOF) {
                keep(e.getExpectedTokens(), (ParserRuleContext) e.getCtx());
            }
            super.reportError(recognizer, e);
        }

        private void keep(IntervalSet expected, ParserRuleContext context) {
            if (found == null && expected != null && context != null) {
                found = new Found(expected, context);
            }
        }
    }

    /**
     * The token types that may follow the tokens from {@code start} to the end, in a rule whose
     * prediction ran out of input: each type is tried in turn after them, parsing that rule alone
     * with the grammar's interpreter; a type is accepted when the parse fails later than it, or
     * not at all. Only a word or two are parsed per try.
     */
    private static IntervalSet afterStart(ParserRuleContext rule, Parser recognizer, Token start) {
        List<Token> typed = new ArrayList<>();
        for (int i = start.getTokenIndex(); i < recognizer.getInputStream().size(); i++) {
            Token t = recognizer.getInputStream().get(i);
            if (t.getType() != Token.EOF && t.getChannel() == Token.DEFAULT_CHANNEL) {
                typed.add(new CommonToken(t)); // a copy: the trial streams renumber their tokens
            }
        }
        ParserInterpreter interpreter = new ParserInterpreter(recognizer.getGrammarFileName(), recognizer.getVocabulary(),
                Arrays.asList(recognizer.getRuleNames()), recognizer.getATN(), new CommonTokenStream(new ListTokenSource(List.of())));
        interpreter.removeErrorListeners();
        // The first error ends a try (no recovery: the tried token has no source to conjure others from).
        interpreter.setErrorHandler(new BailErrorStrategy());
        IntervalSet accepted = new IntervalSet();
        for (int type = 1; type <= recognizer.getVocabulary().getMaxTokenType(); type++) {
            List<Token> trial = new ArrayList<>(typed);
            trial.add(new CommonToken(type, "?"));
            interpreter.setTokenStream(new CommonTokenStream(new ListTokenSource(trial)));
            try {
                interpreter.parse(rule.getRuleIndex());
                accepted.add(type);
            } catch (ParseCancellationException failed) {
                if (failed.getCause() instanceof RecognitionException e && e.getOffendingToken() != null
                        && e.getOffendingToken().getTokenIndex() > typed.size()) {
                    accepted.add(type);
                }
            }
        }
        return accepted;
    }
}
