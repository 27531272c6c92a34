package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocations survive edits: adding a site changes nothing of the existing tunnels (their
 * WireGuard files and BIRD stanzas stay byte-identical), and removing it again restores the
 * exact first output and lock file. The new site's name sorts first on purpose: an allocator
 * that numbered in name order would renumber everything.
 */
class LockStabilityTest {
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

    @TempDir
    Path tmp;

    @Test
    void addingAndRemovingASiteKeepsEveryExistingAllocation() throws IOException {
        Path work = tmp.resolve("net");
        Path source = work.resolve("net.vpn");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        Files.delete(work.resolve("vpnc.lock"));
        String original = Files.readString(source);

        compile(source, work.resolve("out"));
        SortedMap<String, String> before = Project.readTree(work.resolve("out"));
        String lockBefore = Files.readString(work.resolve("vpnc.lock"));

        Files.writeString(source, original + FOURTH_SITE);
        compile(source, work.resolve("out"));
        SortedMap<String, String> after = Project.readTree(work.resolve("out"));
        String lockAfter = Files.readString(work.resolve("vpnc.lock"));

        int wgFiles = 0;
        int stanzas = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (e.getKey().contains("/wireguard/")) {
                assertEquals(e.getValue(), after.get(e.getKey()), "WireGuard file changed: " + e.getKey());
                wgFiles++;
            }
            if (e.getKey().endsWith("bird.conf") && !e.getKey().startsWith("r")) {
                stanzas += sameTunnelStanzas(e.getKey(), e.getValue(), after.get(e.getKey()));
            }
        }
        assertEquals(24, wgFiles, "3 sites x 2 gateways x 4 tunnels");
        assertTrue(stanzas >= 24, "at least one BGP stanza per tunnel end compared, got " + stanzas);
        assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("v0-1/wireguard/")), "new site compiled");
        for (String line : lockBefore.lines().toList()) {
            assertTrue(lockAfter.contains(line + "\n"), "lock entry changed or lost: " + line);
        }

        Files.writeString(source, original);
        compile(source, work.resolve("out"));
        assertEquals(before, Project.readTree(work.resolve("out")), "removing the site restores the first output");
        assertEquals(lockBefore, Files.readString(work.resolve("vpnc.lock")), "removing the site frees its entries");
        assertFalse(Files.exists(work.resolve("out/v0-1")), "the removed site's hosts are gone");
    }

    private static void compile(Path source, Path out) {
        Project.Run run = Project.cli("compile", source.toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
    }

    /** Compares the top-level BIRD blocks that name one of the host's tunnel sessions. */
    private static int sameTunnelStanzas(String file, String before, String after) {
        Map<String, String> old = blocks(before);
        Map<String, String> now = blocks(after);
        int compared = 0;
        for (Map.Entry<String, String> b : old.entrySet()) {
            if (b.getKey().matches("protocol bgp bgp_\\S+.*")) {
                assertEquals(b.getValue(), now.get(b.getKey()), file + ": stanza changed: " + b.getKey());
                compared++;
            }
        }
        return compared;
    }

    /** Top-level blocks: a line starting in column 0 and ending in `{`, up to the line `}`. */
    static Map<String, String> blocks(String conf) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S[^\\n]*\\{)\\s*\\n(.*?)^\\}", Pattern.DOTALL).matcher(conf);
        while (m.find()) {
            out.put(m.group(1).trim(), m.group(0));
        }
        return out;
    }
}
