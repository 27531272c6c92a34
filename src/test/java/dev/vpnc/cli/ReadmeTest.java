package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's language tour is a real, valid .vpn file. */
class ReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void languageTourCompiles() throws IOException {
        String readme = Files.readString(Project.root().resolve("README.md"));
        Matcher m = Pattern.compile("```vpn\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a ```vpn block");
        String tour = m.group(1);
        assertTrue(tour.contains("network corp"), "the first block is the tour");
        // The tour shows one site; add a second so that the network has tunnels to build.
        String second = tour.substring(tour.indexOf("site paris")).replace("paris", "berlin").replace("a1", "a2")
                .replace("f1", "f2").replace("10.0.1.", "10.0.2.").replace("10.1.1.", "10.1.2.")
                .replace("1::", "2::").replace("65001", "65002").replace("p1", "b1").replace("p2", "b2").replace("r1", "r2");
        Path src = tmp.resolve("net.vpn");
        Files.writeString(src, tour + "\n" + second);
        Project.Run r = Project.cli("compile", src.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
    }
}
