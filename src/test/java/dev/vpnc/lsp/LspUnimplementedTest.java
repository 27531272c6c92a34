package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFoldersChangeEvent;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/**
 * A real lsp4j client over pipes asks what vpnc does not implement: the answer is MethodNotFound
 * (-32601), not "Internal error" (-32603), and nothing is written to stderr or logged; what is
 * implemented, and only that, is advertised.
 */
class LspUnimplementedTest {
    @Test
    void unimplementedRequestsAreMethodNotFoundAndLeaveStderrAlone() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // JUL's console handler may hold the stderr of before the swap: record its messages too.
        Logger.getLogger("").addHandler(recorder);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        PipedInputStream serverIn = new PipedInputStream();
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream();
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
            try {
                return Server.serve(serverIn, serverOut);
            } catch (InterruptedException e) {
                return -1;
            }
        });
        try {
            var launcher = LSPLauncher.createClientLauncher(new RecordingClient(), clientIn, clientOut);
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setCapabilities(new ClientCapabilities());
            ServerCapabilities caps = server.initialize(init).get(30, TimeUnit.SECONDS).getCapabilities();
            assertTrue(caps.getDocumentSymbolProvider().getLeft());
            assertTrue(caps.getReferencesProvider().getLeft());
            assertTrue(caps.getRenameProvider().getRight().getPrepareProvider());
            assertEquals(List.of("quickfix"), caps.getCodeActionProvider().getRight().getCodeActionKinds());
            assertNull(caps.getSignatureHelpProvider());
            assertNull(caps.getDocumentHighlightProvider());
            assertTrue(caps.getWorkspaceSymbolProvider().getLeft());
            assertNull(caps.getExecuteCommandProvider());

            TextDocumentIdentifier doc = new TextDocumentIdentifier("file:///nowhere/net.vpn");
            assertMethodNotFound(server.getTextDocumentService().documentHighlight(
                    new DocumentHighlightParams(doc, new Position(0, 0))));
            assertMethodNotFound(server.getTextDocumentService().signatureHelp(new SignatureHelpParams(doc, new Position(0, 0))));
            assertMethodNotFound(server.getWorkspaceService().executeCommand(new ExecuteCommandParams("vpnc.nothing", List.of())));
            // a notification lsp4j's default would throw on: ignored, no stack trace
            server.getWorkspaceService().didChangeWorkspaceFolders(
                    new DidChangeWorkspaceFoldersParams(new WorkspaceFoldersChangeEvent(List.of(), List.of())));

            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertEquals(0, served.get(30, TimeUnit.SECONDS));
        } finally {
            System.setErr(stderr);
            Logger.getLogger("").removeHandler(recorder);
            clientOut.close();
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing on stderr");
        assertTrue(logged.isEmpty(), () -> "logged: " + logged.stream().map(LogRecord::getMessage).toList());
    }

    private static void assertMethodNotFound(CompletableFuture<?> reply) {
        var e = assertThrows(ExecutionException.class, () -> reply.get(30, TimeUnit.SECONDS));
        ResponseError error = ((ResponseErrorException) e.getCause()).getResponseError();
        assertEquals(-32601, error.getCode(), error.getMessage());
        assertFalse(String.valueOf(error.getData()).contains("\tat "), "no stack trace for the client");
    }
}
