package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.syntax.Formatter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/codeAction: the quick fixes of the diagnostics at a range, applied and compiled again. */
class LspCodeActionTest {
    @TempDir
    Path tmp;

    /** Formatted, and clean but for W0302 (paris has one gateway). */
    private static final String NET = """
            profile edge {
              uplink eth0
              lan eth1
            }

            network n {
              tunnels ipv6 2001:db8:ff::/64
              ports 5800..5899
              underlay ipv6
              asn 65001..65099
            }

            site paris {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway par-1 uses edge {
                endpoint 2001:db8:1::1
                lan eth2
              }
              router par-2 {
                lan eth0
                hosts eth1
              }
            }
            """;

    /** NET with a second gateway in paris: no warning at all. */
    private static final String REDUNDANT = NET.replace("""
                lan eth2
              }
            """, """
                lan eth2
              }
              gateway par-9 uses edge { endpoint 2001:db8:1::9 }
            """);

    @Test
    void aMisspelledProfileIsReplacedByTheSuggestion() throws Exception {
        Opened b = open(REDUNDANT.replace("par-9 uses edge", "par-9 uses edgee"));
        List<CodeAction> actions = actions(b, b.at("edgee", 1));
        assertEquals(1, actions.size(), actions::toString);
        CodeAction fix = actions.get(0);
        assertEquals("Replace `edgee` with `edge`", fix.getTitle());
        assertEquals(CodeActionKind.QuickFix, fix.getKind());
        assertEquals(Boolean.TRUE, fix.getIsPreferred());
        assertEquals(List.of(b.published("E0103")), fix.getDiagnostics(), "the diagnostic as published");
        String fixed = apply(b.text(), edits(b, fix));
        assertEquals(REDUNDANT, fixed);
        assertEquals(List.of(), codes(open(fixed)), "E0103 gone, nothing else");
    }

    @Test
    void aSiteWithOneGatewayGetsASecondOneToFillIn() throws Exception {
        Opened b = open(NET);
        assertEquals(List.of("W0302"), codes(b));
        List<CodeAction> actions = actions(b, b.at("site paris", 6));
        assertEquals(1, actions.size(), actions::toString);
        CodeAction stub = actions.get(0);
        assertEquals("Add a second gateway to site `paris` (then write its endpoint)", stub.getTitle());
        assertNull(stub.getIsPreferred(), "a stub to complete is no auto-fix");
        String added = apply(b.text(), edits(b, stub));
        // par-2 is the router's name: the next free one is par-3
        assertEquals(NET.replace("""
                    lan eth2
                  }
                """, """
                    lan eth2
                  }
                  gateway par-3 uses edge { endpoint ADDRESS_TO_FILL_IN }
                """), added);
        assertEquals(added, Formatter.format(new SourceFile("net.vpn", added), new Diagnostics()).orElseThrow(), "formatted");
        // The placeholder does not compile: an error points at it.
        Opened after = open(added);
        Diagnostic placeholder = after.published("E0201");
        Position start = after.at("ADDRESS_TO_FILL_IN", 0).getStart();
        assertEquals(new Range(start, new Position(start.getLine(), start.getCharacter() + "ADDRESS_TO_FILL_IN".length())),
                placeholder.getRange());
        assertTrue(placeholder.getMessage().startsWith("`ADDRESS_TO_FILL_IN` is not a valid DNS name"), placeholder.getMessage());
        assertEquals(List.of("E0201"), codes(after));
        // Once the address is written, the site is redundant.
        assertEquals(List.of(), codes(open(added.replace("ADDRESS_TO_FILL_IN", "2001:db8:1::3"))));
    }

    @Test
    void anUnusedProfileIsRemovedWithItsCommentAndTheFileStaysFormatted() throws Exception {
        String spare = """
                # kept for the new sites
                profile spare {
                  uplink eth3
                  lan eth4
                }

                """;
        String text = REDUNDANT.replace("network n {", spare + "network n {");
        Opened b = open(text);
        assertEquals(List.of("W0316"), codes(b));
        List<CodeAction> actions = actions(b, b.at("profile spare", 9));
        assertEquals(List.of("Remove unused profile `spare`"), actions.stream().map(CodeAction::getTitle).toList());
        assertEquals(List.of(b.published("W0316")), actions.get(0).getDiagnostics());
        String removed = apply(text, edits(b, actions.get(0)));
        assertEquals(REDUNDANT, removed);
        assertEquals(removed, Formatter.format(new SourceFile("net.vpn", removed), new Diagnostics()).orElseThrow());
        assertEquals(List.of(), codes(open(removed)));
    }

