package dev.vpnc.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** vpnc's language server: the compiler's own diagnostics as you type, and navigation. */
public final class Server implements LanguageServer, LanguageClientAware {
    private final WorkspaceFolders folders = new WorkspaceFolders();
    private final Documents documents = new Documents(folders);
    private final Workspace workspace = new Workspace(folders, documents);
    private int exitCode = 1;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    /** Serves one client over the given streams until it sends `exit`; returns the exit code. */
    public static int serve(InputStream in, OutputStream out) throws InterruptedException {
        Server server = new Server();
        // ErrorReplies: an unimplemented request is MethodNotFound, never a stack trace.
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server).setRemoteInterface(LanguageClient.class)
                .setInput(in).setOutput(out).setExceptionHandler(ErrorReplies.HANDLER)
                // A request without a field the protocol requires (a hover with no position) is
                // refused as invalid before it reaches a service, rather than failing inside one.
                .validateMessages(true).create();
        server.connect(launcher.getRemoteProxy());
        var listening = launcher.startListening();
        try {
            return CompletableFuture.anyOf(server.exited, CompletableFuture.runAsync(() -> {
                try {
                    listening.get();
                } catch (InterruptedException | ExecutionException e) {
                    Thread.currentThread().interrupt();
                }
            })).thenApply(x -> server.exited.getNow(1)).get();
        } catch (ExecutionException e) {
            return 1;
        }
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        folders.set(folders(params));
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Full);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setDocumentFormattingProvider(true);
        caps.setCompletionProvider(new CompletionOptions(false, List.of()));
        caps.setDocumentSymbolProvider(true);
        caps.setReferencesProvider(true);
        caps.setRenameProvider(new RenameOptions(true));
        caps.setWorkspaceSymbolProvider(true);
        WorkspaceFoldersOptions workspaceFolders = new WorkspaceFoldersOptions();
        workspaceFolders.setSupported(true);
        workspaceFolders.setChangeNotifications(true);
        caps.setWorkspace(new WorkspaceServerCapabilities(workspaceFolders));
        // Quick fixes only: the fixes the compiler's diagnostics carry (CodeActions).
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        // Nothing else is advertised: every other request is answered MethodNotFound (ErrorReplies).
        String version = Server.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("vpnc", version == null ? "dev" : version)));
    }

    /** The workspace folders, or the deprecated root for clients that send only that. */
    private static List<Path> folders(InitializeParams params) {
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            return params.getWorkspaceFolders().stream().map(f -> Documents.path(f.getUri())).toList();
        }
        @SuppressWarnings("deprecation")
        String root = params.getRootUri();
        return root == null ? List.of() : List.of(Documents.path(root));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        exitCode = 0;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        // vpnc starts no work-done progress, so there is nothing to cancel (lsp4j's default throws).
    }

    @Override
    public void exit() {
        documents.close();
        exited.complete(exitCode);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
