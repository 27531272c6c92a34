package dev.vpnc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's networks compile clean, and compiling again with nothing changed writes nothing. */
class NetworkGeneratorTest {
    @Test
    void meshOfTenCompilesCleanWithEveryTunnelAndARecompileWritesNoFile(@TempDir Path work) throws Exception {
        Path source = work.resolve("net.vpn");
        Files.writeString(source, NetworkGenerator.generate("mesh", 10), StandardCharsets.UTF_8);
        Path out = work.resolve("out");

        Project.Run first = Project.cli("compile", source.toString(), "-o", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err(), "no warning either");
        // 10 sites x 2 gateways, each meshed with the 18 gateways of the other sites.
        assertEquals(20 * 18, files(out, "wireguard/").size(), "one WireGuard config per tunnel end");
        assertEquals(30, hosts(out), "20 gateways and 10 routers");

        // Age every file, so a rewrite (even of identical bytes) shows as a new modification time.
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Map<Path, Object> inodes = new TreeMap<>();
        for (Path f : files(out, "")) {
            Files.setLastModifiedTime(f, old);
            inodes.put(f, Files.getAttribute(f, "unix:ino"));
        }
        Project.Run again = Project.cli("compile", source.toString(), "-o", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("(0 written"), again.out());
        for (Path f : files(out, "")) {
            assertEquals(old, Files.getLastModifiedTime(f), f + " was rewritten");
            assertEquals(inodes.get(f), Files.getAttribute(f, "unix:ino"), f + " was replaced");
        }
        assertEquals(inodes.keySet(), new java.util.TreeSet<>(files(out, "")), "the same files");
    }

    @Test
    void hubOfEightCompilesCleanWithSpokesOnEveryHubGateway(@TempDir Path work) throws Exception {
        Path source = work.resolve("net.vpn");
        Files.writeString(source, NetworkGenerator.generate("hub", 8), StandardCharsets.UTF_8);
        Path out = work.resolve("out");
        Project.Run run = Project.cli("compile", source.toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err(), "no warning either");
        // Hubs s1, s2: 4 tunnels between them; 6 spokes x 2 gateways x 4 hub gateways.
        assertEquals(2 * (4 + 6 * 2 * 4), files(out, "wireguard/").size(), "one WireGuard config per tunnel end");
        assertEquals(24, hosts(out), "16 gateways and 8 routers");
    }

    @Test
    void anUnknownKindOrSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetworkGenerator.generate("ring", 10));
        assertThrows(IllegalArgumentException.class, () -> NetworkGenerator.generate("mesh", 1));
    }

    private static List<Path> files(Path out, String under) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).filter(p -> out.relativize(p).toString().contains(under)).sorted().toList();
        }
    }

    private static long hosts(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            // Host folders: every folder of the root but the fleet's playbook.
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("ansible")).count();
        }
    }
}
