package dev.vpnc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Renderer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The key store never loses or overwrites a key and never prints one; reading it never writes. */
class KeyStoreTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private final Path root = fs.getPath("/net/secrets");
    private final Diagnostics diagnostics = new Diagnostics();
    private final KeyStore store = new KeyStore(root, diagnostics);

    /** Reads like a compile: the keys it had to make are written afterwards, by {@link KeyWriter}. */
    private String publicKey(String host) throws Exception {
        KeyStore s = new KeyStore(root, diagnostics);
        String key = s.publicKey(host);
        KeyWriter.write(s.newKeys());
        return key;
    }

    private boolean presharedKey(String a, String b) throws Exception {
        KeyStore s = new KeyStore(root, diagnostics);
        boolean ok = s.presharedKey(a, b);
        KeyWriter.write(s.newKeys());
        return ok;
    }

    @Test
    void readingWritesNothing() {
        assertNotNull(store.publicKey("gw1"));
        assertTrue(store.presharedKey("gw1", "gw2"));
        assertFalse(Files.exists(root), "reading the key store created files");
        assertEquals(3, store.newKeys().files().size(), "a private key and both ends of the preshared key");
    }

    @Test
    void aKeyIsCreatedOnceThenReused() throws Exception {
        String first = publicKey("gw1");
        String content = Files.readString(root.resolve("gw1/private.key"));
        assertEquals(first, publicKey("gw1"));
        assertEquals(content, Files.readString(root.resolve("gw1/private.key")), "never overwritten");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("gw1/private.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("gw1"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertTrue(Files.readString(root.resolve(".gitignore")).contains("*"), "secrets stay out of git");
        assertFalse(diagnostics.hasErrors());
    }

    @Test
    void aHalfWrittenKeyOfAnInterruptedRunIsNeverTakenForAKey() throws Exception {
        Files.createDirectories(root.resolve("gw1"));
        Files.writeString(root.resolve("gw1/.private.key.tmp"), "oM3PZ1Htc7Fn");  // killed mid-write
        assertNotNull(publicKey("gw1"));
        assertFalse(Files.exists(root.resolve("gw1/.private.key.tmp")));
        assertEquals(45, Files.readString(root.resolve("gw1/private.key")).length(), "44 base64 characters and a newline");
        assertFalse(diagnostics.hasErrors());
    }

    @Test
    void aCorruptKeyIsAnErrorNamingTheFileNeverItsContent() throws Exception {
        Files.createDirectories(root.resolve("gw1"));
        String garbage = "not-a-key-but-maybe-a-secret-of-someone";
        Files.writeString(root.resolve("gw1/private.key"), garbage);
        assertNull(publicKey("gw1"));
        assertEquals(garbage, Files.readString(root.resolve("gw1/private.key")), "left as it was");
        String rendered = Renderer.render(diagnostics.sorted());
        assertTrue(rendered.contains("error[" + Code.E0313.id() + "]"), rendered);
        assertTrue(rendered.contains("/net/secrets/gw1/private.key"), rendered);
        assertFalse(rendered.contains(garbage), rendered);
    }

    @Test
    void bothEndsShareOnePresharedKeyAndADisagreementIsAnError() throws Exception {
        assertTrue(presharedKey("a", "b"));
        assertEquals(Files.readString(root.resolve("a/psk/b.psk")), Files.readString(root.resolve("b/psk/a.psk")));
        Files.delete(root.resolve("b/psk/a.psk"));
        assertTrue(presharedKey("a", "b"), "a lost copy is restored from the other end");
        assertEquals(Files.readString(root.resolve("a/psk/b.psk")), Files.readString(root.resolve("b/psk/a.psk")));
        Files.writeString(root.resolve("b/psk/a.psk"), java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertFalse(presharedKey("a", "b"));
        assertTrue(Renderer.render(diagnostics.sorted()).contains("differs"));
    }
}
