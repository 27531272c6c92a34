package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets stay in the key store: never in the output, and never regenerated. */
class SecretsTest {
    @TempDir
    Path tmp;

    /** The reference network with preshared keys on every tunnel. */
    private Path withPsk() throws IOException {
        Path work = tmp.resolve("net");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path source = work.resolve("net.vpn");
        String text = Files.readString(source).replace("  ports 5800..5899\n", "  ports 5800..5899\n  wireguard { psk on }\n");
        Files.writeString(source, text);
        return work;
    }

    @Test
    void noSecretOfTheKeyStoreAppearsInAnyOutputFile() throws IOException {
        Path work = withPsk();
        Project.Run run = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> secrets = secrets(work.resolve("secrets"));
        assertEquals(6 + 24, secrets.size() / 2, "6 private keys and 24 psk files (12 tunnels x 2 ends), base64 and hex forms");
        int scanned = 0;
        try (Stream<Path> files = Files.walk(work.resolve("out"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(f);
                for (String s : secrets) {
                    assertFalse(content.contains(s), f + " contains a secret of the key store");
                }
                scanned++;
            }
        }
        assertTrue(scanned > 50, "scanned " + scanned + " files");
        for (String s : secrets) {
            assertFalse(run.out().contains(s) || run.err().contains(s), "a secret was printed");
        }
    }

    @Test
    void keysAndPresharedKeysAreCreatedOnceWithPrivateModes() throws IOException {
        Path work = withPsk();
        Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        Map<String, String> first = Project.readTree(work.resolve("secrets"));
        Project.Run again = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out2").toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(first, Project.readTree(work.resolve("secrets")), "keys are reused, never regenerated");
        assertEquals(Project.readTree(work.resolve("out")), Project.readTree(work.resolve("out2")), "output is deterministic");
        assertEquals(first.get("v1-1/psk/v2-1.psk"), first.get("v2-1/psk/v1-1.psk"), "both ends share the preshared key");
        try (Stream<Path> all = Files.walk(work.resolve("secrets"))) {
            for (Path p : all.toList()) {
                if (p.getFileName().toString().equals(".gitignore")) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }
    }

    @Test
    void checkWritesNothing() throws IOException {
        Path work = withPsk();
        Project.Run run = Project.cli("check", work.resolve("net.vpn").toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(Files.exists(work.resolve("secrets")), "check created keys");
    }

    /** Every secret file's base64 content and its hex form. */
    static List<String> secrets(Path store) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".key") || name.endsWith(".psk")) {
                    String b64 = Files.readString(f).trim();
                    out.add(b64);
                    out.add(HexFormat.of().formatHex(Base64.getDecoder().decode(b64)));
                }
            }
        }
        return out;
    }
}
