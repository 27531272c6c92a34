package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References, renames and workspace symbols across the files of a workspace folder. */
class LspCrossFileTest {
    @TempDir
    Path tmp;

    static final String COMMON = """
            # Shared by every network of the repository.
            profile edge {
              uplink eth0
              lan eth1
            }
            """;

    static final String NET = """
            import "common.vpn"

            network n {
              tunnels ipv6 2001:db8:ff::/64
            }

            site v1 {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway v1-1 uses edge { endpoint 2001:db8:1::1 }
              gateway v1-2 uses edge { endpoint 2001:db8:1::2 }
            }
            """;

    /** A file of the folder that does not import common.vpn: its own `edge` is another profile. */
    static final String OTHER = """
            profile edge {
              lan eth9
            }
            """;

    private Path common;
    private Path net;
    private Documents documents;

    @BeforeEach
    void workspace() throws Exception {
        common = Files.writeString(tmp.resolve("common.vpn"), COMMON);
        net = Files.writeString(tmp.resolve("net.vpn"), NET);
        Files.createDirectories(tmp.resolve("lab"));
        Files.writeString(tmp.resolve("lab/other.vpn"), OTHER);
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve(".git/hidden.vpn"), "profile hidden {}\n");
        WorkspaceFolders folders = new WorkspaceFolders();
        folders.set(List.of(tmp));
        documents = new Documents(folders);
    }

    @Test
    void referencesFromTheDeclaringFileFindTheUsesInTheFilesThatImportIt() throws Exception {
        open(common, COMMON);
        List<Location> refs = references(common, new Position(1, 9));
        assertEquals(List.of(
                        common.toUri() + "@1:8", net.toUri() + "@9:20", net.toUri() + "@10:20"),
                refs.stream().map(l -> l.getUri() + "@" + l.getRange().getStart().getLine() + ":"
                        + l.getRange().getStart().getCharacter()).toList());
    }

    @Test
    void renamingFromAUseEditsTheImportedDeclarationAndRenamingFromTheDeclarationEditsTheUses() throws Exception {
        open(net, NET);
        Map<String, List<TextEdit>> fromUse = rename(net, new Position(9, 21), "border");
        assertEquals(2, fromUse.get(net.toUri().toString()).size());
        assertEquals(1, fromUse.get(common.toUri().toString()).size());
        assertEquals(2, fromUse.size(), "lab/other.vpn's own `edge` is left alone");

        open(common, COMMON);
        Map<String, List<TextEdit>> fromDeclaration = rename(common, new Position(1, 9), "border");
        assertEquals(fromUse, fromDeclaration);
    }

    @Test
    void anUnsavedImportedBufferIsWhatTheEditsApplyTo() throws Exception {
        String moved = "\n\n" + COMMON;  // two lines added in the editor, not saved
        open(common, moved);
        open(net, NET);
        Map<String, List<TextEdit>> edits = rename(net, new Position(9, 21), "border");
        assertEquals(3, edits.get(common.toUri().toString()).get(0).getRange().getStart().getLine());
        // and the network's analysis reads the unsaved text too: renaming the profile there
        // without saving breaks the uses, which the diagnostics of net.vpn must show at once
        RecordingClient client = new RecordingClient();
        documents.connect(client);
        documents.didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
                new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(common.toUri().toString(), 2),
                List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(moved.replace("edge", "border")))));
        documents.settle();
        assertTrue(client.diagnostics(net.toUri().toString()).stream().anyMatch(d -> "E0103".equals(d.getCode().getLeft())),
                () -> "E0103 in net.vpn: " + client.diagnostics(net.toUri().toString()));
    }

    @Test
    void aNameDeclaredInAnotherFileOfTheLoadIsAClash() throws Exception {
        open(common, COMMON);
        var e = assertThrows(ExecutionException.class, () -> rename(common, new Position(1, 9), "v1-2"));
        assertTrue(((ResponseErrorException) e.getCause()).getMessage().contains("already declared"));
    }

    @Test
    void workspaceSymbolsListEveryDeclarationOfTheFolderButHiddenOnes() throws Exception {
        Workspace workspace = new Workspace(foldersOf(tmp), documents);
        List<String> all = symbols(workspace, "");
        assertEquals(List.of("edge@common.vpn", "edge@lab/other.vpn", "n@net.vpn", "v1@net.vpn", "v1-1@net.vpn",
                "v1-2@net.vpn"), all);
        assertEquals(List.of("v1-2@net.vpn"), symbols(workspace, "v12"));
    }

    private List<String> symbols(Workspace workspace, String query) throws Exception {
        List<? extends WorkspaceSymbol> found = workspace.symbol(new WorkspaceSymbolParams(query)).get(30, TimeUnit.SECONDS).getRight();
        return found.stream().map(s -> s.getName() + "@" + tmp.toUri().relativize(java.net.URI.create(
                s.getLocation().getLeft().getUri()))).toList();
    }

    private static WorkspaceFolders foldersOf(Path dir) {
        WorkspaceFolders f = new WorkspaceFolders();
        f.set(List.of(dir));
        return f;
    }

    private void open(Path file, String text) {
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(file.toUri().toString(), "vpn", 1, text)));
    }

    private List<Location> references(Path file, Position p) throws Exception {
        ReferenceParams params = new ReferenceParams(new TextDocumentIdentifier(file.toUri().toString()), p, new ReferenceContext(true));
        return List.copyOf(documents.references(params).get(30, TimeUnit.SECONDS));
    }

    private Map<String, List<TextEdit>> rename(Path file, Position p, String newName) throws Exception {
        return documents.rename(new RenameParams(new TextDocumentIdentifier(file.toUri().toString()), p, newName))
                .get(30, TimeUnit.SECONDS).getChanges();
    }
}
