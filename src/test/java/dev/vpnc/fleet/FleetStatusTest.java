package dev.vpnc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet judgement on the reference network (3 sites of 2 gateways and a router) and on a
 * network with a site of one gateway, from statuses built in status.sh's format
 * ({@link FleetFixture}). No Ansible, no file but the compile's.
 */
class FleetStatusTest {
    @TempDir
    static Path tmp;
    static NetworkPlan reference;
    static NetworkPlan lonely;

    @BeforeAll
    static void compile() throws IOException {
        Path ref = Files.createDirectories(tmp.resolve("ref"));
        reference = FleetFixture.plan(ref, Files.readString(Project.root().resolve("examples/reference/net.vpn")));
        Path one = Files.createDirectories(tmp.resolve("one"));
        lonely = FleetFixture.plan(one, """
                network n {
                  tunnels ipv6 2001:db8:ff::/64
                  ports 5800..5899
                }
                site a {
                  prefixes 2001:db8:a::/64
                  subnet 2001:db8:fa::/64
                  gateway a1 { uplink eth0  lan eth1  endpoint 2001:db8:1::1 }
                  gateway a2 { uplink eth0  lan eth1  endpoint 2001:db8:1::2 }
                }
                site b {
                  prefixes 2001:db8:b::/64
                  subnet 2001:db8:fb::/64
                  gateway b1 { uplink eth0  lan eth1  endpoint 2001:db8:2::1 }
                }
                """);
    }

    private static FleetReport judge(NetworkPlan plan, SortedMap<String, JsonObject> fleet) {
        return FleetStatus.judge(plan, FleetFixture.texts(fleet));
    }

    private static FleetReport.HostRow row(FleetReport r, String host) {
        return r.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyFleetIsOk() {
        FleetReport r = judge(reference, FleetFixture.healthy(reference));
        assertEquals(Verdict.OK, r.verdict(), r.render());
        assertEquals(9, r.count(Verdict.OK));
        assertEquals(List.of(), r.down());
        assertEquals(List.of(), r.sites());
        assertEquals(List.of(), r.drift());
        assertEquals(List.of(), r.suspects());
        assertEquals(List.of(), r.problems());
        assertTrue(r.render().startsWith("network reference: ok (9 hosts: 9 ok)\n\nHOST  SITE  KIND             VERDICT  NOTE\n"
                + "r1    v1    internal router  ok\n"), r.render());
    }

    @Test
    void aGatewayWithoutStatusThatItsPeersSeeDownIsNamed() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        FleetFixture.down(reference, fleet, "v2-1");
        FleetReport r = judge(reference, fleet);
        // Every site keeps a next hop: degraded, not broken.
        assertEquals(Verdict.DEGRADED, r.verdict(), r.render());
        assertEquals(Verdict.UNKNOWN, row(r, "v2-1").verdict());
        assertEquals("no status collected", row(r, "v2-1").note());
        assertEquals(1, r.suspects().size(), r.render());
        FleetReport.Suspect s = r.suspects().get(0);
        assertEquals("v2-1", s.host());
        assertEquals("probably down", s.finding());
        assertTrue(s.why().endsWith("all 6 hosts with a tunnel or session to it see it down: r2, v1-1, v1-2, v2-2, v3-1, v3-2"),
                s.why());
        // One row per tunnel, for its two ends; v2-1's end has no status.
        List<FleetReport.Down> tunnels = r.down().stream().filter(d -> d.kind().equals("tunnel")).toList();
        assertEquals(4, tunnels.size(), r.render());
        FleetReport.Down first = tunnels.get(0);
        assertEquals(List.of(new FleetReport.End("v1-1", "wg-v2-1", "stale (never)"),
                new FleetReport.End("v2-1", "wg-v1-1", "no status")), first.ends());
        assertTrue(r.render().contains("\ntunnel  v1-1 - v2-1  v1-1 wg-v2-1 stale (never); v2-1 wg-v1-1 no status\n"), r.render());
        // v2 lost redundancy where it is seen from; no site is cut off.
        assertEquals(List.of("v1 -> v2", "v2 -> v1", "v2 -> v3", "v3 -> v2"),
                r.sites().stream().map(x -> x.from() + " -> " + x.to()).toList(), r.render());
        assertTrue(r.sites().stream().allMatch(x -> x.verdict() == Verdict.DEGRADED && x.unreachableFrom().isEmpty()));
        assertEquals(List.of("v1-1", "v1-2"), r.sites().get(0).degradedAt());
        assertEquals(List.of("r2"), r.sites().get(1).degradedAt());
        assertTrue(r.render().contains("\nv2-1: probably down: no status, and all 6 hosts"), r.render());
    }

