package dev.vpnc.lsp;

import dev.vpnc.ast.Declaration;
import dev.vpnc.ast.FileAst;
import dev.vpnc.ast.Statement;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.resolve.SourceReader;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * workspace/symbol: the networks, profiles, sites, gateways and routers declared in the
 * workspace's `.vpn` files and the open buffers (their unsaved text), whose names contain the
 * query's letters in order ("v12" finds `v1-2`), as editors match. Files are only parsed, and read
 * through the same source reader as a compile (no FIFO, no device, size bounded).
 */
final class WorkspaceSymbols {
    /** Enough for any picker; a generated 1000-site network would otherwise send megabytes. */
    static final int MAX_RESULTS = 500;

    private WorkspaceSymbols() {
    }

    static List<WorkspaceSymbol> find(String query, List<Path> files, Map<Path, String> open) {
        Map<Path, String> texts = new TreeMap<>(open);
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (!texts.containsKey(file) && SourceReader.of(folderOf(file), List.of(), null).root(file)
                    instanceof SourceReader.Text t) {
                texts.put(file, t.source().text());
            }
        }
        String wanted = query == null ? "" : query.toLowerCase(Locale.ROOT);
        List<WorkspaceSymbol> out = new ArrayList<>();
        for (var e : texts.entrySet()) {
            FileAst ast = Parser.parse(new SourceFile(e.getKey().toString(), e.getValue()), new Diagnostics());
            String uri = e.getKey().toUri().toString();
            for (Declaration d : ast.declarations()) {
                add(out, wanted, d.name().text(), Outline.kind(d), uri, d.name().span(), null);
                for (Statement st : d.body()) {
                    if (st instanceof Statement.Host h) {
                        add(out, wanted, h.name().text(), SymbolKind.Object, uri, h.name().span(), d.name().text());
                    }
                }
            }
        }
        return out.size() > MAX_RESULTS ? out.subList(0, MAX_RESULTS) : out;
    }

    private static Path folderOf(Path file) {
        return file.getParent() == null ? Path.of(".") : file.getParent();
    }

    private static void add(List<WorkspaceSymbol> out, String query, String name, SymbolKind kind, String uri,
                            dev.vpnc.source.Span span, String container) {
        if (!matches(name.toLowerCase(Locale.ROOT), query)) {
            return;
        }
        WorkspaceSymbol s = new WorkspaceSymbol(name, kind, Either.forLeft(new Location(uri, Documents.range(span))));
        s.setContainerName(container);
        out.add(s);
    }

    /** Whether the query's characters appear in the name in order (a subsequence). */
    static boolean matches(String name, String query) {
        int i = 0;
        for (int c = 0; c < name.length() && i < query.length(); c++) {
            if (name.charAt(c) == query.charAt(i)) {
                i++;
            }
        }
        return i == query.length();
    }
}
