package dev.vpnc.plan;

import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Secrets beside the source, one folder per host: {@code secrets/HOST/private.key} and
 * {@code secrets/HOST/psk/PEER.psk}. Keys are created once and never overwritten; a key that
 * cannot be read is an error naming the file (never its content). Folders 0700, files 0600; a
 * key is written to a temporary file and moved into place, so an interrupted run leaves none
 * half-written.
 */
public final class KeyStore {
    public static final String DIR_NAME = "secrets";
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final Diagnostics diagnostics;
    private final SecureRandom random = new SecureRandom();

    public KeyStore(Path root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    public Path root() {
        return root;
    }

    /** The public key of a host, creating its private key when it has none. Null on error. */
    public String publicKey(String host, boolean create) {
        Path file = root.resolve(host).resolve("private.key");
        byte[] key = readOrCreate(file, create);
        if (key == null) {
            return null;
        }
        return publicKeyOf(key);
    }

    /** The base64 X25519 public key of a 32-byte private key (as {@code wg pubkey} prints it). */
    public static String publicKeyOf(byte[] privateKey) {
        X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(privateKey, 0);
        return Base64.getEncoder().encodeToString(priv.generatePublicKey().getEncoded());
    }

    /** Makes sure both ends hold the same preshared key for their tunnel. */
    public boolean presharedKey(String host, String peer, boolean create) {
        Path mine = root.resolve(host).resolve("psk").resolve(peer + ".psk");
        Path theirs = root.resolve(peer).resolve("psk").resolve(host + ".psk");
        byte[] a = Files.exists(mine) ? read(mine) : null;
        byte[] b = Files.exists(theirs) ? read(theirs) : null;
        if ((Files.exists(mine) && a == null) || (Files.exists(theirs) && b == null)) {
            return false;
        }
        if (a != null && b != null && !Arrays.equals(a, b)) {
            invalid(mine, "its preshared key differs from the one in `" + root.relativize(theirs) + "`");
            return false;
        }
        if (!create) {
            return true;
        }
        byte[] key = a != null ? a : b != null ? b : fresh(false);
        return (a != null || write(mine, key)) && (b != null || write(theirs, key));
    }

    private byte[] readOrCreate(Path file, boolean create) {
        if (Files.exists(file)) {
            return read(file);
        }
        if (!create) {
            return fresh(true);
        }
        byte[] key = fresh(true);
        if (!write(file, key)) {
            return null;
        }
        return read(file);
    }

    /** A WireGuard private key as `wg genkey` makes it (clamped), or 32 random bytes for a PSK. */
    private byte[] fresh(boolean clamp) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        if (clamp) {
            k[0] &= (byte) 248;
            k[31] &= 127;
            k[31] |= 64;
        }
        return k;
    }

    private byte[] read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length != 32) {
                invalid(file, "it does not hold a 32-byte base64 key");
                return null;
            }
            return key;
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            invalid(file, "it does not hold a base64 key");
        } catch (IOException e) {
            invalid(file, "it cannot be read");
        }
        return null;
    }

    private boolean write(Path file, byte[] key) {
        try {
            makeDirs(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            restrict(tmp, FILE_MODE);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                // A hard link appears atomically and, unlike rename, never replaces an existing key.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // Another run created it first: keep theirs.
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        } catch (IOException e) {
            invalid(file, "it cannot be written (" + e.getClass().getSimpleName() + ")");
            return false;
        }
    }

    private void makeDirs(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        makeDirs(dir.getParent());
        Files.createDirectory(dir);
        restrict(dir, DIR_MODE);
        if (dir.equals(root)) {
            // Keep the secrets out of version control by default.
            Files.writeString(dir.resolve(".gitignore"), "# vpnc secrets: never commit\n*\n");
        }
    }

    private static void restrict(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(p, mode);
        }
    }

    private void invalid(Path file, String why) {
        String shown = file.toString();
        diagnostics.add(Diagnostic.of(Code.E0313, new Span(new SourceFile(shown, ""), 0, 0),
                "key file `" + shown + "` is unusable: " + why).label("in the key store"));
    }
}
