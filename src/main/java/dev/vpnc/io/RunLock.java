package dev.vpnc.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Keeps two vpnc runs from writing the same output folder, lock file or key store at once: a run
 * holds an exclusive lock per path it writes, for as long as it reads and writes them. Another run
 * waits (and says so), and gives up with a message after a while. Locks are taken in one global
 * order (sorted), so two runs that write overlapping sets cannot deadlock; the kernel drops them
 * when their process dies, however it dies, so a crashed run never blocks the next one.
 *
 * <p>The lock files live in a private folder of the user's runtime directory, one per written
 * path (named by a hash of its canonical path), and stay there: nothing is added beside the
 * user's files, and a lock file that is never removed cannot be locked by two runs through two
 * different files. Java's locks are POSIX record locks, which a process drops when it closes any
 * descriptor of the file, so within one JVM a second holder waits on a table and never opens a
 * file this JVM has locked.
 */
public final class RunLock implements AutoCloseable {
    /** How long a run waits for another one before giving up. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 50;
    /** Lock files held by this JVM. */
    private static final Set<Path> IN_THIS_JVM = new HashSet<>();

    private record Held(Path file, FileChannel channel, FileLock lock) {
    }

    private final List<Held> held = new ArrayList<>();

    private RunLock() {
    }

    /** Thrown when another run held a lock for longer than the wait. */
    public static final class Busy extends IOException {
        Busy(String message) {
            super(message);
        }
    }

    /**
     * Locks every target (folders or files, existing or not), waiting up to {@code wait} for
     * each; {@code waiting} is told once per target that another run holds.
     */
    public static RunLock acquire(List<Path> targets, Duration wait, Consumer<String> waiting) throws IOException {
        Path dir = lockDir();
        TreeMap<Path, Path> files = new TreeMap<>();
        for (Path t : targets) {
            Path canonical = SafeFiles.canonical(t);
            files.put(dir.resolve(hash(canonical) + ".lock"), t);
        }
        RunLock run = new RunLock();
        try {
            for (var f : files.entrySet()) {
                run.held.add(lockOne(f.getKey(), f.getValue(), wait, waiting));
            }
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private static Held lockOne(Path file, Path target, Duration wait, Consumer<String> waiting) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            if (claimInThisJvm(file)) {
                FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(SafeFiles.PRIVATE_FILE));
                FileLock lock = null;
                try {
                    lock = ch.tryLock();
                    if (lock != null) {
                        String me = "pid " + ProcessHandle.current().pid() + "\n";
                        ch.truncate(0);
                        ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.US_ASCII)), 0);
                        return new Held(file, ch, lock);
                    }
                } finally {
                    if (lock == null) {
                        ch.close();
                        releaseInThisJvm(file);
                    }
                }
            }
            if (!told) {
                waiting.accept("waiting for another vpnc run that is writing `" + target + "`" + holder(file));
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw new Busy("another vpnc run has been writing `" + target + "` for over " + wait.toSeconds()
                        + " s" + holder(file) + "; try again when it has finished");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for another vpnc run", e);
            }
        }
    }

    private static boolean claimInThisJvm(Path file) {
        synchronized (IN_THIS_JVM) {
            return IN_THIS_JVM.add(file);
        }
    }

    private static void releaseInThisJvm(Path file) {
        synchronized (IN_THIS_JVM) {
            IN_THIS_JVM.remove(file);
        }
    }

    /** " (pid N)" as the holder wrote it, or nothing when this JVM holds it (reading would drop the lock). */
    private static String holder(Path file) {
        synchronized (IN_THIS_JVM) {
            if (IN_THIS_JVM.contains(file)) {
                return " (in this process)";
            }
        }
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return s.matches("pid [0-9]+") ? " (" + s + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * A private folder for lock files: the user's runtime directory when there is one, /run for
     * root, the user's cache otherwise. Never a shared folder such as /tmp, where another user
     * could create it first. One small file per path ever written stays there until the next boot
     * (/run is a tmpfs); {@code -Dvpnc.lock.dir=DIR} puts them elsewhere (the test suite, which
     * writes thousands of scratch paths, keeps them under target/).
     */
    static Path lockDir() throws IOException {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        String configured = System.getProperty("vpnc.lock.dir", "");
        Path base;
        if (!configured.isEmpty()) {
            SafeFiles.publicDirs(Path.of(configured).toAbsolutePath().getParent());
            SafeFiles.privateDir(Path.of(configured));
            return Path.of(configured);
        } else if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            base = Path.of(runtime, "vpnc");
        } else if (Files.isWritable(Path.of("/run")) && SafeFiles.ownedByMe(Path.of("/run"))) {
            base = Path.of("/run/vpnc");
        } else {
            base = Path.of(System.getProperty("user.home"), ".cache", "vpnc");
        }
        SafeFiles.publicDirs(base.getParent());
        SafeFiles.privateDir(base);
        Path dir = base.resolve("locks");
        SafeFiles.privateDir(dir);
        return dir;
    }

    private static String hash(Path canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases every lock (the files stay, see the class comment). */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            Held h = held.get(i);
            try {
                h.lock().release();
                h.channel().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            } finally {
                releaseInThisJvm(h.file());
            }
        }
        held.clear();
        if (first != null) {
            throw first;
        }
    }
}
