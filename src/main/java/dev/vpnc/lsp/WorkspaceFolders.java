package dev.vpnc.lsp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The folders the editor opened, and the `.vpn` files in them: where references, renames and
 * workspace symbols look besides the open buffers. The walk follows no link, skips hidden
 * folders (.git, the key store's dot-folders) and build folders, and stops at a bound, so that
 * opening a home directory cannot make a request read a disk.
 */
final class WorkspaceFolders {
    static final int MAX_FILES = 2000;
    static final int MAX_DEPTH = 8;
    private static final List<String> SKIPPED = List.of("node_modules", "target", "build");

    private final List<Path> roots = new CopyOnWriteArrayList<>();

    void set(List<Path> folders) {
        roots.clear();
        folders.stream().map(p -> p.toAbsolutePath().normalize()).distinct().forEach(roots::add);
    }

    List<Path> roots() {
        return List.copyOf(roots);
    }

    /** The `.vpn` files under the folders, sorted; at most {@link #MAX_FILES}. */
    List<Path> vpnFiles() {
        TreeSet<Path> found = new TreeSet<>();
        for (Path root : roots) {
            try {
                Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name));
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".vpn")) {
                            found.add(file);
                        }
                        return found.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // unreadable: not ours to report from a lookup
                    }
                });
            } catch (IOException e) {
                // A folder that went away: the others still count.
            }
        }
        return new ArrayList<>(found);
    }
}
