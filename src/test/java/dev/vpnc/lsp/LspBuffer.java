package dev.vpnc.lsp;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentItem;

/** A buffer opened in a Documents without a client: the language features called directly. */
record LspBuffer(Documents documents, String uri, String text) {

    /** The hub-and-spoke example (a profile, hubs, eight sites) opened as a copy under {@code dir}. */
    static LspBuffer hubSpoke(Path dir) throws IOException {
        return open(dir, Files.readString(Project.root().resolve("examples/hub-spoke/net.vpn")));
    }

    static LspBuffer open(Path dir, String text) {
        Documents documents = new Documents();
        String uri = dir.resolve("net.vpn").toUri().toString();
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vpn", 1, text)));
        return new LspBuffer(documents, uri, text);
    }

    /** The position of the {@code nth} (from 0) occurrence of {@code needle}, plus {@code shift} characters. */
    Position at(String needle, int nth, int shift) {
        List<String> lines = text.lines().toList();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (int c = lines.get(i).indexOf(needle); c >= 0; c = lines.get(i).indexOf(needle, c + 1)) {
                if (seen++ == nth) {
                    return new Position(i, c + shift);
                }
            }
        }
        throw new AssertionError(needle + " #" + nth);
    }
}
