package dev.vpnc.plan;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.messages.StoreMessages;
import dev.vpnc.io.SafeFiles;
import dev.vpnc.source.SourceFile;
import dev.vpnc.source.Span;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.KeyAgreement;

/**
 * Secrets beside the source, one folder per host: {@code secrets/HOST/private.key} and
 * {@code secrets/HOST/psk/PEER.psk}. Reading never writes: a key that is missing is made in
 * memory and returned by {@link #newKeys()}, and {@link KeyWriter} creates the files only when the
 * whole compile has succeeded (so a failed compile creates no key). A key that cannot be read is
 * an error naming the file, never showing its content; a key or key folder that others may read
 * is a warning.
 */
public final class KeyStore {
    /** X25519's base point (u = 9): a public key is the private scalar times it. */
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    public static final String DIR_NAME = "secrets";
    /** A key file is one base64 line; anything much larger is not a key (and /dev/zero must not be read). */
    private static final int MAX_KEY_FILE = 1024;

    private final Path root;
    private final Diagnostics diagnostics;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SortedMap<Path, byte[]> fresh = new TreeMap<>();

    public KeyStore(Path root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    public Path root() {
        return root;
    }

    /** The keys this compile would create, by file (paths under {@link #root()}). */
    public NewKeys newKeys() {
        return new NewKeys(root, new TreeMap<>(fresh));
    }

    /** Keys to create in a key store, by file. */
    public record NewKeys(Path root, SortedMap<Path, byte[]> files) {
        public boolean isEmpty() {
            return files.isEmpty();
        }
    }

    /** The public key of a host; a host without a private key gets a new one (in memory). Null on error. */
    public String publicKey(String host) {
        Path file = root.resolve(host).resolve("private.key");
        byte[] key = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? read(file) : make(file, true);
        return key == null ? null : publicKeyOf(key);
    }

    /**
     * The base64 X25519 public key of a 32-byte private key (as {@code wg pubkey} prints it): the
     * JDK's own X25519 (constant-time; module jdk.crypto.ec on JDK 17, java.base since JDK 22)
     * applied to the base point u = 9, which is what a public key is (RFC 7748, section 6.1). The
     * scalar is clamped by X25519 itself.
     */
    public static String publicKeyOf(byte[] privateKey) {
        try {
            KeyFactory keys = KeyFactory.getInstance("XDH");
            KeyAgreement x25519 = KeyAgreement.getInstance("X25519");
            x25519.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone())));
            x25519.doPhase(keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT)), true);
            // Little-endian u-coordinate, 32 bytes: WireGuard's encoding of a public key.
            return Base64.getEncoder().encodeToString(x25519.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no X25519", e);
        }
    }

    /** Makes sure both ends hold the same preshared key for their tunnel; false on error. */
    public boolean presharedKey(String host, String peer) {
        Path mine = root.resolve(host).resolve("psk").resolve(peer + ".psk");
        Path theirs = root.resolve(peer).resolve("psk").resolve(host + ".psk");
        boolean hasMine = Files.exists(mine, LinkOption.NOFOLLOW_LINKS);
        boolean hasTheirs = Files.exists(theirs, LinkOption.NOFOLLOW_LINKS);
        byte[] a = hasMine ? read(mine) : null;
        byte[] b = hasTheirs ? read(theirs) : null;
        if ((hasMine && a == null) || (hasTheirs && b == null)) {
            return false;
        }
        if (a != null && b != null && !Arrays.equals(a, b)) {
            diagnostics.add(StoreMessages.presharedKeysDiffer(at(mine), mine.toString(), root.relativize(theirs).toString()));
            return false;
        }
        byte[] key = a != null ? a : b != null ? b : make(mine, false);
        if (a == null) {
            fresh.put(mine, key);
        }
        if (b == null) {
            fresh.put(theirs, key);
        }
        return true;
    }

    /** A new key for {@code file}, remembered for {@link KeyWriter}. */
    private byte[] make(Path file, boolean clamp) {
        byte[] key = fresh(clamp);
        fresh.put(file, key);
        return key;
    }

    /** A WireGuard private key as `wg genkey` makes it (clamped), or 32 random bytes for a PSK. */
    static byte[] fresh(boolean clamp) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        if (clamp) {
            k[0] &= (byte) 248;
            k[31] &= 127;
            k[31] |= 64;
        }
        return k;
    }

    private byte[] read(Path file) {
        try {
            // The type is asked first: a FIFO or a device would block or never end.
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                diagnostics.add(StoreMessages.keyFileNotRegular(at(file), file.toString()));
                return null;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_KEY_FILE + 1);
            }
            if (bytes.length > MAX_KEY_FILE) {
                diagnostics.add(StoreMessages.keyFileTooLarge(at(file), file.toString(), MAX_KEY_FILE));
                return null;
            }
            byte[] key = Base64.getDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).trim());
            if (key.length != 32) {
                diagnostics.add(StoreMessages.keyFileWrongLength(at(file), file.toString()));
                return null;
            }
            warnIfOpen(file);
            return key;
        } catch (IllegalArgumentException e) {
            diagnostics.add(StoreMessages.keyFileNotBase64(at(file), file.toString()));
        } catch (IOException e) {
            diagnostics.add(StoreMessages.keyFileUnreadable(at(file), file.toString()));
        }
        return null;
    }

    /**
     * W0321 for a key file that someone other than its owner may read or write. Folders are not
     * warned about: their names are no secret, and compile makes those it writes keys into 0700.
     */
    private void warnIfOpen(Path file) throws IOException {
        if (!SafeFiles.openToOthers(file)) {
            return;
        }
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        diagnostics.add(StoreMessages.keyFileOpenToOthers(at(file), file.toString(), mode));
    }

    /** Where a diagnostic about a key file points: the file, whose content is never shown. */
    private static Span at(Path file) {
        return new Span(new SourceFile(file.toString(), ""), 0, 0);
    }
}
