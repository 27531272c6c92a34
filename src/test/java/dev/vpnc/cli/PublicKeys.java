package dev.vpnc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.vpnc.plan.KeyStore;

/** Public keys of every host of a key store, derived in the test (host name to base64). */
final class PublicKeys {
    private PublicKeys() {
    }

    static Map<String, String> of(Path secrets) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        if (!Files.isDirectory(secrets)) {
            return keys;
        }
        try (Stream<Path> hosts = Files.list(secrets)) {
            for (Path host : hosts.filter(Files::isDirectory).toList()) {
                Path priv = host.resolve("private.key");
                if (Files.isRegularFile(priv)) {
                    byte[] k = Base64.getDecoder().decode(Files.readString(priv).trim());
                    // Checked against `wg pubkey` by WgPubkeyTest.
                    keys.put(host.getFileName().toString(), KeyStore.publicKeyOf(k));
                }
            }
        }
        return keys;
    }
}
