package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI conventions: bare `vpnc` lists the commands; `fmt --check` exits as `compile --check`; `fmt -`. */
class FmtAndUsageTest {
    private static final String MESSY = "network   corp {\n   tunnels ipv6 2001:db8:ff::/64\n}\n";

    @TempDir
    Path tmp;

    @Test
    void bareVpncListsEveryCommand() {
        Project.Run r = Project.cli();
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().startsWith("error: a command is required\n"), r.err());
        for (String name : Main.COMMANDS.keySet()) {
            assertTrue(r.err().contains("\n  " + name + " "), name + " missing from:\n" + r.err());
        }
    }

    @Test
    void fmtCheckExitsTenWhenAFileWouldChangeAndChangesNothing() throws IOException {
        Path file = tmp.resolve("net.vpn");
        Files.writeString(file, MESSY);
        Project.Run check = Project.cli("fmt", "--check", file.toString());
        assertEquals(Main.DIFFERS, check.exit(), check.err());
        assertEquals(MESSY, Files.readString(file));

        assertEquals(Main.OK, Project.cli("fmt", file.toString()).exit());
        assertEquals(Main.OK, Project.cli("fmt", "--check", file.toString()).exit());

        Path broken = tmp.resolve("broken.vpn");
        Files.writeString(broken, "network corp {\n");
        // Errors outrank differences.
        assertEquals(Main.INPUT_ERRORS, Project.cli("fmt", "--check", broken.toString(), tmp.resolve("net.vpn").toString()).exit());
    }

    @Test
    void fmtDashFormatsStandardInputToStandardOutput() throws IOException {
        Path file = tmp.resolve("net.vpn");
        Files.writeString(file, MESSY);
        assertEquals(Main.OK, Project.cli("fmt", file.toString()).exit());
        String formatted = Files.readString(file);

        Project.Run r = withStdin(MESSY, "fmt", "-");
        assertEquals(Main.OK, r.exit(), r.err());
        assertEquals(formatted, r.out());
        assertEquals(Main.DIFFERS, withStdin(MESSY, "fmt", "--check", "-").exit());
        Project.Run clean = withStdin(formatted, "fmt", "--check", "-");
        assertEquals(Main.OK, clean.exit());
        assertEquals("", clean.out());

        Project.Run broken = withStdin("network corp {\n", "fmt", "-");
        assertEquals(Main.INPUT_ERRORS, broken.exit());
        assertTrue(broken.err().contains("<stdin>:"), broken.err());
        assertEquals("", broken.out());
    }

    private static Project.Run withStdin(String text, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return Project.cli(args);
        } finally {
            System.setIn(saved);
        }
    }
}