    @Test
    void aGatewayJustDownIsProbablyDownThoughItsPeersTunnelsAreRecent() {
        // As the lab saw it: a second after the crash, every peer's BGP and BFD sessions to it are
        // down while its handshakes are still recent.
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        FleetFixture.justDown(reference, fleet, "v2-1");
        FleetReport r = judge(reference, fleet);
        assertEquals(Verdict.DEGRADED, r.verdict(), r.render());
        assertEquals(List.of("probably down"), r.suspects().stream().map(FleetReport.Suspect::finding).toList(), r.render());
        assertTrue(r.down().stream().noneMatch(d -> d.kind().equals("tunnel")), r.render());
    }

    @Test
    void theGatewayOfASiteOfOneDownIsBroken() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(lonely);
        FleetFixture.down(lonely, fleet, "b1");
        FleetReport r = judge(lonely, fleet);
        assertEquals(Verdict.BROKEN, r.verdict(), r.render());
        assertEquals(List.of(new FleetReport.SiteRow("a", "b", Verdict.BROKEN, List.of("a1", "a2"), List.of())), r.sites());
        assertEquals("probably down", r.suspects().get(0).finding());
        assertTrue(r.render().contains("\na -> b  broken   unreachable from a1, a2\n"), r.render());
    }

    @Test
    void aHostWithoutStatusThatItsPeersSeeUpIsRunning() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        fleet.remove("v3-2");
        FleetReport r = judge(reference, fleet);
        assertEquals(Verdict.DEGRADED, r.verdict(), "a host without a status is not vouched for");
        assertEquals("running", r.suspects().get(0).finding());
        assertEquals(List.of(), r.down(), "nothing down: no row for a tunnel that only one unknown end has");
    }

    @Test
    void aTunnelDownAtBothEndsIsOneRow() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        stale(fleet.get("v1-1"), "wg-v3-1");
        stale(fleet.get("v3-1"), "wg-v1-1");
        FleetReport r = judge(reference, fleet);
        assertEquals(Verdict.DEGRADED, r.verdict());
        assertEquals(List.of(new FleetReport.Down("tunnel", "v1-1", "v3-1", List.of(
                new FleetReport.End("v1-1", "wg-v3-1", "stale (415 s)"),
                new FleetReport.End("v3-1", "wg-v1-1", "stale (415 s)")))), r.down());
        assertEquals("1 of 4 tunnels not up", row(r, "v1-1").note());
    }

    private static void stale(JsonObject host, String ifname) {
        for (var t : host.getAsJsonArray("tunnels")) {
            JsonObject x = t.getAsJsonObject();
            if (x.get("ifname").getAsString().equals(ifname)) {
                x.addProperty("handshake_age_seconds", 415);
                x.addProperty("state", "stale");
                x.addProperty("verdict", "degraded");
            }
        }
        FleetFixture.rejudge(host);
    }

    @Test
    void driftIsListedNotJudged() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        JsonObject d = new JsonObject();
        d.addProperty("kind", "file");
        d.addProperty("subject", "bird.conf");
        d.addProperty("detail", "differs");
        fleet.get("v1-1").getAsJsonArray("drift").add(d);
        // A tunnel the compiled network does not have: the host runs another bundle.
        JsonObject extra = fleet.get("v1-1").getAsJsonArray("tunnels").get(0).getAsJsonObject().deepCopy();
        extra.addProperty("ifname", "wg-old");
        fleet.get("v1-1").getAsJsonArray("tunnels").add(extra);
        FleetReport r = judge(reference, fleet);
        assertEquals(Verdict.OK, r.verdict(), r.render());
        assertEquals(List.of(new FleetReport.DriftRow("v1-1", "file", "bird.conf", "differs"),
                new FleetReport.DriftRow("v1-1", "tunnel", "wg-old", "not-compiled")), r.drift());
        assertEquals("2 drift items", row(r, "v1-1").note());
        assertTrue(r.render().contains("\ndrift:\n  v1-1: file bird.conf differs from the bundle\n"
                + "  v1-1: tunnel wg-old is in its status, not in the compiled network (another bundle?)\n"), r.render());
    }

    @Test
    void aFileThatSaysItIsAnotherHostIsNotTrusted() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        // v1-1's file holds v2-1's (healthy) status: it must not vouch for v1-1.
        fleet.put("v1-1", fleet.get("v2-1").deepCopy());
        fleet.get("r1").addProperty("kind", "gateway");
        FleetReport r = judge(reference, fleet);
        assertEquals(Verdict.UNKNOWN, row(r, "v1-1").verdict());
        assertEquals(Verdict.UNKNOWN, row(r, "r1").verdict());
        assertEquals(Verdict.OK, row(r, "v2-1").verdict());
        assertEquals(Verdict.DEGRADED, r.verdict());
        assertEquals(List.of(new FleetReport.Problem("r1", "r1.json: it says r1 is a gateway, not an internal router: not trusted"),
                new FleetReport.Problem("v1-1", "v1-1.json: it says it is host `v2-1` of site `v2`, not `v1-1` of site `v1`: not trusted")),
                r.problems());
    }

    @Test
    void aSummaryBetterThanItsItemsIsReadAtItsItems() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(lonely);
        JsonObject route = fleet.get("a1").getAsJsonArray("routes").get(0).getAsJsonObject();
        route.add("present", new JsonArray());
        route.addProperty("verdict", "broken");
        FleetReport r = judge(lonely, fleet); // a1 still says "ok"
        assertEquals(Verdict.BROKEN, row(r, "a1").verdict());
        assertEquals(Verdict.BROKEN, r.verdict());
    }

    @Test
    void theReportIsTheSameWhateverTheOrderOfTheInput() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(reference);
        FleetFixture.down(reference, fleet, "v1-2");
        String once = judge(reference, fleet).render();
        java.util.Map<String, String> reversed = new java.util.LinkedHashMap<>();
        new TreeMap<>(FleetFixture.texts(fleet)).descendingMap().forEach(reversed::put);
        assertEquals(once, FleetStatus.judge(reference, reversed).render());
        assertEquals(judge(reference, fleet).toJson(), FleetStatus.judge(reference, reversed).toJson());
    }

    @Test
    void jsonOutputHoldsTheSameFindings() {
        SortedMap<String, JsonObject> fleet = FleetFixture.healthy(lonely);
        FleetFixture.down(lonely, fleet, "b1");
        JsonObject o = JsonParser.parseString(judge(lonely, fleet).toJson()).getAsJsonObject();
        assertEquals("broken", o.get("verdict").getAsString());
        assertEquals("b1", o.getAsJsonArray("suspects").get(0).getAsJsonObject().get("host").getAsString());
        assertEquals("unknown", o.getAsJsonArray("hosts").get(2).getAsJsonObject().get("verdict").getAsString());
        JsonObject site = o.getAsJsonArray("sites").get(0).getAsJsonObject();
        assertEquals("a", site.get("from_site").getAsString());
        assertEquals(2, site.getAsJsonArray("unreachable_from").size());
        assertFalse(o.getAsJsonArray("down").isEmpty());
    }
}
