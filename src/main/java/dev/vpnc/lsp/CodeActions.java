package dev.vpnc.lsp;

import dev.vpnc.diag.Fix;
import dev.vpnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes: the fixes of the compiler's diagnostics at a range of the buffer, from the
 * server's own analysis (what the client sends back of the diagnostics is not read). Each is
 * an edit of this buffer only; diagnostics of imported files have none here.
 */
final class CodeActions {
    private CodeActions() {
    }

    /**
     * The quick fixes of the diagnostics of {@code a} whose span meets {@code range}, in the order
     * of the diagnostics, then of their fixes. {@code published}: what the client was sent,
     * {@code Documents.diagnostics(a, uri)}, one per compiler diagnostic in the same order.
     * {@code only}: the kinds the client asks for, or null for all.
     */
    static List<Either<Command, CodeAction>> at(Analysis a, String uri, List<Diagnostic> published, Range range,
                                                List<String> only) {
        List<dev.vpnc.diag.Diagnostic> found = a.result().diagnostics().sorted();
        if (!wanted(only) || found.size() != published.size()) {
            return List.of();
        }
        SourceFile source = a.source();
        int from = Documents.offset(source, range.getStart());
        int to = Documents.offset(source, range.getEnd());
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            dev.vpnc.diag.Diagnostic d = found.get(i);
            if (!inBuffer(a, d.span().file()) || d.span().start() > to || d.span().end() < from) {
                continue;
            }
            List<Fix> fixes = Stream.concat(d.fixes().stream(),
                    SecondGateway.of(d, a.result().loaded().files()).stream()).toList();
            for (Fix fix : fixes) {
                if (fix.edits().stream().allMatch(e -> inBuffer(a, e.span().file()))) {
                    actions.add(Either.forRight(action(fix, uri, published.get(i))));
                }
            }
        }
        return actions;
    }

    private static CodeAction action(Fix fix, String uri, Diagnostic diagnostic) {
        CodeAction action = new CodeAction(fix.title());
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic));
        action.setEdit(new WorkspaceEdit(Map.of(uri, fix.edits().stream()
                .map(e -> new TextEdit(Documents.range(e.span()), e.replacement())).toList())));
        if (fix.preferred()) {
            action.setIsPreferred(true);
        }
        return action;
    }

    /** Whether quick fixes are among the kinds asked for: kinds nest by dots ("quickfix" covers "quickfix.x"). */
    private static boolean wanted(List<String> only) {
        return only == null || only.isEmpty() || only.stream().anyMatch(k -> k.isEmpty()
                || CodeActionKind.QuickFix.equals(k) || CodeActionKind.QuickFix.startsWith(k + "."));
    }

    private static boolean inBuffer(Analysis a, SourceFile file) {
        return file.displayName().equals(a.source().displayName());
    }

}
