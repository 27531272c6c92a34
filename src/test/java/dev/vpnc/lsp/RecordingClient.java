package dev.vpnc.lsp;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** The editor's side in tests that talk to the server through lsp4j: records published diagnostics, ignores the rest. */
final class RecordingClient implements LanguageClient {
    final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        published.add(diagnostics);
    }

    /** The last diagnostics published for {@code uri} (none yet: empty). */
    java.util.List<org.eclipse.lsp4j.Diagnostic> diagnostics(String uri) {
        java.util.List<org.eclipse.lsp4j.Diagnostic> last = java.util.List.of();
        for (PublishDiagnosticsParams p : published) {
            if (p.getUri().equals(uri)) {
                last = p.getDiagnostics();
            }
        }
        return last;
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams messageParams) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
    }
}
