package dev.vpnc.lsp;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Severity;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import dev.vpnc.syntax.Formatter;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The open buffers: each change is compiled in check mode and its diagnostics published. */
final class Documents implements TextDocumentService {
    private final WorkspaceFolders folders;
    private final Buffers open = new Buffers(this::publish, this::failed);
    private volatile LanguageClient client;

    Documents(WorkspaceFolders folders) {
        this.folders = folders;
    }

    /** Without workspace folders: the open buffers only (tests). */
    Documents() {
        this(new WorkspaceFolders());
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    /** Waits until every edit received is analysed and its diagnostics published (tests, shutdown). */
    void settle() {
        open.settle();
    }

    void close() {
        open.close();
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        open.put(params.getTextDocument().getUri(), params.getTextDocument().getText(), params.getTextDocument().getVersion());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        // Full synchronisation (see Server): the last change holds the whole text.
        var changes = params.getContentChanges();
        open.put(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText(),
                params.getTextDocument().getVersion());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        open.remove(params.getTextDocument().getUri());
        open.settle();  // so that no analysis of the closed buffer publishes after the empty list
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(params.getTextDocument().getUri(), List.of()));
        }
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        open.reanalyse(params.getTextDocument().getUri());
    }

    /** With the version analysed, so that the editor can tell diagnostics of an older text. */
    private void publish(String uri, Integer version, Analysis a) {
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, diagnostics(a, uri), version));
        }
    }

    private void failed(String uri, RuntimeException e) {
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(MessageType.Error, "vpnc could not check " + uri + ": " + e));
        }
    }

    /** The open buffers' texts, by absolute path. */
    Map<Path, String> openTexts() {
        return open.texts();
    }

    /** The same texts by real path (what the source reader knows files by); files not on disk are left out. */
    static Map<Path, String> byRealPath(Map<Path, String> texts) {
        Map<Path, String> real = new java.util.HashMap<>();
        texts.forEach((p, text) -> {
            try {
                real.put(p.toRealPath(), text);
            } catch (java.io.IOException | SecurityException notOnDisk) {
                // An untitled buffer, or a file deleted since: nothing imports it by this path.
            }
        });
        return real;
    }

    /** Diagnostics of this buffer; those in imported files are shown at the buffer's first line. */
    private static List<Diagnostic> diagnostics(Analysis a, String uri) {
        List<Diagnostic> out = new ArrayList<>();
        String self = a.source().displayName();
        for (dev.vpnc.diag.Diagnostic d : a.result().diagnostics().sorted()) {
            boolean here = d.span().file().displayName().equals(self);
            Range range = here ? range(d.span()) : new Range(new Position(0, 0), new Position(0, 0));
            String message = (here ? "" : d.span().location() + ": ") + d.message()
                    + (d.help().isEmpty() ? "" : "\nhelp: " + d.help());
            Diagnostic l = new Diagnostic(range, message,
                    d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "vpnc", d.code().id());
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (var label : d.secondary()) {
                related.add(new DiagnosticRelatedInformation(
                        new Location(uri(label.span(), uri, self), range(label.span())), label.message()));
            }
            l.setRelatedInformation(related);
            out.add(l);
        }
        return out;
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return CompletableFuture.supplyAsync(() -> at(params).flatMap(found -> {
            Analysis a = found.analysis();
            String name = found.occurrence().name().text();
            Symbols.Occurrence target = a.symbols().declaration(name).orElse(found.occurrence());
            return Hovers.of(target, a)
                    .map(md -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, md), range(found.occurrence().name().span())));
        }).or(() -> settingAt(params)).orElse(null));
    }

    /** A hover on a setting statement (its key or its values): where its value applies. */
    private Optional<Hover> settingAt(TextDocumentPositionParams params) {
        Analysis a = open.get(params.getTextDocument().getUri());
        if (a == null) {
            return Optional.empty();
        }
        var model = a.result().model();
        return a.origins().at(a.source().displayName(), offset(a, params.getPosition())).map(s -> new Hover(
                new MarkupContent(MarkupKind.MARKDOWN,
                        SettingHovers.ofStatement(s, a.origins(), model == null ? null : model.provenance(), a.symbols())),
                range(s.span())));
    }

    /** The offset of an editor's position in the analysed text (clamped to it, as the protocol asks). */
    private static int offset(Analysis a, Position p) {
        return offset(a.source(), p);
    }

    /** The offset of an editor's (0-based) position in a text, clamped to it. */
    static int offset(SourceFile source, Position p) {
        return source.offset(p.getLine() + 1, p.getCharacter() + 1);
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return CompletableFuture.supplyAsync(() -> {
            List<Location> locations = new ArrayList<>();
            at(params).ifPresent(found -> found.analysis().symbols().declaration(found.occurrence().name().text())
                    .ifPresent(d -> locations.add(new Location(
                            uri(d.name().span(), params.getTextDocument().getUri(), found.analysis().source().displayName()),
                            range(d.name().span())))));
            return Either.forLeft(locations);
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return CompletableFuture.supplyAsync(() -> Completions.of(open.get(params.getTextDocument().getUri()), params));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Analysis a = open.get(params.getTextDocument().getUri());
            if (a == null) {
                return List.of();
            }
            Optional<String> formatted = Formatter.format(a.source(), new Diagnostics());
            if (formatted.isEmpty() || formatted.get().equals(a.source().text())) {
                return List.of();
            }
            SourceFile s = a.source();
            Span whole = new Span(s, 0, s.text().length());
            return List.of(new TextEdit(range(whole), formatted.get()));
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Analysis a = open.get(params.getTextDocument().getUri());
            return a == null ? List.of()
                    : Outline.of(a).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList();
        });
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return CompletableFuture.supplyAsync(() -> at(params).map(found -> References.of(loads(found.analysis()),
                        found.occurrence(), params.getContext() == null || params.getContext().isIncludeDeclaration()).stream()
                .map(o -> location(o, params.getTextDocument().getUri(), found.analysis()))
                .toList()).orElse(List.of()));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return CompletableFuture.supplyAsync(() -> at(params).map(found -> {
            Renames.checkRenameable(loads(found.analysis()), found.occurrence());
            Range r = range(found.occurrence().name().span());
            return Either3.<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forSecond(
                    new PrepareRenameResult(r, found.occurrence().name().text()));
        }).orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Found found = at(params).orElseThrow(() -> Renames.refused(ResponseErrorCode.InvalidParams,
                    "no profile, site, gateway or router name here"));
            Map<String, List<TextEdit>> changes = new java.util.TreeMap<>();
            for (Symbols.Occurrence o : Renames.occurrences(loads(found.analysis()), found.occurrence(), params.getNewName())) {
                Location l = location(o, params.getTextDocument().getUri(), found.analysis());
                changes.computeIfAbsent(l.getUri(), u -> new ArrayList<>()).add(new TextEdit(l.getRange(), params.getNewName()));
            }
            return new WorkspaceEdit(changes);
        });
    }

    /** The loads the buffer takes part in: its own, and the workspace files' that import it. */
    private List<Symbols> loads(Analysis a) {
        return CrossFile.loadsWith(a, folders.vpnFiles(), openTexts());
    }

    private static Location location(Symbols.Occurrence o, String bufferUri, Analysis a) {
        return new Location(uri(o.name().span(), bufferUri, a.source().displayName()), range(o.name().span()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return CompletableFuture.supplyAsync(() -> {
            String uri = params.getTextDocument().getUri();
            Analysis a = open.get(uri);
            return a == null ? List.of() : CodeActions.at(a, uri, diagnostics(a, uri), params.getRange(),
                    params.getContext() == null ? null : params.getContext().getOnly());
        });
    }

    private record Found(Analysis analysis, Symbols.Occurrence occurrence) {
    }

    private Optional<Found> at(TextDocumentPositionParams params) {
        Analysis a = open.get(params.getTextDocument().getUri());
        if (a == null) {
            return Optional.empty();
        }
        return a.symbols().at(a.source().displayName(), offset(a, params.getPosition())).map(o -> new Found(a, o));
    }

    static Range range(Span s) {
        int endLine = s.file().line(s.end());
        return new Range(new Position(s.line() - 1, s.column() - 1), new Position(endLine - 1, s.file().column(s.end()) - 1));
    }

    private static String uri(Span span, String bufferUri, String bufferName) {
        String name = span.file().displayName();
        if (name.equals(bufferName) || name.startsWith("<")) {
            return bufferUri;
        }
        return CrossFile.file(span.file()).toUri().toString();
    }

    /** The absolute, normalised file of a buffer: what open buffers, imports and workspace files are compared by. */
    static Path file(String uri) {
        return path(uri).toAbsolutePath().normalize();
    }

    static Path path(String uri) {
        try {
            return Path.of(URI.create(uri));
        } catch (IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return Path.of("untitled.vpn");
        }
    }
}