    @Test
    void anUnusedImportIsRemoved() throws Exception {
        String text = "import std.timers\n\n" + REDUNDANT;
        Opened b = open(text);
        assertEquals(List.of("W0317"), codes(b));
        List<CodeAction> actions = actions(b, b.at("std.timers", 0));
        assertEquals(List.of("Remove unused import"), actions.stream().map(CodeAction::getTitle).toList());
        assertEquals(REDUNDANT, apply(text, edits(b, actions.get(0))));
    }

    @Test
    void theWholeFileGivesEveryFixInSourceOrder() throws Exception {
        String text = "import std.timers\n\n" + REDUNDANT.replace("gateway par-9 uses edge", "gateway par-9 uses egde");
        Opened b = open(text);
        Range all = new Range(new Position(0, 0), new Position(text.lines().toList().size(), 0));
        assertEquals(List.of("Remove unused import", "Replace `egde` with `edge`"),
                actions(b, all, null).stream().map(CodeAction::getTitle).toList());
        // and the same again: the order does not depend on the request
        assertEquals(actions(b, all, null), actions(b, all, null));
    }

    @Test
    void nothingWhereThereIsNoDiagnosticOrWhenOtherKindsAreAsked() throws Exception {
        Opened b = open(REDUNDANT.replace("par-9 uses edge", "par-9 uses edgee"));
        assertEquals(List.of(), actions(b, b.at("ports", 2)));
        Range typo = b.at("edgee", 1);
        assertEquals(List.of(), actions(b, typo, List.of(CodeActionKind.Refactor)));
        assertEquals(List.of(), actions(b, typo, List.of(CodeActionKind.Source, "quickfix.other")));
        assertEquals(1, actions(b, typo, List.of(CodeActionKind.Refactor, CodeActionKind.QuickFix)).size());
        assertEquals(1, actions(b, typo, List.of("")).size(), "the empty kind covers every kind");
        // a buffer the server does not hold
        assertEquals(List.of(), b.documents().codeAction(new CodeActionParams(new TextDocumentIdentifier("file:///elsewhere.vpn"),
                typo, new CodeActionContext(List.of()))).get(30, TimeUnit.SECONDS));
    }

    /** An open buffer and the diagnostics the server published for it. */
    private record Opened(Documents documents, String uri, String text, List<Diagnostic> diagnostics) {
        /** An empty range at the {@code nth} (from 0) occurrence of {@code needle}, plus {@code shift}. */
        Range at(String needle, int shift) {
            Position p = new LspBuffer(documents, uri, text).at(needle, 0, shift);
            return new Range(p, p);
        }

        Diagnostic published(String code) {
            List<Diagnostic> found = diagnostics.stream().filter(d -> d.getCode().getLeft().equals(code)).toList();
            assertEquals(1, found.size(), diagnostics::toString);
            return found.get(0);
        }
    }

    private Opened open(String text) throws InterruptedException {
        RecordingClient client = new RecordingClient();
        Documents documents = new Documents();
        documents.connect(client);
        String uri = tmp.resolve("net.vpn").toUri().toString();
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vpn", 1, text)));
        return new Opened(documents, uri, text, client.published.poll(30, TimeUnit.SECONDS).getDiagnostics());
    }

    private static List<String> codes(Opened b) {
        return b.diagnostics().stream().map(d -> d.getCode().getLeft()).toList();
    }

    private static List<CodeAction> actions(Opened b, Range range) throws Exception {
        return actions(b, range, null);
    }

    private static List<CodeAction> actions(Opened b, Range range, List<String> only) throws Exception {
        CodeActionContext context = new CodeActionContext(List.of());
        context.setOnly(only);
        List<Either<org.eclipse.lsp4j.Command, CodeAction>> replies = b.documents()
                .codeAction(new CodeActionParams(new TextDocumentIdentifier(b.uri()), range, context)).get(30, TimeUnit.SECONDS);
        assertTrue(replies.stream().allMatch(Either::isRight), "code actions, not commands");
        return replies.stream().map(Either::getRight).toList();
    }

    private static List<TextEdit> edits(Opened b, CodeAction action) {
        var changes = action.getEdit().getChanges();
        assertEquals(List.of(b.uri()), List.copyOf(changes.keySet()), "edits of this buffer only");
        return changes.get(b.uri());
    }

    /** The text after the edits, applied from the last to the first. */
    static String apply(String text, List<TextEdit> edits) {
        List<Integer> lineStarts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        StringBuilder out = new StringBuilder(text);
        List<TextEdit> sorted = edits.stream().sorted(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed()).toList();
        for (TextEdit e : sorted) {
            int from = lineStarts.get(e.getRange().getStart().getLine()) + e.getRange().getStart().getCharacter();
            int to = lineStarts.get(e.getRange().getEnd().getLine()) + e.getRange().getEnd().getCharacter();
            out.replace(from, to, e.getNewText());
        }
        return out.toString();
    }
}
