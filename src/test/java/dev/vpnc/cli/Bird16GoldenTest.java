package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of the BIRD 1.6 target: the reference network with gateway v1-1 alone on
 * {@code bird 1.6}. Kept: v1-1's bundle (bird6.conf, bird.conf, scripts, three units, README),
 * r1's (a BIRD 2 router with per-family sessions towards v1-1) and v2-1's bird.conf (a BIRD 2
 * gateway with per-family sessions over its tunnel to v1-1). Public keys masked as in
 * {@link ExamplesGoldenTest}; regenerate with {@code VPNC_UPDATE_GOLDEN=1} and review the diff.
 */
class Bird16GoldenTest {
    private static final Path GOLDEN = Project.root().resolve("src/test/resources/golden-bird16/reference-v1-1");

    @TempDir
    Path tmp;

    @Test
    void oneGatewayOnBird16() throws IOException {
        Path work = tmp.resolve("reference");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Path source = work.resolve("net.vpn");
        Files.writeString(source, Files.readString(source).replace("gateway v1-1 uses edge { endpoint 2001:db8:1::1 }",
                "gateway v1-1 uses edge {\n    endpoint 2001:db8:1::1\n    bird 1.6\n  }"));
        Project.Run run = Project.cli("compile", source.toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        SortedMap<String, String> all = ExamplesGoldenTest.masked(Project.readTree(work.resolve("out")), work.resolve("secrets"));
        SortedMap<String, String> actual = new TreeMap<>();
        all.forEach((path, text) -> {
            if (path.startsWith("v1-1/") || path.startsWith("r1/") || path.equals("v2-1/bird.conf")) {
                actual.put(path, text);
            }
        });
        if (ExamplesGoldenTest.UPDATE) {
            if (Files.isDirectory(GOLDEN)) {
                try (Stream<Path> s = Files.walk(GOLDEN)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (var e : actual.entrySet()) {
                Path p = GOLDEN.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        }
        SortedMap<String, String> expected = Files.isDirectory(GOLDEN) ? Project.readTree(GOLDEN) : new TreeMap<>();
        assertEquals(expected.keySet(), actual.keySet());
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
    }
}
