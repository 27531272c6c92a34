package dev.vpnc.plan;

import dev.vpnc.io.SafeFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rotates the keys of a {@link RotationPlan} in the key store, with {@link KeyWriter}'s care:
 * each key in use is first hard-linked to its retired name (atomic, and never replacing a file:
 * a retired key of that generation that exists already fails the rotation), the new key is
 * written 0600 under a random temporary name, and only once every new key is ready are they
 * renamed over the keys in use. The folders of retired keys are private folders of this user
 * (0700, no symlink, nobody else's). A key file that is not a regular file is refused.
 * {@link Rotation#undo()} puts every key back as it was, for a run that fails after the keys.
 */
public final class KeyRotationWriter {
    private KeyRotationWriter() {
    }

    /** One key file replaced: the file in use, where its old key went, the temporary of its new key. */
    private static final class Swap {
        final Path file;
        final Path retired;
        Path fresh;
        boolean switched;

        Swap(Path file, Path retired) {
            this.file = file;
            this.retired = retired;
        }
    }

    /** What a rotation did; {@code publicKeys}: the new public key of each rotated gateway. */
    public static final class Rotation {
        private final List<Swap> swaps = new ArrayList<>();
        private final List<String> repaired = new ArrayList<>();
        private final Map<String, String> publicKeys = new TreeMap<>();

        public List<String> foldersMadePrivate() {
            return List.copyOf(repaired);
        }

        public Map<String, String> publicKeys() {
            return Map.copyOf(publicKeys);
        }

        /** Puts every old key back in use and removes what this rotation created. */
        public void undo() {
            for (int i = swaps.size() - 1; i >= 0; i--) {
                Swap s = swaps.get(i);
                try {
                    if (s.fresh != null) {
                        Files.deleteIfExists(s.fresh);
                    }
                    if (s.switched) {
                        Path back = SafeFiles.tempSibling(s.file);
                        Files.createLink(back, s.retired);
                        SafeFiles.commit(back, s.file);
                    }
                    Files.deleteIfExists(s.retired);
                } catch (IOException ignored) {
                    // Best effort: the old key stays under its retired name, which the error names.
                }
            }
        }
    }

    public static Rotation write(Path root, RotationPlan plan) throws IOException {
        Rotation done = new Rotation();
        try {
            for (Rotated r : plan.now()) {
                int n = plan.generations().get(r);
                if (r.isKey()) {
                    byte[] key = KeyStore.fresh(true);
                    retire(root, root.resolve(r.host()).resolve("private.key"), RetiredKeys.privateKey(root, r.host(), n), key, done);
                    done.publicKeys.put(r.host(), KeyStore.publicKeyOf(key));
                } else {
                    // One new key for both ends: a tunnel's two files always hold the same one.
                    byte[] key = KeyStore.fresh(false);
                    GatewayPair t = r.tunnel();
                    retire(root, root.resolve(t.a()).resolve("psk").resolve(t.b() + ".psk"),
                            RetiredKeys.presharedKey(root, t.a(), t.b(), n), key, done);
                    retire(root, root.resolve(t.b()).resolve("psk").resolve(t.a() + ".psk"),
                            RetiredKeys.presharedKey(root, t.b(), t.a(), n), key, done);
                }
            }
            for (Swap s : done.swaps) {
                SafeFiles.commit(s.fresh, s.file);
                s.fresh = null;
                s.switched = true;
            }
            return done;
        } catch (IOException | RuntimeException e) {
            done.undo();
            throw e;
        }
    }

    /** Links the key in use to its retired name and prepares its replacement beside it. */
    private static void retire(Path root, Path file, Path retired, byte[] key, Rotation done) throws IOException {
        if (!RetiredKeys.isRegular(file)) {
            throw new IOException("key file `" + file + "` is not a regular file: vpnc rotates only the key files it wrote");
        }
        // The gateway's folder and the retired folders below it, outermost first.
        for (Path dir : KeyWriter.foldersBetween(root, retired.getParent())) {
            KeyWriter.folder(dir, done.repaired);
        }
        Swap s = new Swap(file, retired);
        try {
            // A hard link appears atomically and never replaces a file: an old key is never lost.
            Files.createLink(retired, file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("`" + retired + "` exists already: vpnc never replaces a retired key; move it away, "
                    + "or run `vpnc keys prune` once no bundle uses it");
        }
        done.swaps.add(s);
        s.fresh = SafeFiles.prepare(file, KeyWriter.fileContent(key), SafeFiles.PRIVATE_FILE);
    }
}
