package dev.vpnc.lsp;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Key;
import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.resolve.Stdlib;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.CompletionContext;
import dev.vpnc.syntax.CompletionContext.BirdVersion;
import dev.vpnc.syntax.CompletionContext.Expectation;
import dev.vpnc.syntax.CompletionContext.HubSite;
import dev.vpnc.syntax.CompletionContext.ImportTarget;
import dev.vpnc.syntax.CompletionContext.Keywords;
import dev.vpnc.syntax.CompletionContext.MeshEnd;
import dev.vpnc.syntax.CompletionContext.ProfileName;
import dev.vpnc.syntax.CompletionContext.StatementStart;
import dev.vpnc.syntax.CompletionContext.SubSetting;
import dev.vpnc.syntax.CompletionContext.TopLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * textDocument/completion: what the grammar accepts at the cursor ({@link CompletionContext}),
 * made into items from the language's settings ({@link Key}, which block may hold which) and the
 * names in scope ({@link CompletionNames}), filtered by the word typed so far.
 */
final class Completions {
    private Completions() {
    }

    /** One item before it is placed: the text, what it is, and the line that says so. */
    private record Candidate(String label, CompletionItemKind kind, String detail) {
    }

    /** The items at the request's position in {@code analysis}, the buffer's (null if it is not open). */
    static Either<List<CompletionItem>, CompletionList> of(Analysis analysis, CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        Position position = params.getPosition();
        if (analysis == null) {
            return Either.forRight(new CompletionList(false, List.of()));
        }
        SourceFile source = analysis.source();
        CompletionContext context = CompletionContext.at(source.text(),
                Documents.offset(source, position));
        boolean namesWanted = context.expectations().stream()
                .anyMatch(e -> e instanceof ProfileName || e instanceof MeshEnd || e instanceof HubSite);
        Symbols names = namesWanted ? CompletionNames.of(analysis, context) : analysis.symbols();
        Map<String, Candidate> byLabel = new LinkedHashMap<>();
        for (Expectation e : context.expectations()) {
            for (Candidate c : candidates(e, names, uri)) {
                if (matches(c.label(), context.prefix())) {
                    byLabel.putIfAbsent(c.label(), c);
                }
            }
        }
        Range replaced = Documents.range(new Span(source, context.prefixStart(), context.replaceEnd()));
        List<CompletionItem> items = byLabel.values().stream()
                .sorted(Comparator.comparing((Candidate c) -> c.label().toLowerCase(Locale.ROOT)).thenComparing(Candidate::label))
                .map(c -> item(c, replaced))
                .toList();
        // Filtered by the typed prefix: a client must ask again when the word changes.
        return Either.forRight(new CompletionList(!context.prefix().isEmpty(), items));
    }

    private static CompletionItem item(Candidate c, Range replaced) {
        CompletionItem item = new CompletionItem(c.label());
        item.setKind(c.kind());
        item.setDetail(c.detail());
        // The server knows where the word starts (a quote, a dot, a dash included): replace it
        // with plain text, no snippet.
        item.setTextEdit(Either.forLeft(new TextEdit(replaced, c.label())));
        return item;
    }

    /** Whether a candidate continues what is typed; an opening quote may be typed or not. */
    private static boolean matches(String label, String prefix) {
        String l = label.toLowerCase(Locale.ROOT);
        String p = prefix.toLowerCase(Locale.ROOT);
        return l.startsWith(p) || l.startsWith("\"") && l.substring(1).startsWith(p);
    }

