package dev.vpnc.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * File operations that an attacker who plants files beside vpnc's cannot turn against it: new
 * files are created exclusively (a symlink or file planted at the name makes the call fail, it is
 * never followed), with their final mode from the first instant (a key is never readable by
 * others, not even for the time between a create and a chmod), under names nobody can predict;
 * replacements are a rename, which replaces a planted symlink instead of writing through it.
 * Modes are set explicitly, so what vpnc writes does not depend on the caller's umask.
 */
public final class SafeFiles {
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> PUBLIC_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    public static final Set<PosixFilePermission> EXECUTABLE = PUBLIC_DIR;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {
    }

    /** A name beside {@code file} for a temporary, random so that nobody can plant it ahead. */
    public static Path tempSibling(Path file) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(r) + ".vpnc-tmp");
    }

    /**
     * Creates {@code file}, which must not exist (not even as a dangling symlink), with
     * {@code mode} from its creation on, writes {@code bytes} and syncs them to disk.
     */
    public static void createNew(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        boolean posix = posix(file.toAbsolutePath().getParent());
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        // CREATE_NEW is O_CREAT|O_EXCL: it fails on anything at the name, symlinks included.
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), attrs)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (posix) {
                // The umask can only have taken bits away from `mode`: setting it exactly adds back
                // owner bits at most, never a bit for anyone else.
                Files.setPosixFilePermissions(file, mode);
            }
            ch.force(true);
        }
    }

    /** Replaces {@code file} with {@code bytes} in one rename; a symlink at {@code file} is replaced, not followed. */
    public static void replace(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = prepare(file, bytes, mode);
        commit(tmp, file);
    }

    /** Writes the future content of {@code file} to a fresh temporary beside it; {@link #commit} moves it in place. */
    public static Path prepare(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = tempSibling(file);
        try {
            createNew(tmp, bytes, mode);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Moves a prepared temporary over {@code file} atomically; the temporary is gone either way. */
    public static void commit(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Makes sure {@code dir} is a private directory of this user: created 0700 from the start when
     * missing; when it exists it must be a real directory (not a symlink) owned by this user, and
     * is made 0700 when anyone else could enter it. Returns the mode it had when it was repaired,
     * or null.
     */
    public static String privateDir(Path dir) throws IOException {
        boolean posix = posix(existingAncestor(dir));
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                Files.setPosixFilePermissions(dir, PRIVATE_DIR);
            } else {
                Files.createDirectory(dir);
            }
            return null;
        } catch (FileAlreadyExistsException exists) {
            // checked below
        }
        if (!posix) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("`" + dir + "` is not a directory");
            }
            return null;
        }
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException("`" + dir + "` is " + (a.isSymbolicLink() ? "a symlink" : "not a directory")
                    + ": a key folder must be a directory of its own");
        }
        if (!ownedByMe(dir)) {
            throw new IOException("`" + dir + "` belongs to another user: keys are never written into a folder someone else controls");
        }
        if (a.permissions().equals(PRIVATE_DIR)) {
            return null;
        }
        Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        return PosixFilePermissions.toString(a.permissions());
    }

    /** Creates the missing directories of {@code dir} with a fixed mode (0755), whatever the umask. */
    public static void publicDirs(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        publicDirs(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, PUBLIC_DIR);
        }
    }

    /** Whether anyone but the owner may read, write or enter {@code p} (false where modes do not exist). */
    public static boolean openToOthers(Path p) throws IOException {
        if (!posix(p)) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        for (PosixFilePermission bit : perms) {
            if (!bit.name().startsWith("OWNER_")) {
                return true;
            }
        }
        return false;
    }

    /** Whether this process's user owns {@code p} (true where ownership cannot be told). */
    public static boolean ownedByMe(Path p) throws IOException {
        Integer me = myUid();
        if (me == null || p.getFileSystem() != FileSystems.getDefault()) {
            return true;
        }
        Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return me.equals(uid);
    }

    private static Integer myUid() {
        try {
            // The kernel gives /proc/self the uid of the process that looks at it.
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The path with its existing part resolved to a real path (symlinks followed) and the rest,
     * which does not exist yet, appended: two spellings of one place compare equal.
     */
    public static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }

    /**
     * Whether files at {@code p} have POSIX modes. The file system answers first (jimfs may not);
     * then the file store, which is looked up in the mount table: in a chroot that table lists no
     * mount for the root ("Mount point not found"), and the file system's answer stands.
     */
    public static boolean posix(Path p) {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        try {
            return Files.getFileStore(existingAncestor(p)).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return true;
        }
    }

    private static Path existingAncestor(Path p) {
        Path at = p.toAbsolutePath();
        while (at != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            at = at.getParent();
        }
        return at == null ? p.toAbsolutePath().getRoot() : at;
    }
}
