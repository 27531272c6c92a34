package dev.vpnc.lsp;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The .vpn files a buffer may import by name: those of its folder, as an import writes them
 * ({@code "common.vpn"}). The folder is listed, never walked, so no link to another folder is
 * followed; a large folder costs a bounded scan and gives a bounded, sorted list.
 */
final class ImportFiles {
    /** The most names offered: the first ones in sorted order. */
    static final int MAX_NAMES = 200;
    /** The most folder entries read, whatever their names. */
    private static final int MAX_SCANNED = 10_000;

    private ImportFiles() {
    }

    /** The quoted names of the .vpn files beside {@code buffer}, itself and hidden files left out, sorted. */
    static List<String> beside(Path buffer) {
        Path dir = buffer.getParent() == null ? Path.of(".") : buffer.getParent();
        Path self = buffer.getFileName();
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            int scanned = 0;
            for (Path entry : entries) {
                if (++scanned > MAX_SCANNED) {
                    break;
                }
                String name = entry.getFileName().toString();
                if (name.endsWith(".vpn") && !name.startsWith(".") && !entry.getFileName().equals(self)
                        && writable(name) && Files.isRegularFile(entry)) {
                    names.add(name);
                    if (names.size() > MAX_NAMES) {
                        names.pollLast();
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException | SecurityException unreadable) {
            // An unreadable folder (or one gone meanwhile) offers what was read of it.
        }
        return names.stream().map(n -> "\"" + n + "\"").toList();
    }

    /** Whether a name can be written between quotes as it is (no quote, backslash or control character). */
    private static boolean writable(String name) {
        return name.chars().noneMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c));
    }
}
