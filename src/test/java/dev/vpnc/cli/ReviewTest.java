package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review before deploying: manifest.json lists every file with its hash; `compile --check`
 * tells whether a committed output is up to date; `plan` says per host what a compile would
 * change and whether applying it is hitless or disruptive. Neither check nor plan writes
 * anything: no output, no key, no lock.
 */
class ReviewTest {
    /** The fourth site of LockStabilityTest: its name sorts first on purpose. */
    private static final String FOURTH_SITE = """

            site v0 {
              asn 65004
              prefixes 2001:db8:a4::/64, 10.0.4.0/24
              subnet 2001:db8:f4::/64, 10.1.4.0/28
              gateway v0-1 uses edge { endpoint 2001:db8:4::1 }
              gateway v0-2 uses edge { endpoint 2001:db8:4::2 }
              router r0 {
                lan eth0
                hosts eth1
              }
            }
            """;
    private static final List<String> GATEWAYS = List.of("v1-1", "v1-2", "v2-1", "v2-2", "v3-1", "v3-2");

    /** The reference network compiled once (output, key store, lock); each test works on a copy. */
    @TempDir
    static Path compiled;

    @TempDir
    Path tmp;

    Path work;
    Path source;
    Path out;
    String original;

    @BeforeAll
    static void compileReference() throws IOException {
        Project.Run r = Project.compileExample(Project.root().resolve("examples/reference"), compiled.resolve("net"));
        assertEquals(0, r.exit(), r.err());
    }

    @BeforeEach
    void copyCompiled() throws IOException {
        work = tmp.resolve("net");
        source = work.resolve("net.vpn");
        out = work.resolve("out");
        Path from = compiled.resolve("net");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = work.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        original = Files.readString(source);
    }

    @Test
    void manifestListsEveryFileOnceSortedWithItsSha256() throws IOException {
        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        List<String> paths = new ArrayList<>();
        for (JsonElement e : manifest.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            String path = f.get("path").getAsString();
            paths.add(path);
            assertEquals(sha256(Files.readAllBytes(out.resolve(path))), f.get("sha256").getAsString(), path);
            if (path.contains("/") && !path.startsWith("ansible/")) {
                assertEquals(path.substring(0, path.indexOf('/')), f.get("host").getAsString(), path);
            } else {
                assertFalse(f.has("host"), path + " is at the root: the fleet's playbook and the pictures belong to no host");
            }
        }
        assertEquals(new ArrayList<>(new TreeSet<>(paths)), paths, "listed once each, sorted by path");
        TreeSet<String> onDisk = new TreeSet<>(Project.readTree(out).keySet());
        onDisk.remove("manifest.json");
        assertEquals(onDisk, new TreeSet<>(paths), "every file of the output but the manifest itself");
        assertEquals(onDisk.size(), paths.size(), "the hosts' files, the root files and the marker");
        assertEquals(9, manifest.getAsJsonObject("hosts").size());

        // Public keys only: no private or preshared key of the store appears in it.
        String text = Files.readString(out.resolve("manifest.json"));
        try (Stream<Path> keys = Files.walk(work.resolve("secrets"))) {
            for (Path k : keys.filter(p -> p.toString().endsWith(".key")).toList()) {
                assertFalse(text.contains(Files.readString(k).trim()), "secret of " + k.getParent().getFileName());
            }
        }
        assertFalse(text.contains(tmp.toString()), "no absolute path");

        // Unchanged, it is not rewritten: the recompile writes nothing at all.
        long inode = (long) Files.getAttribute(out.resolve("manifest.json"), "unix:ino");
        Project.Run again = Project.cli("compile", source.toString(), "-o", out.toString());
        assertEquals(0, again.exit(), again.err());
        int files = Project.readTree(out).size();
        assertTrue(again.out().contains("(0 written, " + files + " unchanged)"), again.out());
        assertEquals(inode, (long) Files.getAttribute(out.resolve("manifest.json"), "unix:ino"), "manifest kept, not rewritten");
    }

    @Test
    void checkPassesOnAnUpToDateOutput() throws IOException {
        SortedMap<String, String> before = Project.readTree(work);
        Project.Run r = Project.cli("compile", "--check", source.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("is up to date (" + Project.readTree(out).size() + " files)"), r.out());
        assertEquals(before, Project.readTree(work), "--check writes nothing");
    }

