package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.diag.Code;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vpnc explain` and the JSON diagnostics for editors and CI. */
class ExplainAndJsonTest {
    @TempDir
    Path tmp;

    @Test
    void explainPrintsTheExampleAndWhatVpncReports() {
        Project.Run r = Project.cli("explain", "e0202");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("## Example"), r.out());
        assertTrue(r.out().contains("error[E0202]"), r.out());
    }

    @Test
    void explainWithoutCodeListsEveryCode() {
        Project.Run r = Project.cli("explain");
        assertEquals(0, r.exit());
        assertEquals(Code.values().length, r.out().lines().count());
    }

    @Test
    void unknownCodeIsAUsageErrorWithASuggestion() {
        Project.Run r = Project.cli("explain", "E0220");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("did you mean"), r.err());
    }

    @Test
    void jsonDiagnosticsCarryCodeRangeLabelsAndHelp() throws IOException {
        Path src = tmp.resolve("net.vpn");
        Files.writeString(src, "network n {\n  tunnels ipv6 2001:db8:ff::1/64\n}\n");
        Project.Run r = Project.cli("check", "--diagnostics", "json", src.toString());
        assertEquals(1, r.exit());
        String json = r.out();
        assertTrue(json.startsWith("{\"diagnostics\": ["), json);
        assertTrue(json.contains("\"code\": \"E0202\""), json);
        assertTrue(json.contains("\"severity\": \"error\""), json);
        assertTrue(json.contains("\"start\": {\"line\": 2, \"column\": 16}, \"end\": {\"line\": 2, \"column\": 33}"), json);
        assertTrue(json.contains("\"help\": \"did you mean `2001:db8:ff::/64`?\""), json);
        // the fix as data: the range to write over, and what to write
        assertTrue(json.contains("\"fixes\": [{\"title\": \"Replace `2001:db8:ff::1/64` with `2001:db8:ff::/64`\", "
                + "\"preferred\": true, \"edits\": [{\"file\": \"" + src + "\", \"start\": {\"line\": 2, \"column\": 16}, "
                + "\"end\": {\"line\": 2, \"column\": 33}, \"replacement\": \"2001:db8:ff::/64\"}]}]}"), json);
        assertTrue(json.endsWith("\"errors\": 1, \"warnings\": 0}\n"), json);
        assertEquals("", r.err(), "nothing else on stderr in JSON mode but the summary");
    }
}
