package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vpnc keys rotate} and {@code vpnc keys prune} on the reference network with preshared
 * keys: the files and modes they write, what they refuse (writing nothing), the batches of
 * {@code --all}, what a rotation changes in the bundles and in {@code vpnc plan}, and that no
 * key is ever printed.
 */
class KeysCommandTest {
    @TempDir
    Path tmp;

    private Path work;
    private String source;
    private Path secrets;
    private Path lock;
    /** Every secret the key store ever held in this test, base64 and hex. */
    private final TreeSet<String> everySecret = new TreeSet<>();

    @BeforeEach
    void compiledReference() throws IOException {
        work = tmp.resolve("net");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path file = work.resolve("net.vpn");
        Files.writeString(file, Files.readString(file).replace("  ports 5800..5899\n", "  ports 5800..5899\n  wireguard { psk on }\n"));
        source = file.toString();
        secrets = work.resolve("secrets");
        lock = work.resolve("vpnc.lock");
        run(0, "compile", source, "-o", out());
    }

    private String out() {
        return work.resolve("out").toString();
    }

    /** Runs vpnc, checks its exit code and that it printed no secret of the key store. */
    private Project.Run run(int exit, String... args) throws IOException {
        Project.Run r = Project.cli(args);
        assertEquals(exit, r.exit(), "vpnc " + String.join(" ", args) + "\n" + r.out() + r.err());
        everySecret.addAll(secrets());
        for (String s : everySecret) {
            assertFalse(r.out().contains(s) || r.err().contains(s), "a secret was printed by vpnc " + String.join(" ", args));
        }
        return r;
    }