    @Test
    void checkNamesAChangedByteAnExtraFileAndAMissingOne() throws IOException {
        Path conf = out.resolve("v2-1/wireguard/wg-v1-1.conf");
        byte[] bytes = Files.readAllBytes(conf);
        bytes[bytes.length - 2] ^= 1;
        Files.write(conf, bytes);
        Project.Run one = Project.cli("compile", "--check", source.toString(), "-o", out.toString());
        assertEquals(10, one.exit(), one.out() + one.err());
        assertTrue(one.out().contains("differs  v2-1/wireguard/wg-v1-1.conf"), one.out());
        assertTrue(one.out().contains("1 file differs"), one.out());

        Files.writeString(out.resolve("v1-1/notes.txt"), "mine\n");
        Files.delete(out.resolve("r3/up.sh"));
        Files.setPosixFilePermissions(out.resolve("v3-2/up.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        SortedMap<String, String> before = Project.readTree(work);
        Project.Run three = Project.cli("compile", "--check", source.toString(), "-o", out.toString());
        assertEquals(10, three.exit(), three.out() + three.err());
        assertTrue(three.out().contains("extra    v1-1/notes.txt"), three.out());
        assertTrue(three.out().contains("missing  r3/up.sh"), three.out());
        assertTrue(three.out().contains("differs  v3-2/up.sh (not executable)"), three.out());
        assertTrue(three.out().contains("4 files differ"), three.out());
        assertEquals(before, Project.readTree(work), "--check repairs nothing");
    }

    @Test
    void checkCreatesNoKeyAndReportsTheMissingOneAndTheStaleLock() throws IOException {
        Files.writeString(source, original + FOURTH_SITE);
        String lock = Files.readString(work.resolve("vpnc.lock"));
        Project.Run r = Project.cli("compile", "--check", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("no key   " + work.resolve("secrets/v0-1/private.key")), r.out());
        assertTrue(r.out().contains("lock     " + work.resolve("vpnc.lock") + " is out of date"), r.out());
        assertTrue(r.out().contains("missing  v0-1/up.sh"), r.out());
        assertFalse(Files.exists(work.resolve("secrets/v0-1")), "no key created");
        assertEquals(lock, Files.readString(work.resolve("vpnc.lock")), "lock untouched");
    }

    @Test
    void planAfterCompileShowsNoChanges() {
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("no changes: "), r.out());
    }

    @Test
    void planOfAFourthSiteShowsNewTunnelsAsDisruptiveAndTheNewHostsAsAdded() throws IOException {
        Files.writeString(source, original + FOURTH_SITE);
        SortedMap<String, String> before = Project.readTree(work);
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        for (String gw : GATEWAYS) {
            String block = hosts.get(gw);
            assertNotNull(block, gw + " in\n" + r.out());
            assertTrue(block.startsWith("! " + gw + ": disruptive"), block);
            assertTrue(block.contains("tunnels added: v0-1 (wg-v0-1, port "), block);
            assertTrue(block.contains("v0-2 (wg-v0-2, port "), block);
            assertTrue(block.contains("disruptive: WireGuard interfaces to create: wg-v0-1, wg-v0-2"), block);
            assertTrue(block.contains("BGP sessions added: bgp_v0_1 (v0-1), bgp_v0_2 (v0-2)"), block);
            assertTrue(block.contains("prefixes accepted added: 10.0.4.0/24, 2001:db8:a4::/64"), block);
            assertTrue(block.contains("+ " + gw + "/wireguard/wg-v0-1.conf"), block);
            assertFalse(block.contains("removed"), block);
        }
        for (String added : List.of("v0-1", "v0-2", "r0")) {
            assertTrue(hosts.get(added).startsWith("+ " + added + ": added"), hosts.get(added));
        }
        assertTrue(hosts.get("v0-1").contains("tunnels to v1-1, v1-2, v2-1, v2-2, v3-1, v3-2"), hosts.get("v0-1"));
        // The routers route to the new site too: only their status.sh says so.
        for (String router : List.of("r1", "r2", "r3")) {
            assertEquals("~ " + router + ": hitless\n    ~ " + router + "/status.sh", hosts.get(router).strip(), r.out());
        }
        assertTrue(r.out().contains("plan for " + out + ": 3 added, 3 hitless, 6 disruptive"), r.out());
        assertEquals(before, Project.readTree(work), "plan writes nothing: no output, no key, no lock");
        assertFalse(Files.exists(work.resolve("secrets/v0-1")));
    }

    /** A seventh spoke for the hub-and-spoke example. */
    private static final String NEW_SPOKE = """

            site rennes {
              prefixes 2001:db8:b9::/64, 10.0.99.0/24
              subnet 2001:db8:f9::/64, 10.1.99.0/28
              gateway rennes-1 uses edge { endpoint 2001:db8:99::1 }
              gateway rennes-2 uses edge { endpoint 2001:db8:99::2 }
            }
            """;

    @Test
    void planOfANewSpokeSaysWhichHubsCarryItAndWhichSpokesReachItThroughThem() throws IOException {
        Path hubs = tmp.resolve("hub-spoke");
        Project.Run compiled = Project.compileExample(Project.root().resolve("examples/hub-spoke"), hubs);
        assertEquals(0, compiled.exit(), compiled.err());
        Path net = hubs.resolve("net.vpn");
        Files.writeString(net, Files.readString(net) + NEW_SPOKE);
        Project.Run r = Project.cli("plan", net.toString(), "-o", hubs.resolve("out").toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> blocks = hostBlocks(r.out());
        for (String hub : List.of("par-1", "par-2", "fra-1", "fra-2")) {
            assertTrue(blocks.get(hub).contains("sites carried for the spokes added: rennes"), blocks.get(hub));
        }
        for (String spoke : List.of("lyon-1", "lyon-2")) {
            assertTrue(blocks.get(spoke).contains("sites reached through the hubs added: rennes"), blocks.get(spoke));
            assertFalse(blocks.get(spoke).contains("sites carried"), blocks.get(spoke));
        }

        // A manifest from before vpnc recorded transit: nothing to compare, so nothing said.
        Path manifest = hubs.resolve("out/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceAll("(?m),\\n\\s*\"carries\": \\[[^]]*],\\n\\s*\"through_hubs\": \\[[^]]*]", ""));
        assertFalse(Files.readString(manifest).contains("carries"));
        Project.Run old = Project.cli("plan", net.toString(), "-o", hubs.resolve("out").toString());
        assertEquals(10, old.exit(), old.out() + old.err());
        assertFalse(old.out().contains("sites carried") || old.out().contains("through the hubs"), old.out());
        assertTrue(hostBlocks(old.out()).get("par-1").contains("tunnels added: rennes-1"), old.out());
    }

    @Test
    void planOfABgpTimerChangeIsHitless() throws IOException {
        Files.writeString(source, original.replace("  underlay ipv6\n", "  underlay ipv6\n  bgp { hold 9s }\n"));
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        assertEquals(9, hosts.size(), r.out());
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            assertTrue(h.getValue().startsWith("~ " + h.getKey() + ": hitless"), h.getValue());
            assertTrue(h.getValue().contains("timers: bgp hold 6s keepalive 2s preference 160, bfd 100ms x 3 -> bgp hold 9s"),
                    h.getValue());
            assertTrue(h.getValue().contains("~ " + h.getKey() + "/bird.conf"), h.getValue());
            assertFalse(h.getValue().contains("up.sh"), h.getValue());
        }
        assertFalse(r.out().contains(": disruptive"), r.out());
    }

