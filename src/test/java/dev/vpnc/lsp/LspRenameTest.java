package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/rename and prepareRename: every occurrence, or a refusal that says why. */
class LspRenameTest {
    @TempDir
    Path tmp;

    @Test
    void renamingASiteEditsItsDeclarationAndItsHubsEntry() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        String renamed = apply(b.text(), rename(b, b.at("hubs paris", 0, 6), "paname"));
        assertEquals(b.text().replace("hubs paris,", "hubs paname,").replace("site paris {", "site paname {"), renamed);
        // and the result is a buffer whose references agree
        LspBuffer after = LspBuffer.open(tmp, renamed);
        assertEquals(2, LspReferencesTest.references(after, after.at("site paname", 0, 6), true).size());
    }

    @Test
    void renamingAProfileEditsEveryUse() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        List<TextEdit> edits = rename(b, b.at("profile edge", 0, 8), "border");
        assertEquals(17, edits.size());
        assertEquals(b.text().replace("edge", "border"), apply(b.text(), edits));
    }

    @Test
    void badNamesKeywordsAndClashesAreRefused() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        Position paris = b.at("site paris", 0, 6);
        for (String bad : List.of("site", "mesh", "2paris", "par is", "", "par.is", "10ms", "a:b")) {
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), refusal(b, paris, bad).getCode(), bad);
        }
        var clash = refusal(b, paris, "lyon");
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), clash.getCode());
        assertTrue(clash.getMessage().contains("already declared"), clash.getMessage());
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), refusal(b, paris, "par-1").getCode(), "a gateway's name");
        // profiles, sites and hosts share one name space: the compiler would say E0104 "declared twice"
        assertEquals(ResponseErrorCode.InvalidParams.getValue(), refusal(b, b.at("profile edge", 0, 8), "paris").getCode());
        assertEquals(17, rename(b, b.at("profile edge", 0, 8), "border").size());
        assertEquals(0, rename(b, paris, "paris").size(), "the same name: nothing to do");
    }

    @Test
    void prepareRenameGivesTheNameAndRefusesWhatIsDeclaredElsewhere() throws Exception {
        LspBuffer b = LspBuffer.hubSpoke(tmp);
        Position p = b.at("par-r", 0, 1);
        var prepared = b.documents().prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(b.uri()), p))
                .get(30, TimeUnit.SECONDS).getSecond();
        assertEquals("par-r", prepared.getPlaceholder());
        assertEquals(b.at("par-r", 0, 0), prepared.getRange().getStart());

        // `timers-bfd` is a profile of the standard library, not of this file.
        LspBuffer reference = LspBuffer.open(tmp, java.nio.file.Files.readString(
                dev.vpnc.testing.Project.root().resolve("examples/reference/net.vpn")));
        Position std = reference.at("timers-bfd", 0, 2);
        var e = assertThrows(ExecutionException.class, () -> reference.documents().prepareRename(
                new PrepareRenameParams(new TextDocumentIdentifier(reference.uri()), std)).get(30, TimeUnit.SECONDS));
        var error = ((ResponseErrorException) e.getCause()).getResponseError();
        assertEquals(ResponseErrorCode.RequestFailed.getValue(), error.getCode());
        assertTrue(error.getMessage().contains("declared in vpnc's stdlib"), error.getMessage());
    }

    private static List<TextEdit> rename(LspBuffer b, Position p, String newName) throws Exception {
        return b.documents().rename(new RenameParams(new TextDocumentIdentifier(b.uri()), p, newName))
                .get(30, TimeUnit.SECONDS).getChanges().getOrDefault(b.uri(), List.of());
    }

    private static org.eclipse.lsp4j.jsonrpc.messages.ResponseError refusal(LspBuffer b, Position p, String newName) {
        var e = assertThrows(ExecutionException.class, () -> rename(b, p, newName), newName);
        return ((ResponseErrorException) e.getCause()).getResponseError();
    }

    /** The text after the edits (single-line ranges, as renames are), applied from the end. */
    static String apply(String text, List<TextEdit> edits) {
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        List<TextEdit> sorted = edits.stream().sorted(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed()).toList();
        for (TextEdit e : sorted) {
            int line = e.getRange().getStart().getLine();
            String l = lines.get(line);
            lines.set(line, l.substring(0, e.getRange().getStart().getCharacter()) + e.getNewText()
                    + l.substring(e.getRange().getEnd().getCharacter()));
        }
        return String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
    }
}
