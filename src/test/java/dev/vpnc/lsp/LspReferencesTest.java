package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/references: from a declaration or any use, every occurrence in the buffer. */
class LspReferencesTest {
    @TempDir
    Path tmp;

    @Test
    void aProfileFromAUseFindsItsDeclarationAndEveryUse() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        List<Location> all = references(b, b.at("uses edge", 3, 6), true);
        assertEquals(17, all.size(), "profile edge and its 16 `uses edge`");
        assertEquals(b.at("profile edge", 0, 8), all.get(0).getRange().getStart());
        assertTrue(all.stream().allMatch(l -> l.getUri().equals(b.uri())));
        assertTrue(all.stream().allMatch(l -> l.getRange().getEnd().getCharacter() - l.getRange().getStart().getCharacter() == 4));

        List<Location> uses = references(b, b.at("profile edge", 0, 9), false);
        assertEquals(all.subList(1, 17), uses, "without the declaration when the client does not want it");
    }

    @Test
    void aSiteIsFoundInMeshHubs() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        List<Location> fromDeclaration = references(b, b.at("site paris", 0, 5), true);
        assertEquals(List.of(b.at("hubs paris", 0, 5), b.at("site paris", 0, 5)),
                fromDeclaration.stream().map(l -> l.getRange().getStart()).toList());
        assertEquals(fromDeclaration, references(b, b.at("hubs paris", 0, 7), true), "the same from the use");
    }

    @Test
    void aGatewayHasItsDeclarationOnlyAndNothingElseHasNone() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        assertEquals(1, references(b, b.at("par-1", 0, 2), true).size());
        assertEquals(List.of(), references(b, b.at("uplink eth0", 0, 2), true), "a keyword is no name");
    }

    static List<Location> references(LspBuffer b, Position p, boolean includeDeclaration) throws Exception {
        return List.copyOf(b.documents().references(new ReferenceParams(new TextDocumentIdentifier(b.uri()), p,
                new ReferenceContext(includeDeclaration))).get(30, TimeUnit.SECONDS));
    }
}