    @Test
    void planOfANewEndpointIsHitless() throws IOException {
        // up.sh names each tunnel's endpoint in a comment only: nothing to re-run.
        Files.writeString(source, original.replace("endpoint 2001:db8:2::1 }", "endpoint 2001:db8:2::9 }"));
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        assertEquals(List.of("v1-1", "v1-2", "v3-1", "v3-2"), List.copyOf(hosts.keySet()), r.out());
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            assertTrue(h.getValue().startsWith("~ " + h.getKey() + ": hitless"), h.getValue());
            assertTrue(h.getValue().contains("tunnel to v2-1 changed: endpoint [2001:db8:2::1]:"), h.getValue());
            assertTrue(h.getValue().contains("~ " + h.getKey() + "/wireguard/wg-v2-1.conf"), h.getValue());
        }
    }

    @Test
    void planOfANewLanInterfaceIsDisruptive() throws IOException {
        Files.writeString(source, original.replace("  lan eth1\n}", "  lan eth5\n}"));
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        assertEquals(GATEWAYS, List.copyOf(hosts.keySet()), r.out());
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            assertTrue(h.getValue().startsWith("! " + h.getKey() + ": disruptive"), h.getValue());
            assertTrue(h.getValue().contains("disruptive: lan: eth1 -> eth5"), h.getValue());
        }
    }

    @Test
    void planWithoutAManifestFallsBackToFiles() throws IOException {
        Files.delete(out.resolve("manifest.json"));
        Files.writeString(source, original + FOURTH_SITE);
        Project.Run r = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("has no manifest.json"), r.out());
        assertTrue(hostBlocks(r.out()).get("v1-1").contains(
                "disruptive: up.sh, down.sh changed: run up.sh again (no summary of the old output"), r.out());
    }

    @Test
    void planDiffShowsTheChangedLinesUnderEachFileAndNothingOfARemovedOne() throws IOException {
        Files.writeString(source, original.replace("prefixes 2001:db8:a2::/64, 10.0.2.0/24",
                "prefixes 2001:db8:a2::/64, 10.0.20.0/24"));
        // DIR is the user's: a file compile would remove is named, its content never shown.
        Files.writeString(out.resolve("v1-1/notes.txt"), "TOP-SECRET-123\n");
        SortedMap<String, String> before = Project.readTree(work);
        Project.Run r = Project.cli("plan", "--diff", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());

        String block = hostBlocks(r.out()).get("v1-1");
        assertTrue(block.contains("\n    - v1-1/notes.txt\n"), block);
        List<String> bird = diffUnder(block, "~ v1-1/bird.conf");
        assertEquals("--- " + out.resolve("v1-1/bird.conf"), bird.get(0), block);
        assertEquals("+++ compiled/v1-1/bird.conf", bird.get(1), block);
        // one line changed: a hunk of 3 lines of context, the line removed, the line added, 3 lines
        assertTrue(bird.get(2).matches("@@ -(\\d+),7 \\+\\1,7 @@"), block);
        assertEquals(11, bird.size(), block);
        assertTrue(bird.get(6).startsWith("-define SITE_V2_V4 = [ 10.0.2.0/24+ ];"), block);
        assertTrue(bird.get(7).startsWith("+define SITE_V2_V4 = [ 10.0.20.0/24+ ];"), block);
        for (int i : new int[] {3, 4, 5, 8, 9, 10}) {
            assertTrue(bird.get(i).startsWith(" "), "context: " + bird.get(i));
        }
        // the announcing gateways too, and the root's files
        assertTrue(diffUnder(hostBlocks(r.out()).get("v2-1"), "~ v2-1/bird.conf")
                .contains("+define SITE_V2_V4 = [ 10.0.20.0/24+ ];  # site v2 (this gateway's site), IPv4"), r.out());
        assertTrue(r.out().contains("\n        +++ compiled/topology.svg\n"), r.out());
        assertTrue(r.out().contains("    ~ manifest.json\n        hashes and summaries of the files above: not shown\n"), r.out());

        assertFalse(r.out().contains("TOP-SECRET-123") || r.err().contains("TOP-SECRET-123"), r.out());
        assertEquals(before, Project.readTree(work), "plan --diff writes nothing");

        // Without --diff: the same plan, line for line, without the diffs.
        Project.Run plain = Project.cli("plan", source.toString(), "-o", out.toString());
        assertEquals(10, plain.exit(), plain.out() + plain.err());
        assertFalse(plain.out().contains("@@") || plain.out().contains("\n        "), plain.out());
        assertEquals(plain.out(), r.out().lines().filter(l -> !l.startsWith("        "))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()));
    }

    @Test
    void planDiffShowsTheFilesAddedToAnExistingHostNotThoseOfANewOne() throws IOException {
        Files.writeString(source, original + FOURTH_SITE);
        Project.Run r = Project.cli("plan", "--diff", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        List<String> conf = diffUnder(hosts.get("v1-1"), "+ v1-1/wireguard/wg-v0-1.conf");
        assertEquals(List.of("--- /dev/null", "+++ compiled/v1-1/wireguard/wg-v0-1.conf"), conf.subList(0, 2), r.out());
        assertTrue(conf.get(2).matches("@@ -0,0 \\+1,\\d+ @@"), conf.get(2));
        assertTrue(conf.stream().skip(3).allMatch(l -> l.startsWith("+")), conf.toString());
        // v0-1's key is made at compile: a throwaway one here, named instead of shown.
        assertTrue(conf.contains("+PublicKey = <public key of v0-1: compile creates it>"), conf.toString());
        for (String added : List.of("v0-1", "v0-2", "r0")) {
            assertTrue(hosts.get(added).matches("(?s).*\n    \\d+ files added"), hosts.get(added));
        }
        assertEquals(r.out(), Project.cli("plan", "--diff", source.toString(), "-o", out.toString()).out(),
                "the same diff on every run");
    }

    @Test
    void planDiffShowsNoContentOfWhatIsNotTextNorAModeChange() throws IOException {
        Files.writeString(source, original.replace("  underlay ipv6\n", "  underlay ipv6\n  bgp { hold 9s }\n"));
        Files.write(out.resolve("v2-1/bird.conf"), new byte[] {'S', 'E', 'C', 'R', 'E', 'T', '-', '9', (byte) 0xff, '\n'});
        Path elsewhere = tmp.resolve("elsewhere.txt");
        Files.writeString(elsewhere, "SECRET-9 behind a link\n");
        Files.delete(out.resolve("v3-1/bird.conf"));
        Files.createSymbolicLink(out.resolve("v3-1/bird.conf"), elsewhere);
        Files.setPosixFilePermissions(out.resolve("r1/up.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Project.Run r = Project.cli("plan", "--diff", source.toString(), "-o", out.toString());
        assertEquals(10, r.exit(), r.out() + r.err());
        Map<String, String> hosts = hostBlocks(r.out());
        assertEquals(List.of("binary or not UTF-8: not shown"), diffUnder(hosts.get("v2-1"), "~ v2-1/bird.conf"), r.out());
        assertEquals(List.of(), diffUnder(hosts.get("v3-1"), "~ v3-1/bird.conf (not a regular file)"), r.out());
        assertEquals(List.of(), diffUnder(hosts.get("r1"), "~ r1/up.sh (not executable)"), r.out());
        assertFalse(r.out().contains("SECRET-9"), r.out());
        // and the other hosts' bird.conf, text, have their diff
        assertTrue(diffUnder(hosts.get("v2-2"), "~ v2-2/bird.conf").contains("+  hold time 9;"),
                r.out());
    }

    @Test
    void exitCodeTenIsDocumented() {
        assertTrue(Project.cli("--help").out().contains("10"), "vpnc --help");
        assertTrue(Project.cli("plan", "--help").out().contains("10   changes to apply"), Project.cli("plan", "--help").out());
        assertTrue(Project.cli("compile", "--help").out().contains("exit 10"), "compile --help");
    }

    /** The plan's per-host blocks: a line `X host: kind` and its indented lines, by host. */
    private static Map<String, String> hostBlocks(String plan) {
        Map<String, String> blocks = new LinkedHashMap<>();
        for (String block : plan.split("\n\n")) {
            var m = java.util.regex.Pattern.compile("^[+\\-~!] ([a-z0-9-]+): ").matcher(block);
            if (m.find()) {
                blocks.put(m.group(1), block);
            }
        }
        return blocks;
    }

    /** The lines --diff shows under one file line of a host block (indented by 8), without the indent. */
    private static List<String> diffUnder(String block, String fileLine) {
        List<String> lines = block.lines().toList();
        int at = lines.indexOf("    " + fileLine);
        assertTrue(at >= 0, fileLine + " in\n" + block);
        List<String> diff = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("        "); i++) {
            diff.add(lines.get(i).substring(8));
        }
        return diff;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