    private static List<Candidate> candidates(Expectation e, Symbols symbols, String uri) {
        if (e instanceof TopLevel t) {
            return keywords(t.keywords(), "declaration");
        }
        if (e instanceof StatementStart s) {
            return statementStarts(s);
        }
        if (e instanceof SubSetting s) {
            List<Candidate> out = new ArrayList<>();
            for (String word : s.keywords()) {
                SettingWords.inGroup(s.group(), word, s.block()).ifPresent(k ->
                        out.add(new Candidate(word, CompletionItemKind.Property, SettingWords.detail(List.of(k)))));
            }
            return out;
        }
        if (e instanceof Keywords k) {
            return keywords(k.keywords(), "keyword");
        }
        if (e instanceof ProfileName p) {
            return symbols.names(Symbols.Kind.PROFILE).stream()
                    .filter(name -> p.declaring().map(d -> !d.equals(name)).orElse(true))
                    .map(name -> new Candidate(name, CompletionItemKind.Module, "profile, declared in " + declaredIn(symbols, name)))
                    .toList();
        }
        if (e instanceof ImportTarget) {
            List<Candidate> out = new ArrayList<>();
            Stdlib.modules().forEach(m -> out.add(new Candidate(m, CompletionItemKind.Module, "stdlib module")));
            ImportFiles.beside(Documents.path(uri)).forEach(f -> out.add(new Candidate(f, CompletionItemKind.File, "file in this folder")));
            return out;
        }
        if (e instanceof MeshEnd) {
            List<Candidate> out = new ArrayList<>(sites(symbols));
            // A gateway is one of its site's members, as a field is of a struct (see sites).
            symbols.names(Symbols.Kind.GATEWAY).forEach(g -> out.add(new Candidate(g, CompletionItemKind.Field,
                    "gateway of " + symbols.siteOf(g))));
            return out;
        }
        if (e instanceof HubSite) {
            return sites(symbols);
        }
        if (e instanceof BirdVersion) {
            List<Candidate> out = new ArrayList<>();
            for (RoutingSuite t : RoutingSuite.values()) {
                if (t.isBird()) {
                    out.add(new Candidate(t.word(), CompletionItemKind.Value, "BIRD version"));
                }
            }
            return out;
        }
        return List.of();
    }

    /**
     * The words that may start a statement in the block, as the grammar lists them, kept when the
     * block may hold one of the settings they start; {@code gateway} and {@code router} only in a
     * site: the grammar takes a host in any body, but resolve refuses one in a network or profile.
     */
    private static List<Candidate> statementStarts(StatementStart s) {
        List<Candidate> out = new ArrayList<>();
        for (String word : s.keywords()) {
            Optional<BlockKind> host = hostKind(word);
            if (host.isPresent()) {
                if (s.block() == BlockKind.SITE) {
                    out.add(new Candidate(word, CompletionItemKind.Keyword, word + ": a host of this site"));
                }
                continue;
            }
            List<Key> keys = SettingWords.startingWith(word, s.block());
            if (keys.isEmpty()) {
                continue; // a setting this block may not hold
            }
            String detail = SettingWords.group(word).flatMap(g -> SettingWords.blockDetail(g, keys))
                    .orElse(SettingWords.detail(keys));
            out.add(new Candidate(word, CompletionItemKind.Property, detail));
        }
        return out;
    }

    private static Optional<BlockKind> hostKind(String word) {
        return List.of(BlockKind.GATEWAY, BlockKind.ROUTER).stream().filter(k -> k.word().equals(word)).findFirst();
    }

    /**
     * Sites as {@code Struct}: a site is a block grouping its hosts and settings, and completion
     * has no kind for a place; {@code Class} would suggest a type to instantiate, which a site is
     * not (mesh links name sites themselves). Gateways, its members, are {@code Field}s, so a list
     * mixing both (a mesh link's end) tells them apart by icon.
     */
    private static List<Candidate> sites(Symbols symbols) {
        return symbols.names(Symbols.Kind.SITE).stream()
                .map(site -> new Candidate(site, CompletionItemKind.Struct, "site, declared in " + declaredIn(symbols, site)))
                .toList();
    }

    private static List<Candidate> keywords(List<String> words, String detail) {
        return words.stream().map(w -> new Candidate(w, CompletionItemKind.Keyword, detail)).toList();
    }

    /** The file declaring a name, by its file name (a stdlib file by its display name, {@code <stdlib>/timers.vpn}). */
    private static String declaredIn(Symbols symbols, String name) {
        return symbols.declaration(name).map(o -> {
            SourceFile file = o.name().span().file();
            String shown = file.displayName();
            return Stdlib.isStdlib(file) ? shown : shown.substring(Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\')) + 1);
        }).orElse("?");
    }
}
