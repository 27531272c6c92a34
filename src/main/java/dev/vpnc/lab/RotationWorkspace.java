package dev.vpnc.lab;

import dev.vpnc.emit.Emitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the key rotation check (9) works: copies of the lab's key store and lock that it rotates
 * (the operator's own are never touched), each compile's bundles, and the last compile, whose
 * bundles the next one is compared with.
 */
final class RotationWorkspace {
    final Path dir;
    final Path keys;
    final Path lock;
    final Recompile recompile;
    SortedMap<String, String> previous;
    int compiles;

    RotationWorkspace(Path dir, Recompile recompile) {
        this.dir = dir;
        this.keys = dir.resolve("secrets");
        this.lock = dir.resolve("vpnc.lock");
        this.recompile = recompile;
    }

    /** The hosts whose bundle differs between two compiles, the rotated gateway first. */
    static List<String> changedHosts(SortedMap<String, String> before, SortedMap<String, String> after, List<String> hosts,
                                     String first) {
        List<String> changed = new ArrayList<>();
        for (String host : hosts) {
            if (!bundle(before, host).equals(bundle(after, host))) {
                changed.add(host);
            }
        }
        // The rotated gateway's own bundle may not change (its key is a secret): it is reloaded anyway.
        changed.remove(first);
        changed.add(0, first);
        return changed;
    }

    private static SortedMap<String, String> bundle(SortedMap<String, String> files, String host) {
        return new TreeMap<>(files.subMap(host + "/", host + "/\uffff"));
    }

    static void writeBundles(SortedMap<String, String> files, Path dir, List<String> hosts) throws IOException {
        for (String host : hosts) {
            for (var e : bundle(files, host).entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                if (Emitter.isExecutable(e.getKey())) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** A copy of the key store's regular files (links are not followed), private as the original. */
    static void copyKeyStore(Path from, Path to) throws IOException {
        Files.createDirectories(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
    }

}
