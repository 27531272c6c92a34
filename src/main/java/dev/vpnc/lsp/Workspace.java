package dev.vpnc.lsp;

import org.eclipse.lsp4j.CreateFilesParams;
import org.eclipse.lsp4j.DeleteFilesParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.RenameFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The workspace side, which vpnc does not use: every notification is ignored. lsp4j's defaults
 * of some throw, and a notification has no reply to carry an error, so lsp4j would log a stack
 * trace on stderr for a client that merely reports a folder or a file change. Its requests
 * (workspace/symbol, executeCommand...) stay lsp4j's defaults, answered MethodNotFound by
 * ErrorReplies, and are not advertised.
 */
final class Workspace implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
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
