package dev.vpnc.review;

import dev.vpnc.io.SafeFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.SortedMap;
import java.util.TreeMap;

/** An output directory as it is on disk: relative path (with /) to what is there. */
public final class OutputTree {
    private OutputTree() {
    }

    /**
     * One entry. {@code bytes} is null for what is not a regular file (a symlink, a fifo);
     * {@code executable} is null where the file system has no POSIX modes.
     */
    public record Found(byte[] bytes, Boolean executable) {
        public boolean regular() {
            return bytes != null;
        }
    }

    /**
     * Every non-directory entry under {@code dir}, symlinks not followed; empty when dir does not
     * exist. An IOException when it is not a directory or cannot be read.
     */
    public static SortedMap<String, Found> read(Path dir) throws IOException {
        SortedMap<String, Found> found = new TreeMap<>();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("it exists and is not a directory");
        }
        // An output reached through a symlink is read where it is; links inside it are not followed.
        Path root = dir.toRealPath();
        // Asked once, not per file: each answer reads the mount table.
        boolean posix = SafeFiles.posix(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!attrs.isRegularFile()) {
                    found.put(rel, new Found(null, null));
                } else {
                    Boolean exec = posix ? Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE) : null;
                    found.put(rel, new Found(Files.readAllBytes(file), exec));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
