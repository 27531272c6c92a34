package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/documentSymbol: the network, profiles and sites, hosts under their site. */
class LspOutlineTest {
    @TempDir
    Path tmp;

    @Test
    void theOutlineIsTheBlocksWithHostsUnderTheirSite() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        List<DocumentSymbol> outline = outline(b);

        assertEquals(List.of("edge", "hub-spoke", "paris", "frankfurt", "lyon", "nice", "lille", "brest", "metz", "dijon"),
                outline.stream().map(DocumentSymbol::getName).toList());
        assertEquals(List.of(SymbolKind.Class, SymbolKind.Module, SymbolKind.Namespace),
                outline.subList(0, 3).stream().map(DocumentSymbol::getKind).toList());
        assertEquals("profile", outline.get(0).getDetail());

        DocumentSymbol paris = outline.get(2);
        assertEquals(List.of("par-1", "par-2", "par-r"), paris.getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals(List.of("gateway", "gateway", "router"), paris.getChildren().stream().map(DocumentSymbol::getDetail).toList());
        assertEquals(SymbolKind.Object, paris.getChildren().get(0).getKind());
        assertEquals(List.of(), outline.get(0).getChildren(), "a profile holds no hosts");

        // Range: from `site` to the closing brace; selection: the name alone.
        Position site = b.at("site paris", 0, 0);
        assertEquals(site, paris.getRange().getStart());
        assertEquals(new Position(site.getLine() + 9, 1), paris.getRange().getEnd());
        assertEquals(new Range(b.at("paris {", 0, 0), b.at("paris {", 0, 5)), paris.getSelectionRange());

        DocumentSymbol router = paris.getChildren().get(2);
        assertEquals(b.at("router par-r", 0, 0), router.getRange().getStart());
        assertEquals(new Position(router.getRange().getStart().getLine() + 3, 3), router.getRange().getEnd());
        assertEquals(new Range(b.at("par-r", 0, 0), b.at("par-r", 0, 5)), router.getSelectionRange());
    }

    @Test
    void aBufferThatDoesNotParseHasAnOutlineOrNoneButNoError() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, "site {\n");
        outline(b); // no exception is all that is asked
    }

    private static List<DocumentSymbol> outline(LspBuffer b) throws Exception {
        return b.documents().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(b.uri())))
                .get(30, TimeUnit.SECONDS).stream().map(Either::getRight).toList();
    }
}
