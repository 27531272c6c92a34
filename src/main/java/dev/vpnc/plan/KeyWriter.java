package dev.vpnc.plan;

import dev.vpnc.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Creates the keys a compile made in memory ({@link KeyStore.NewKeys}). Every folder a key goes
 * into is a private folder of this user (created 0700, or made 0700 when others could enter it,
 * refused when it is a symlink or belongs to someone else); every key file is created with mode
 * 0600 from its first instant, under a random temporary name, then hard-linked to its name, which
 * is atomic and never replaces a key that exists: a key that appeared since the compile read the
 * store (written by something other than vpnc, which holds the store's run lock) fails the write.
 * {@link Created#undo()} removes what this run created, for a compile that fails after its keys.
 */
public final class KeyWriter {
    private static final String GITIGNORE = "# vpnc secrets: never commit\n*\n";

    private KeyWriter() {
    }

    /** What a write created: the key files, and the folders it made private (with their old mode). */
    public record Created(List<Path> files, List<String> repaired) {
        /** Removes the key files this run created. */
        public void undo() {
            for (int i = files.size() - 1; i >= 0; i--) {
                Path f = files.get(i);
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // Best effort: the compile reports its own failure; a key left behind is only unused.
                }
            }
        }
    }

    public static Created write(KeyStore.NewKeys keys) throws IOException {
        List<Path> created = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        if (keys.isEmpty()) {
            return new Created(created, repaired);
        }
        Created result = new Created(created, repaired);
        try {
            Path root = keys.root();
            SafeFiles.publicDirs(root.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(root);
            folder(root, repaired);
            Path ignore = root.resolve(".gitignore");
            if (fresh || !Files.exists(ignore, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    SafeFiles.createNew(ignore, GITIGNORE.getBytes(StandardCharsets.UTF_8), SafeFiles.PUBLIC_FILE);
                } catch (FileAlreadyExistsException raced) {
                    // Another run wrote it.
                }
            }
            for (Map.Entry<Path, byte[]> k : keys.files().entrySet()) {
                Path file = k.getKey();
                for (Path dir : foldersBetween(root, file.getParent())) {
                    folder(dir, repaired);
                }
                createKey(file, k.getValue());
                created.add(file);
            }
            return result;
        } catch (IOException | RuntimeException e) {
            result.undo();
            throw e;
        }
    }

    static void folder(Path dir, List<String> repaired) throws IOException {
        String was = SafeFiles.privateDir(dir);
        if (was != null) {
            repaired.add(dir + " (was " + was + ")");
        }
        removeStaleTemporaries(dir);
    }

    /**
     * A run killed between writing a temporary and removing it leaves a key under a hidden name;
     * the run lock guarantees no other vpnc is writing one now, so any left is removed.
     */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        try (var entries = Files.newDirectoryStream(dir, e -> isTemporary(e.getFileName().toString()))) {
            for (Path e : entries) {
                if (Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(e);
                }
            }
        }
    }

    /** This vpnc's temporaries, and those of versions before it ({@code .private.key.tmp}). */
    private static boolean isTemporary(String name) {
        return name.startsWith(".") && (name.endsWith(".vpnc-tmp") || name.endsWith(".key.tmp") || name.endsWith(".psk.tmp"));
    }

    /** The folders from just below {@code root} down to {@code dir}, outermost first. */
    static List<Path> foldersBetween(Path root, Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && p.startsWith(root); p = p.getParent()) {
            out.add(0, p);
        }
        return out;
    }

    /** A key file's content: the key in base64 on one line, as `wg genkey` prints it. */
    static byte[] fileContent(byte[] key) {
        return (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void createKey(Path file, byte[] key) throws IOException {
        Path tmp = SafeFiles.tempSibling(file);
        SafeFiles.createNew(tmp, fileContent(key), SafeFiles.PRIVATE_FILE);
        try {
            // A hard link appears atomically and, unlike rename, never replaces an existing key.
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("key file `" + file + "` appeared while vpnc compiled (written by another program); "
                    + "run vpnc again to use it");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
