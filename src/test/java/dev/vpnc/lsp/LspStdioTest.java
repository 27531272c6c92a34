package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `vpnc lsp` in its own process, spoken to over stdin/stdout with JSON-RPC as an editor does:
 * initialize, open a file with an error, get its diagnostic and its quick fix, fix it, then
 * definition, hover, completion, formatting, shutdown and exit.
 */
class LspStdioTest {
    @TempDir
    Path tmp;

    private final RecordingClient client = new RecordingClient();
    private final BlockingQueue<PublishDiagnosticsParams> published = client.published;

    @Test
    void anEditorSessionOverStdio() throws Exception {
        Path file = tmp.resolve("net.vpn");
        String good = Files.readString(Project.root().resolve("examples/reference/net.vpn"));
        String bad = good.replace("tunnels ipv6 2001:db8:ff::/64", "tunnels ipv6 2001:db8:ff::1/64");
        Files.writeString(file, good);
        String uri = file.toUri().toString();

        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vpnc.cli.Main", "lsp")
                .redirectError(tmp.resolve("server.log").toFile()).start();
        try {
            var launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            var caps = server.initialize(init).get(30, TimeUnit.SECONDS).getCapabilities();
            assertTrue(caps.getHoverProvider().getLeft());
            server.initialized(new InitializedParams());

            // An error as the user types: host bits set in the tunnel pool, at the right range.
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vpn", 1, bad)));
            PublishDiagnosticsParams first = published.poll(30, TimeUnit.SECONDS);
            assertEquals(uri, first.getUri());
            var d = first.getDiagnostics().stream().filter(x -> "E0202".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            int line = lineOf(bad, "tunnels ipv6");
            assertEquals(new Position(line, 15), d.getRange().getStart());
            assertEquals(new Position(line, 32), d.getRange().getEnd(), "end exclusive, after `/64`");

            // Its quick fix, at the caret in the prefix: the network address, which the change below types in.
            var actions = server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    new Range(new Position(line, 20), new Position(line, 20)), new CodeActionContext(List.of(d))))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(1, actions.size(), actions::toString);
            CodeAction fix = actions.get(0).getRight();
            assertEquals("Replace `2001:db8:ff::1/64` with `2001:db8:ff::/64`", fix.getTitle());
            assertEquals(List.of(d), fix.getDiagnostics());
            assertEquals(List.of(new TextEdit(d.getRange(), "2001:db8:ff::/64")), fix.getEdit().getChanges().get(uri));

            // Fixed: no error left (the committed lock file is not beside this copy: allocations are fresh).
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(good))));
            PublishDiagnosticsParams second = published.poll(30, TimeUnit.SECONDS);
            assertEquals(List.of(), second.getDiagnostics());

            // Go to definition: `uses edge` leads to `profile edge`.
            int usesLine = lineOf(good, "gateway v1-1 uses edge");
            int col = good.lines().toList().get(usesLine).indexOf("edge {") + 1;
            var def = server.getTextDocumentService().definition(
                    new DefinitionParams(new TextDocumentIdentifier(uri), new Position(usesLine, col))).get(30, TimeUnit.SECONDS);
            Location target = def.getLeft().get(0);
            assertEquals(lineOf(good, "profile edge"), target.getRange().getStart().getLine());

            // Hover on a gateway shows what was allocated: interfaces, ports, addresses.
            int gwCol = good.lines().toList().get(usesLine).indexOf("v1-1") + 1;
            var hover = server.getTextDocumentService().hover(
                    new HoverParams(new TextDocumentIdentifier(uri), new Position(usesLine, gwCol))).get(30, TimeUnit.SECONDS);
            String md = hover.getContents().getRight().getValue();
            assertTrue(md.contains("wg-v2-1") && md.contains("5800") && md.contains("2001:db8:ff::"), md);

            // Completion after `uses` offers the profiles in scope (the stdlib's too), and no keyword.
            int profileCol = good.lines().toList().get(usesLine).indexOf("edge {");
            var completion = server.getTextDocumentService().completion(new CompletionParams(
                    new TextDocumentIdentifier(uri), new Position(usesLine, profileCol))).get(30, TimeUnit.SECONDS);
            var labels = completion.getRight().getItems().stream().map(c -> c.getLabel()).toList();
            assertTrue(labels.contains("edge") && labels.contains("timers-bfd") && !labels.contains("gateway"), labels.toString());

            // Formatting a messy buffer gives the canonical layout.
            String messy = good.replace("  uplink eth0\n", "      uplink    eth0\n");
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 3), List.of(new TextDocumentContentChangeEvent(messy))));
            published.poll(30, TimeUnit.SECONDS);
            var edits = server.getTextDocumentService().formatting(new DocumentFormattingParams(
                    new TextDocumentIdentifier(uri), new FormattingOptions(2, true))).get(30, TimeUnit.SECONDS);
            assertEquals(1, edits.size());
            assertEquals(good, edits.get(0).getNewText());

            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits after `exit`");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
            if (Files.exists(tmp.resolve("server.log"))) {
                System.err.print(Files.readString(tmp.resolve("server.log")));
            }
        }
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i;
            }
        }
        throw new AssertionError(needle);
    }
}
