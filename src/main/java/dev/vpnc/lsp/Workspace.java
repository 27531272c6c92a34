package dev.vpnc.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CreateFilesParams;
import org.eclipse.lsp4j.DeleteFilesParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.RenameFilesParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The workspace side: workspace/symbol, and the folders the editor opened (where references,
 * renames and symbols look). Notifications vpnc has no use for are ignored: lsp4j's defaults of
 * some throw, and a notification has no reply to carry an error, so lsp4j would log a stack trace
 * on stderr for a client that merely reports a file change. Its other requests (executeCommand...)
 * stay lsp4j's defaults, answered MethodNotFound by ErrorReplies, and are not advertised.
 */
final class Workspace implements WorkspaceService {
    private final WorkspaceFolders folders;
    private final Documents documents;

    Workspace(WorkspaceFolders folders, Documents documents) {
        this.folders = folders;
        this.documents = documents;
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(
            WorkspaceSymbolParams params) {
        return CompletableFuture.supplyAsync(() -> Either.forRight(
                WorkspaceSymbols.find(params.getQuery(), folders.vpnFiles(), documents.openTexts())));
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        var event = params.getEvent();
        List<Path> now = new ArrayList<>(folders.roots());
        event.getRemoved().forEach(f -> now.remove(Documents.file(f.getUri())));
        event.getAdded().forEach(f -> now.add(Documents.path(f.getUri())));
        folders.set(now);
    }

    @Override
    public void didCreateFiles(CreateFilesParams params) {
    }

    @Override
    public void didRenameFiles(RenameFilesParams params) {
    }

    @Override
    public void didDeleteFiles(DeleteFilesParams params) {
    }
}
