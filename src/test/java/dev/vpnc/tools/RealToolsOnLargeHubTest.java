package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.bench.NetworkGenerator;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub-and-spoke with more remote sites than {@code BirdParts.UNION_MIN_SITES}: filters name one
 * set of every remote site (minus the ones they exclude) instead of listing each site, so no
 * filter grows with the network. BIRD 2 and BIRD 1.6.8 parse the result.
 */
class RealToolsOnLargeHubTest {
    /** The most `net ~ SET` terms one rule may have, whatever the number of sites. */
    private static final int MAX_TERMS = 4;

    @TempDir
    Path tmp;

    @Test
    void filtersStaySmallAndBird2ParsesThem() throws IOException {
        RealTools.requireTools(List.of("bird"));
        Path out = compile("hub24", NetworkGenerator.generate("hub", 24));
        List<RealTools.Failure> failures = new ArrayList<>();
        // A hub, a spoke and a router.
        for (String host : List.of("s1-1", "s12-2", "s12-r")) {
            failures.addAll(RealTools.checkBird(out.resolve(host).resolve("bird.conf")));
            assertSmallFilters(out.resolve(host).resolve("bird.conf"));
        }
        assertTrue(failures.isEmpty(), failures.toString());
        String hub = Files.readString(out.resolve("s1-1/bird.conf"));
        assertTrue(hub.contains("define REMOTE_SITES_V6 = [\n"), "one set of every remote site");
        assertTrue(hub.contains("&& net !~ SITE_S12_V6 then accept;"), "the hub leaves a spoke's own prefixes out of what it sends it");
    }

    @Test
    void bird16ParsesTheUnitedSets() throws IOException {
        RealTools.bird16("bird6");
        String source = NetworkGenerator.generate("hub", 12).replaceFirst("(network \\w+ \\{\n)", "$1  bird 1.6\n");
        Path out = compile("hub12-16", source);
        List<RealTools.Failure> failures = new ArrayList<>();
        for (String host : List.of("s1-1", "s7-2")) {
            failures.addAll(RealTools.checkBird16(out.resolve(host).resolve("bird6.conf"), "bird6"));
            failures.addAll(RealTools.checkBird16(out.resolve(host).resolve("bird.conf"), "bird"));
            assertSmallFilters(out.resolve(host).resolve("bird6.conf"));
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private Path compile(String name, String source) throws IOException {
        Path work = tmp.resolve(name);
        Files.createDirectories(work);
        Files.writeString(work.resolve("net.vpn"), source);
        Project.Run run = Project.cli("compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        return work.resolve("out");
    }

    private static void assertSmallFilters(Path conf) throws IOException {
        Matcher rule = Pattern.compile("(?m)^\\s*if (.*) then").matcher(Files.readString(conf));
        int rules = 0;
        while (rule.find()) {
            rules++;
            int terms = rule.group(1).split("net ~ ", -1).length - 1;
            assertTrue(terms <= MAX_TERMS, conf + ": " + terms + " terms in `" + rule.group(1) + "`");
        }
        assertTrue(rules > 0, conf + " has filters");
    }
}
