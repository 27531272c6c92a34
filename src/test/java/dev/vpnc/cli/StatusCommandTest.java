package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.compiler.Pipeline;
import dev.vpnc.fleet.FleetFixture;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vpnc status FILE --from DIR` on the reference network, the files made by {@link FleetFixture}. */
class StatusCommandTest {
    @TempDir
    static Path work;
    static String file;
    static NetworkPlan plan;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile() throws IOException {
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        file = work.resolve("net.vpn").toString();
        plan = Pipeline.planOnly(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"), List.of()).plan();
    }

    private void write(SortedMap<String, JsonObject> fleet) throws IOException {
        for (Map.Entry<String, JsonObject> e : fleet.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".json"), e.getValue().toString());
        }
    }

    @Test
    void aHealthyFleetExitsZero() throws IOException {
        write(FleetFixture.healthy(plan));
        Project.Run r = Project.cli("status", file, "--from", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("network reference: ok (9 hosts: 9 ok)\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aGatewayDownIsNamedAndTheFleetIsDegraded() throws IOException {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(plan);
        FleetFixture.down(plan, fleet, "v3-2");
        write(fleet);
        Project.Run r = Project.cli("status", file, "--from", dir.toString());
        assertEquals(StatusCommand.DEGRADED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\nv3-2  v3    gateway          unknown   no file v3-2.json in " + dir + "\n"), r.out());
        assertTrue(r.out().contains("\nv3-2: probably down: no status, and all 6 hosts with a tunnel or session to it see "
                + "it down: r3, v1-1, v1-2, v2-1, v2-2, v3-1\n"), r.out());
        JsonObject j = JsonParser.parseString(Project.cli("status", file, "--from", dir.toString(), "--json").out())
                .getAsJsonObject();
        assertEquals("degraded", j.get("verdict").getAsString());
        assertEquals("probably down", j.getAsJsonArray("suspects").get(0).getAsJsonObject().get("finding").getAsString());
    }

    @Test
    void aLyingFileOrAnEscapeIsShownSafely() throws IOException {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(plan);
        fleet.get("v1-1").addProperty("host", "v2-1\u001b[2J");
        fleet.get("v1-2").getAsJsonArray("sessions").get(0).getAsJsonObject().addProperty("verdict", "broken");
        fleet.get("v1-2").getAsJsonArray("sessions").get(0).getAsJsonObject().addProperty("state", "\u001b]0;x\u0007");
        write(fleet);
        Project.Run r = Project.cli("status", file, "--from", dir.toString());
        assertEquals(StatusCommand.BROKEN, r.exit(), r.out());
        assertFalse(r.out().contains("\u001b"), r.out());
        assertTrue(r.out().contains("v1-1.json: it says it is host `v2-1\\u{1b}[2J` of site `v1`, not `v1-1` of site `v1`: "
                + "not trusted"), r.out());
        assertTrue(r.out().contains("\nBIRD    v1-2     v1-2 bird \\u{1b}]0;x\\u{7}\n"), r.out());
    }

    @Test
    void wrongFoldersAndArgumentsAreErrors() throws IOException {
        Project.Run missing = Project.cli("status", file, "--from", dir.resolve("nothing").toString());
        assertEquals(Main.INPUT_ERRORS, missing.exit());
        assertEquals("error: " + dir.resolve("nothing") + " is not a folder: give the folder of the HOST.json files\n",
                missing.err());
        assertEquals(Main.USAGE, Project.cli("status", file).exit(), "--from or --ansible");
        assertEquals(Main.USAGE, Project.cli("status", file, "--from", dir.toString(), "--ansible", dir.toString()).exit());
        Project.Run extra = Project.cli("status", file, "--from", dir.toString(), "--", "--limit", "x");
        assertEquals(Main.USAGE, extra.exit());
        assertTrue(extra.err().contains("they go with --ansible"), extra.err());
        Path bad = dir.resolve("bad.vpn");
        Files.writeString(bad, "network {");
        Project.Run input = Project.cli("status", bad.toString(), "--from", dir.toString());
        assertEquals(Main.INPUT_ERRORS, input.exit());
        assertTrue(input.err().contains("error"), input.err());
        assertEquals("", input.out());
    }
}
