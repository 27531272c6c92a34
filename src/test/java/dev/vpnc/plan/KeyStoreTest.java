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

/** The key store never loses or overwrites a key and never prints one. */
class KeyStoreTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private final Path root = fs.getPath("/net/secrets");
    private final Diagnostics diagnostics = new Diagnostics();
    private final KeyStore store = new KeyStore(root, diagnostics);

    @Test
    void aKeyIsCreatedOnceThenReused() throws Exception {
        String first = store.publicKey("gw1", true);
        String content = Files.readString(root.resolve("gw1/private.key"));
        assertEquals(first, new KeyStore(root, diagnostics).publicKey("gw1", true));
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
        assertNotNull(store.publicKey("gw1", true));
        assertFalse(Files.exists(root.resolve("gw1/.private.key.tmp")));
        assertEquals(45, Files.readString(root.resolve("gw1/private.key")).length(), "44 base64 characters and a newline");
        assertFalse(diagnostics.hasErrors());
    }

    @Test
    void aCorruptKeyIsAnErrorNamingTheFileNeverItsContent() throws Exception {
        Files.createDirectories(root.resolve("gw1"));
        String garbage = "not-a-key-but-maybe-a-secret-of-someone";
        Files.writeString(root.resolve("gw1/private.key"), garbage);
        assertNull(store.publicKey("gw1", true));
        assertEquals(garbage, Files.readString(root.resolve("gw1/private.key")), "left as it was");
        String rendered = Renderer.render(diagnostics.sorted());
        assertTrue(rendered.contains("error[" + Code.E0313.id() + "]"), rendered);
        assertTrue(rendered.contains("/net/secrets/gw1/private.key"), rendered);
        assertFalse(rendered.contains(garbage), rendered);
    }

    @Test
    void bothEndsShareOnePresharedKeyAndADisagreementIsAnError() throws Exception {
        assertTrue(store.presharedKey("a", "b", true));
        assertEquals(Files.readString(root.resolve("a/psk/b.psk")), Files.readString(root.resolve("b/psk/a.psk")));
        Files.delete(root.resolve("b/psk/a.psk"));
        assertTrue(store.presharedKey("a", "b", true), "a lost copy is restored from the other end");
        assertEquals(Files.readString(root.resolve("a/psk/b.psk")), Files.readString(root.resolve("b/psk/a.psk")));
        Files.writeString(root.resolve("b/psk/a.psk"), java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertFalse(store.presharedKey("a", "b", true));
        assertTrue(Renderer.render(diagnostics.sorted()).contains("differs"));
    }
}
