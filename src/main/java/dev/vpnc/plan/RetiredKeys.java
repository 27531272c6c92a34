package dev.vpnc.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where {@code vpnc keys rotate} keeps the keys it replaced, until no deployed bundle uses them:
 * {@code HOST/retired/private.N.key} and {@code HOST/retired/psk/PEER.N.psk}, N being the key's
 * generation (how many rotations came before it). Listing reads names only, never follows a
 * symlink, and takes only regular files named as vpnc names them.
 */
public final class RetiredKeys {
    public static final String DIR_NAME = "retired";
    private static final Pattern PRIVATE = Pattern.compile("private\\.(0|[1-9][0-9]{0,8})\\.key");
    private static final Pattern PSK = Pattern.compile("(.+)\\.(0|[1-9][0-9]{0,8})\\.psk");

    private RetiredKeys() {
    }

    /**
     * One retired key file.
     *
     * @param host       the gateway whose folder holds it
     * @param peer       the other end of the tunnel for a preshared key, null for a private key
     * @param generation the key's generation: the rotation count before it was retired
     */
    public record Retired(Path file, String host, String peer, int generation) {
        public boolean presharedKey() {
            return peer != null;
        }
    }

    public static Path privateKey(Path root, String host, int generation) {
        return root.resolve(host).resolve(DIR_NAME).resolve("private." + generation + ".key");
    }

    public static Path presharedKey(Path root, String host, String peer, int generation) {
        return root.resolve(host).resolve(DIR_NAME).resolve("psk").resolve(peer + "." + generation + ".psk");
    }

    /** Every retired key of the key store, sorted by path; an absent key store has none. */
    public static List<Retired> list(Path root) throws IOException {
        List<Retired> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        for (Path host : entries(root)) {
            Path retired = host.resolve(DIR_NAME);
            if (!isDirectory(host) || !isDirectory(retired)) {
                continue;
            }
            String name = host.getFileName().toString();
            for (Path f : entries(retired)) {
                Matcher m = PRIVATE.matcher(f.getFileName().toString());
                if (m.matches() && isRegular(f)) {
                    out.add(new Retired(f, name, null, Integer.parseInt(m.group(1))));
                }
            }
            Path psk = retired.resolve("psk");
            if (isDirectory(psk)) {
                for (Path f : entries(psk)) {
                    Matcher m = PSK.matcher(f.getFileName().toString());
                    if (m.matches() && isRegular(f)) {
                        out.add(new Retired(f, name, m.group(1), Integer.parseInt(m.group(2))));
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static boolean isDirectory(Path p) throws IOException {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                && Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
    }

    static boolean isRegular(Path p) throws IOException {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                && Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
    }

    /**
     * Removes retired key files (each must still be a regular file, never a link that replaced
     * it), then the {@code retired} folders left empty; returns the files removed.
     */
    public static List<Path> remove(List<Retired> keys) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (Retired k : keys) {
            if (isRegular(k.file())) {
                Files.delete(k.file());
                removed.add(k.file());
            }
        }
        for (Retired k : keys) {
            Path retired = k.presharedKey() ? k.file().getParent().getParent() : k.file().getParent();
            deleteIfEmpty(retired.resolve("psk"));
            deleteIfEmpty(retired);
        }
        return removed;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (!isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                return;
            }
        }
        Files.deleteIfExists(dir);
    }
}
