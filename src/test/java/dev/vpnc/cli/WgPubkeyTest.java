package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public keys vpnc writes are the ones WireGuard's own `wg pubkey` derives. */
class WgPubkeyTest {
    @TempDir
    Path tmp;

    @Test
    void everyPeerPublicKeyIsWhatWgPubkeyDerives() throws Exception {
        Tools.require("wg");
        Path work = tmp.resolve("net");
        Project.Run run = Project.compileExample(Project.root().resolve("examples/reference"), work);
        assertEquals(0, run.exit(), run.err());
        Map<String, String> derivedByWg = new java.util.TreeMap<>();
        try (var hosts = Files.list(work.resolve("secrets"))) {
            for (Path host : hosts.filter(Files::isDirectory).sorted().toList()) {
                String priv = Files.readString(host.resolve("private.key"));
                Tools.Result r = Tools.run(priv, "wg", "pubkey");
                assertEquals(0, r.exit(), r.err());
                derivedByWg.put(host.getFileName().toString(), r.out().trim());
            }
        }
        assertEquals(6, derivedByWg.size());
        int checked = 0;
        Pattern peer = Pattern.compile("(?m)^PublicKey\\s*=\\s*(\\S+)");
        for (Map.Entry<String, String> f : Project.readTree(work.resolve("out")).entrySet()) {
            if (!f.getKey().contains("/wireguard/")) {
                continue;
            }
            // v1-1/wireguard/wg-v2-1.conf: the peer is v2-1.
            String peerHost = f.getKey().replaceFirst(".*/wg-(.*)\\.conf$", "$1");
            Matcher m = peer.matcher(f.getValue());
            assertTrue(m.find(), f.getKey() + " has no PublicKey");
            assertEquals(derivedByWg.get(peerHost), m.group(1), f.getKey());
            checked++;
        }
        assertEquals(24, checked);
    }

    /**
     * Keys as the key store never writes them too (unclamped: low bits set, high bit set, all
     * ones, all zeros): X25519 clamps the scalar itself, as `wg pubkey` does.
     */
    @Test
    void anyThirtyTwoBytesDeriveWhatWgPubkeyDerives() throws Exception {
        Tools.require("wg");
        java.util.Random random = new java.util.Random(20261206);
        java.util.List<byte[]> keys = new java.util.ArrayList<>();
        keys.add(new byte[32]);
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        keys.add(ones);
        for (int i = 0; i < 30; i++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            keys.add(k);
        }
        for (byte[] k : keys) {
            String priv = java.util.Base64.getEncoder().encodeToString(k);
            Tools.Result r = Tools.run(priv + "\n", "wg", "pubkey");
            assertEquals(0, r.exit(), r.err());
            assertEquals(r.out().trim(), dev.vpnc.plan.KeyStore.publicKeyOf(k), priv);
        }
    }
}