    /** The key store's secrets, current and retired, base64 and hex. */
    private List<String> secrets() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(secrets)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(secrets)) {
            for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.toString().endsWith(".key") || p.toString().endsWith(".psk")).toList()) {
                String b64 = Files.readString(f).trim();
                out.add(b64);
                out.add(HexFormat.of().formatHex(Base64.getDecoder().decode(b64)));
            }
        }
        return out;
    }

    /** Every file of the key store and the lock, with content and mode: to show that nothing was written. */
    private SortedMap<String, String> state() throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(secrets)) {
            for (Path p : s.sorted().toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                files.put(secrets.relativize(p).toString(), mode + (Files.isRegularFile(p) ? " " + Files.readString(p) : ""));
            }
        }
        files.put("vpnc.lock", Files.readString(lock));
        return files;
    }

    private String read(String relative) throws IOException {
        return Files.readString(secrets.resolve(relative));
    }

    private String mode(String relative) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(relative), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void rotateRetiresTheOldKeyWritesANewOneAndCountsIt() throws IOException {
        String old1 = read("v1-1/private.key");
        String old2 = read("v2-1/private.key");
        String untouched = read("v1-2/private.key");
        Project.Run r = run(0, "keys", "rotate", source, "v1-1", "v2-1");
        assertNotEquals(old1, read("v1-1/private.key"));
        assertNotEquals(old2, read("v2-1/private.key"));
        assertEquals(old1, read("v1-1/retired/private.0.key"));
        assertEquals(old2, read("v2-1/retired/private.0.key"));
        assertEquals(untouched, read("v1-2/private.key"));
        assertEquals("rw-------", mode("v1-1/private.key"));
        assertEquals("rw-------", mode("v1-1/retired/private.0.key"));
        assertEquals("rwx------", mode("v1-1/retired"));
        assertTrue(Files.readString(lock).contains("\nkey v1-1 rotation 1\nkey v2-1 rotation 1\n"), Files.readString(lock));
        assertTrue(r.out().contains("rotated 2 keys"), r.out());
        assertTrue(r.out().contains("v1-1: new private key, public key " + PublicKeys.of(secrets).get("v1-1")), r.out());
        assertTrue(r.out().contains("deploy order does not matter"), r.out());

        // A second rotation retires generation 1 beside generation 0.
        String second = read("v1-1/private.key");
        run(0, "keys", "rotate", source, "v1-1");
        assertEquals(second, read("v1-1/retired/private.1.key"));
        assertEquals(old1, read("v1-1/retired/private.0.key"));
        assertTrue(Files.readString(lock).contains("\nkey v1-1 rotation 2\n"), Files.readString(lock));
    }

    @Test
    void presharedKeyRotationKeepsBothEndsEqual() throws IOException {
        String old = read("v1-1/psk/v2-1.psk");
        assertEquals(old, read("v2-1/psk/v1-1.psk"));
        run(0, "keys", "rotate", source, "--psk", "v2-1:v1-1");
        String now = read("v1-1/psk/v2-1.psk");
        assertNotEquals(old, now);
        assertEquals(now, read("v2-1/psk/v1-1.psk"));
        assertEquals(old, read("v1-1/retired/psk/v2-1.0.psk"));
        assertEquals(old, read("v2-1/retired/psk/v1-1.0.psk"));
        assertEquals("rw-------", mode("v2-1/psk/v1-1.psk"));
        assertEquals("rwx------", mode("v2-1/retired/psk"));
        assertTrue(Files.readString(lock).contains("\npsk v1-1 v2-1 rotation 1\n"), Files.readString(lock));
        run(0, "compile", source, "-o", out());
    }

    @Test
    void refusesWhatCannotBeRotatedAndWritesNothing() throws IOException {
        SortedMap<String, String> before = state();
        Project.Run unknown = run(1, "keys", "rotate", source, "v1-9", "r1");
        assertTrue(unknown.err().contains("error[E0330]: `v1-9` is not a gateway of network `reference`"), unknown.err());
        assertTrue(unknown.err().contains("did you mean `v1-1`?"), unknown.err());
        assertTrue(unknown.err().contains("`r1` is an internal router"), unknown.err());
        assertTrue(run(1, "keys", "rotate", source, "--psk", "v1-1:v1-2").err().contains("no tunnel between `v1-1` and `v1-2`"));

        Project.Run unsafe = run(1, "keys", "rotate", source, "v1-1", "v1-2", "v2-1");
        assertTrue(unsafe.err().contains("error[E0332]: rotating the key of `v1-1`, the key of `v1-2` and the key of `v2-1` at "
                + "once drains every tunnel between site `v1` and site `v2`"), unsafe.err());
        assertTrue(unsafe.err().contains("error[E0332]: rotating the key of `v1-1` and the key of `v1-2` at once drains every "
                + "tunnel between site `v1` and site `v3`"), unsafe.err());
        assertTrue(unsafe.err().contains("`vpnc keys rotate " + source + " v1-1 v2-1`, then `vpnc keys rotate " + source + " v1-2`"),
                unsafe.err());
        // A mistake among good names rotates none of them.
        assertEquals(before, state());

        Files.delete(secrets.resolve("v3-2/private.key"));
        before = state();
        Project.Run noKey = run(1, "keys", "rotate", source, "v3-2", "v1-1");
        assertTrue(noKey.err().contains("error[E0331]: gateway `v3-2` has no key to rotate yet"), noKey.err());
        assertEquals(before, state());

        assertTrue(run(1, "keys", "rotate", source, "--continue").err().contains("no key rotation is pending"));
        assertEquals(2, run(2, "keys", "rotate", source).exit());
        assertEquals(2, run(2, "keys", "rotate", source, "v1-1", "--all").exit());
        assertEquals(before, state());
    }

    @Test
    void aFailureAfterTheFirstKeyPutsEveryKeyBack() throws IOException {
        // A retired key of the generation to write exists already: never replaced, so the rotation fails.
        Files.createDirectory(secrets.resolve("v2-1/retired"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(secrets.resolve("v2-1/retired/private.0.key"), "planted\n");
        SortedMap<String, String> before = state();
        Project.Run r = run(1, "keys", "rotate", source, "v1-1", "v2-1");
        assertTrue(r.err().contains("exists already: vpnc never replaces a retired key"), r.err());
        SortedMap<String, String> after = state();
        // The retired folder made for v1-1 may stay (empty); nothing else differs.
        after.remove("v1-1/retired");
        assertEquals(before, after);
    }

    @Test
    void allRotatesOneGatewayPerSiteThenContinueTheRest() throws IOException {
        Project.Run first = run(0, "keys", "rotate", source, "--all");
        assertTrue(first.out().contains("rotated 3 keys (batch 1 of 2)"), first.out());
        assertTrue(first.out().contains("pending in " + lock + ", one batch after the other:\n    v1-2 v2-2 v3-2\n"), first.out());
        assertTrue(first.out().contains("`vpnc keys rotate " + source + " --continue`"), first.out());
        String text = Files.readString(lock);
        for (String line : List.of("key v1-1 rotation 1", "key v1-2 pending", "key v2-1 rotation 1", "key v2-2 pending",
                "key v3-1 rotation 1", "key v3-2 pending")) {
            assertTrue(text.contains("\n" + line + "\n"), line + " in\n" + text);
        }
        Project.Run again = run(1, "keys", "rotate", source, "--all");
        assertTrue(again.err().contains("--continue"), again.err());

        run(0, "compile", source, "-o", out());
        Project.Run plan = run(0, "plan", source, "-o", out());
        assertTrue(plan.out().contains("pending in the lock: v1-2 v2-2 v3-2: once this is deployed on every host, "
                + "`vpnc keys rotate " + source + " --continue`"), plan.out());

        Project.Run rest = run(0, "keys", "rotate", source, "--continue");
        assertTrue(rest.out().contains("rotated 3 keys, counted in"), rest.out());
        assertFalse(Files.readString(lock).lines().anyMatch(l -> l.endsWith(" pending") && !l.startsWith("#")),
                Files.readString(lock));
        assertTrue(run(1, "keys", "rotate", source, "--continue").err().contains("no key rotation is pending"));
        Project.Run allPsk = run(0, "keys", "rotate", source, "--all-psk");
        assertTrue(allPsk.out().contains("v1-1 <-> v2-1: new preshared key for both ends"), allPsk.out());
    }

    @Test
    void aRotationChangesTheBundlesOfTheGatewayAndItsPeersOnly() throws IOException {
        SortedMap<String, String> before = Project.readTree(work.resolve("out"));
        String oldPublic = PublicKeys.of(secrets).get("v1-1");
        run(0, "keys", "rotate", source, "v1-1");
        Project.Run compiled = run(0, "compile", source, "-o", out());
        assertTrue(compiled.out().contains("note: 1 retired key in " + secrets + " (`vpnc keys rotate`)"), compiled.out());
        SortedMap<String, String> after = Project.readTree(work.resolve("out"));
        assertEquals(before.keySet(), after.keySet());
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        // status.sh holds the hashes of its host's files: it changes with them.
        assertEquals(List.of("manifest.json", "v1-1/README.md", "v1-1/status.sh", "v1-1/wireguard/wg-v2-1.conf",
                "v1-1/wireguard/wg-v2-2.conf", "v1-1/wireguard/wg-v3-1.conf", "v1-1/wireguard/wg-v3-2.conf",
                "v2-1/status.sh", "v2-1/wireguard/wg-v1-1.conf", "v2-2/status.sh", "v2-2/wireguard/wg-v1-1.conf",
                "v3-1/status.sh", "v3-1/wireguard/wg-v1-1.conf", "v3-2/status.sh", "v3-2/wireguard/wg-v1-1.conf"), changed);
        assertTrue(after.get("v1-1/wireguard/wg-v2-2.conf").contains(
                "\n# Key rotations (vpnc.lock): v1-1 1, v2-2 0, preshared key 0\n"), after.get("v1-1/wireguard/wg-v2-2.conf"));
        String peer = after.get("v2-1/wireguard/wg-v1-1.conf");
        assertTrue(peer.contains("\n# Key rotations (vpnc.lock): v2-1 0, v1-1 1, preshared key 0\n"), peer);
        assertTrue(peer.contains("PublicKey = " + PublicKeys.of(secrets).get("v1-1") + "\n"), peer);
        assertFalse(peer.contains(oldPublic), peer);
        assertTrue(after.get("manifest.json").contains("\"key_rotation\": 1"));
    }

    @Test
    void planShowsWhatEachHostDrainsWhileTheKeysSwitch() throws IOException {
        run(0, "keys", "rotate", source, "v1-1", "--psk", "v2-2:v3-2");
        Project.Run plan = run(10, "plan", source, "-o", out());
        String o = plan.out();
        assertTrue(o.contains("\n    key rotated: rotation 0 -> 1 (vpnc.lock)\n"), o);
        assertTrue(o.contains("\n    tunnel to v1-1 changed: peer key rotation 0 -> 1\n"), o);
        assertTrue(o.contains("\nkey rotation: reload.sh on each host drains the BGP sessions of the tunnels whose keys change"), o);
        assertTrue(o.contains("""
                    v1-1: its key, rotation 0 -> 1
                        drained on v1-1: wg-v2-1 (v2-1), wg-v2-2 (v2-2), wg-v3-1 (v3-1), wg-v3-2 (v3-2)
                        drained on its peers: wg-v1-1 on v2-1, wg-v1-1 on v2-2, wg-v1-1 on v3-1, wg-v1-1 on v3-2
                        site v1's traffic goes through v1-2 meanwhile
                    preshared key v2-2 <-> v3-2: rotation 0 -> 1
                        drained: wg-v3-2 on v2-2, wg-v2-2 on v3-2
                        sites v2 and v3 keep 3 other tunnels meanwhile
                """), o);
        assertTrue(o.contains(" hitless, ") && !o.contains(": disruptive"), o);
    }

    @Test
    void pruneRemovesOnlyTheRetiredKeysNoBundleUses() throws IOException {
        run(0, "keys", "rotate", source, "v1-1", "--psk", "v2-2:v3-2");
        // Not compiled yet: the output still uses the old keys.
        Project.Run early = run(0, "keys", "prune", source, "-o", out());
        assertTrue(early.out().contains("removed 0 of 3 retired keys"), early.out());
        assertTrue(Files.exists(secrets.resolve("v1-1/retired/private.0.key")));

        run(0, "compile", source, "-o", out());
        Path retired = secrets.resolve("v1-1/retired");
        Files.writeString(retired.resolve("notes.txt"), "mine\n");
        Path elsewhere = tmp.resolve("elsewhere.key");
        Files.writeString(elsewhere, "not vpnc's\n");
        Files.createSymbolicLink(retired.resolve("private.7.key"), elsewhere);
        Files.writeString(secrets.resolve("v1-2/retired.txt"), "x");

        Project.Run dry = run(0, "keys", "prune", source, "-o", out(), "--dry-run");
        assertTrue(dry.out().contains("would remove 3 of 3 retired keys"), dry.out());
        assertTrue(Files.exists(retired.resolve("private.0.key")));

        Project.Run pruned = run(0, "keys", "prune", source, "-o", out());
        assertTrue(pruned.out().contains("removed 3 of 3 retired keys"), pruned.out());
        assertTrue(pruned.out().contains(retired.resolve("private.0.key").toString()), pruned.out());
        assertFalse(Files.exists(retired.resolve("private.0.key")));
        assertFalse(Files.exists(secrets.resolve("v2-2/retired")), "an emptied retired folder is removed");
        assertFalse(Files.exists(secrets.resolve("v3-2/retired")));
        // What vpnc did not name stays: the note, the symlink and what it points to.
        assertTrue(Files.exists(retired.resolve("notes.txt")));
        assertTrue(Files.isSymbolicLink(retired.resolve("private.7.key")));
        assertEquals("not vpnc's\n", Files.readString(elsewhere));
        assertTrue(Files.exists(secrets.resolve("v1-1/private.key")));

        Project.Run noManifest = run(1, "keys", "prune", source, "-o", tmp.resolve("nothing").toString());
        assertTrue(noManifest.err().contains("has no manifest.json"), noManifest.err());
    }
}
