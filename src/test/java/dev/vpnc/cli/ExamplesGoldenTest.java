package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of every example, compiled with its committed lock file and a fresh key store.
 * Public keys differ on every run, so each is replaced by {@code <public key of HOST>} before the
 * comparison. Regenerate with {@code VPNC_UPDATE_GOLDEN=1 mvn test -Dtest=ExamplesGoldenTest}
 * and review the diff. The golden trees only prove the output did not change; RealToolsOnExamplesTest
 * proves it works.
 */
class ExamplesGoldenTest {
    static final boolean UPDATE = "1".equals(System.getenv("VPNC_UPDATE_GOLDEN"));

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldenOutput() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : Project.examples()) {
            tests.add(DynamicTest.dynamicTest(example.getFileName().toString(), () -> check(example)));
        }
        return tests;
    }

    private void check(Path example) throws IOException {
        Path work = tmp.resolve(example.getFileName().toString());
        Project.Run run = Project.compileExample(example, work);
        assertEquals(0, run.exit(), run.err());
        SortedMap<String, String> raw = Project.readTree(work.resolve("out"));
        SortedMap<String, String> actual = rehashed(raw, masked(raw, work.resolve("secrets")));
        Path golden = Project.root().resolve("src/test/resources/golden").resolve(example.getFileName().toString());
        if (UPDATE) {
            rewrite(golden, actual);
        }
        SortedMap<String, String> expected = Files.isDirectory(golden) ? Project.readTree(golden) : new TreeMap<>();
        assertEquals(expected.keySet(), actual.keySet(), "files of " + example.getFileName());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
        // The committed lock file is complete: compiling changes nothing in it.
        assertEquals(Files.readString(example.resolve("vpnc.lock")), Files.readString(work.resolve("vpnc.lock")),
                "examples/" + example.getFileName() + "/vpnc.lock is stale: compile the example and commit the lock");
    }

    /** Replaces every host's public key by a placeholder naming the host. */
    static SortedMap<String, String> masked(SortedMap<String, String> files, Path secrets) throws IOException {
        Map<String, String> keys = PublicKeys.of(secrets);
        SortedMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            String text = e.getValue();
            for (Map.Entry<String, String> k : keys.entrySet()) {
                text = text.replace(k.getValue(), "<public key of " + k.getKey() + ">");
            }
            out.put(e.getKey(), text);
        }
        out.replaceAll((path, text) -> path.endsWith("/status.sh") ? statusHashes(path, text, files, out) : text);
        return out;
    }

    /**
     * status.sh holds the SHA-256 of its host's other files, real public keys included: each is
     * checked against its file, then replaced by the hash of the masked file.
     */
    private static String statusHashes(String path, String masked, SortedMap<String, String> raw,
                                       SortedMap<String, String> maskedFiles) {
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  \"([0-9a-f]{64}) ([^\"]+)\"$").matcher(masked);
        StringBuilder b = new StringBuilder();
        int listed = 0;
        while (m.find()) {
            String file = dir + m.group(2);
            assertTrue(raw.containsKey(file), path + " lists a file that is not in the output: " + file);
            assertEquals(sha256(raw.get(file)), m.group(1), "sha256 of " + file + " in " + path);
            m.appendReplacement(b, "  \"" + sha256(maskedFiles.get(file)) + " " + m.group(2) + "\"");
            listed++;
        }
        m.appendTail(b);
        long others = raw.keySet().stream().filter(f -> f.startsWith(dir) && !f.equals(path)).count();
        assertEquals(others, listed, "every other file of the host is in " + path);
        return b.toString();
    }

    /**
     * The manifest's hashes cover the real public keys: each is checked against its file, then
     * replaced by the hash of the masked file, so that the golden manifest is stable too.
     */
    static SortedMap<String, String> rehashed(SortedMap<String, String> raw, SortedMap<String, String> masked) {
        String manifest = masked.get("manifest.json");
        assertTrue(manifest != null, "the output has a manifest.json");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"path\": \"([^\"]+)\"(?:, \"host\": \"[^\"]+\")?, \"sha256\": \"([0-9a-f]{64})\"\\}")
                .matcher(manifest);
        StringBuilder out = new StringBuilder();
        int listed = 0;
        while (m.find()) {
            String path = m.group(1);
            assertTrue(raw.containsKey(path), "manifest lists a file that is not in the output: " + path);
            assertEquals(sha256(raw.get(path)), m.group(2), "sha256 of " + path);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    m.group(0).replace(m.group(2), sha256(masked.get(path)))));
            listed++;
        }
        m.appendTail(out);
        assertEquals(raw.size() - 1, listed, "every file but the manifest is listed");
        SortedMap<String, String> result = new TreeMap<>(masked);
        result.put("manifest.json", out.toString());
        return result;
    }

    static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rewrite(Path golden, SortedMap<String, String> files) throws IOException {
        if (Files.isDirectory(golden)) {
            try (Stream<Path> s = Files.walk(golden)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = golden.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        assertTrue(Files.isDirectory(golden));
    }
}
