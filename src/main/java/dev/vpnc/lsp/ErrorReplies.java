package dev.vpnc.lsp;

import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * What a request that threw answers. lsp4j's default answers "Internal error" with the stack
 * trace as data and logs it SEVERE on stderr; its services' default methods throw
 * UnsupportedOperationException, so a request vpnc does not implement (signatureHelp, documentHighlight,
 * workspace/symbol...) looked like a crash. Here it is MethodNotFound, as JSON-RPC says, and no
 * reply carries a stack trace.
 */
final class ErrorReplies {
    private ErrorReplies() {
    }

    static final Function<Throwable, ResponseError> HANDLER = ErrorReplies::reply;

    static ResponseError reply(Throwable thrown) {
        // lsp4j wraps what a service throws (reflection, async futures): look through the causes.
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseErrorException e) {
                return e.getResponseError();
            }
            if (t instanceof UnsupportedOperationException) {
                return new ResponseError(ResponseErrorCode.MethodNotFound, "vpnc's language server does not implement this request", null);
            }
        }
        // A bug of ours: the client gets the exception in one line, not a stack trace.
        return new ResponseError(ResponseErrorCode.InternalError, "vpnc's language server failed: " + root(thrown), null);
    }

    private static String root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
