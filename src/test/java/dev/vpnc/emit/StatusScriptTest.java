package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status.sh of gateway v1-1 (reference plan) run against stand-ins for birdc, ip, wg and nft
 * ({@code src/test/resources/status-stubs}), which print canned state: healthy, degraded,
 * broken, drifted. The canned state is made from the intent the script holds (its data arrays),
 * then changed where a case needs it. No network, no root.
 */
class StatusScriptTest {
    private static final Pattern ARRAY_ITEM = Pattern.compile("^  \"([^\"]*)\"$", Pattern.MULTILINE);

    @TempDir
    Path tmp;
    private Path bundle;
    private Path stub;
    private Path stubTools;
    private String script;

    @BeforeEach
    void setUp() throws IOException {
        Tools.require("bash");
        SortedMap<String, String> files = Emitter.render(ReferencePlanFixture.plan());
        bundle = tmp.resolve("bundle");
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith("v1-1/")) {
                Path p = bundle.resolve(f.getKey().substring("v1-1/".length()));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
        script = files.get("v1-1/status.sh");
        stubTools = tmp.resolve("tools");
        Files.createDirectories(stubTools);
        for (String tool : List.of("birdc", "ip", "wg", "nft")) {
            Path to = stubTools.resolve(tool);
            Files.copy(Project.root().resolve("src/test/resources/status-stubs").resolve(tool), to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        stub = tmp.resolve("state");
        Files.createDirectories(stub.resolve("birdc"));
        Files.createDirectories(stub.resolve("routes"));
        Files.createDirectories(tmp.resolve("units"));
        healthy();
    }

    /** The items of one of the script's data arrays ({@code NAME=(} then one quoted item a line). */
    private List<String[]> intent(String array) {
        int start = script.indexOf("\n" + array + "=(\n");
        int end = script.indexOf("\n)\n", start);
        List<String[]> items = new ArrayList<>();
        Matcher m = ARRAY_ITEM.matcher(script.substring(start, end));
        while (m.find()) {
            items.add(m.group(1).split(" "));
        }
        return items;
    }

    /** Every tunnel with a handshake 10-40 s ago, every session up, every route over all its next hops. */
    private void healthy() throws IOException {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder links = new StringBuilder("lo UNKNOWN 00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\n"
                + "eth1 UP 02:00:00:00:01:01 <BROADCAST,MULTICAST,UP,LOWER_UP>\n");
        StringBuilder handshakes = new StringBuilder();
        StringBuilder transfer = new StringBuilder();
        int n = 0;
        for (String[] t : intent("tunnels")) {
            n++;
            links.append(t[0]).append(" UNKNOWN <POINTOPOINT,NOARP,UP,LOWER_UP>\n");
            handshakes.append(t[0]).append("\tPEERKEY").append(n).append("=\t").append(now - 10L * n).append('\n');
            transfer.append(t[0]).append("\tPEERKEY").append(n).append("=\t").append(100_000 * n + 123).append('\t')
                    .append(90_000 * n + 45).append('\n');
        }
        write("links", links.toString());
        write("handshakes", handshakes.toString());
        write("transfer", transfer.toString());
        StringBuilder protocols = new StringBuilder("Name       Proto      Table      State  Since         Info\n"
                + "device1    Device     ---        up     20:10:01.000\n");
        StringBuilder bfd = new StringBuilder("bfd1:\nIP address                Interface  State      Since         Interval  Timeout\n");
        for (String[] s : intent("sessions")) {
            if (s[0].equals("BGP")) {
                protocols.append(String.format(Locale.ROOT, "%-10s BGP        ---        up     20:10:02.113  Established%n", s[4]));
            } else if (s[0].equals("BFD")) {
                bfd.append(String.format(Locale.ROOT, "%-25s %-10s Up         20:10:02.200    0.100    0.300%n", s[4], "wg-x"));
            }
        }
        write("birdc/show_protocols", protocols.toString());
        write("birdc/show_bfd_sessions", bfd.toString());
        write("tables-public", "table inet vpnc\n");
        write("tables-private", "table inet vpnc\n");
        for (String[] r : intent("routes")) {
            route(r[2], r[4].split(","));
        }
    }

    /** The kernel route to {@code prefix} over these tunnels (none: no route). */
    private void route(String prefix, String... devs) throws IOException {
        Path file = stub.resolve("routes").resolve(prefix.replace('/', '_'));
        if (devs.length == 0) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder b = new StringBuilder(prefix + " proto bird metric 32" + (prefix.contains(":") ? " pref medium" : "") + "\n");
        for (String dev : devs) {
            b.append("\tnexthop via ").append(prefix.contains(":") ? "" : "inet6 ").append("2001:db8:ff::1 dev ")
                    .append(dev).append(" weight 1\n");
        }
        write("routes/" + prefix.replace('/', '_'), b.toString());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(stub.resolve(name), content);
    }

    private void replaceIn(String name, String from, String to) throws IOException {
        String text = Files.readString(stub.resolve(name));
        assertTrue(text.contains(from), name + " has " + from);
        write(name, text.replace(from, to));
    }

    private Tools.Result status(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("env", "VPNC_STUB=" + stub, "IP=" + stubTools.resolve("ip"),
                "WG=" + stubTools.resolve("wg"), "NFT=" + stubTools.resolve("nft"), "BIRDC=" + stubTools.resolve("birdc"),
                "VPNC_UNIT_DIR=" + tmp.resolve("units"), "LC_ALL=C", "bash", bundle.resolve("status.sh").toString()));
        command.addAll(List.of(args));
        return Tools.run(null, command.toArray(String[]::new));
    }

    private static JsonObject json(Tools.Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static List<String> named(JsonArray items, String field, String verdict) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : items) {
            if (e.getAsJsonObject().get("verdict").getAsString().equals(verdict)) {
                out.add(e.getAsJsonObject().get(field).getAsString());
            }
        }
        return out;
    }

    @Test
    void allHealthyIsOk() throws Exception {
        Tools.Result r = status();
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site site1): ok\n"), r.out());
        assertTrue(r.err().isEmpty(), r.err());
        JsonObject j = json(status("--json"));
        assertEquals("v1-1", j.get("host").getAsString());
        assertEquals("ok", j.get("verdict").getAsString());
        assertEquals(4, j.getAsJsonArray("tunnels").size());
        assertEquals(intent("sessions").size() + 1, j.getAsJsonArray("sessions").size()); // + BIRD itself
        assertEquals(intent("routes").size(), j.getAsJsonArray("routes").size());
        assertEquals(0, j.getAsJsonArray("drift").size(), j.toString());
        // What the script asked: never a key, never a change.
        String calls = Files.readString(stub.resolve("calls"));
        assertFalse(calls.matches("(?s).*\\b(dump|showconf|set|setconf|syncconf|add|del|flush|configure|down)\\b.*"), calls);
    }

    @Test
    void aTunnelWithoutHandshakeAndItsSessionDownIsDegraded() throws Exception {
        replaceIn("handshakes", "wg-v2-1\tPEERKEY1=\t" + (System.currentTimeMillis() / 1000 - 10), "wg-v2-1\tPEERKEY1=\t0");
        replaceIn("birdc/show_protocols", "bgp_v2_1   BGP        ---        up     20:10:02.113  Established",
                "bgp_v2_1   BGP        ---        start  20:10:02.113  Active        Socket: Connection refused");
        route("2001:db8:a2::/64", "wg-v2-2");
        route("10.0.2.0/24", "wg-v2-2");
        Tools.Result r = status();
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site site1): degraded\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\nwg-v2-1 .* never .* degraded\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nBGP +bgp_v2_1 +v2-1 +Active +degraded\\n.*"), r.out());
        assertTrue(r.out().contains("(missing: wg-v2-1)"), r.out());
        JsonObject j = json(status("--json"));
        assertEquals("degraded", j.get("verdict").getAsString());
        assertEquals(List.of("wg-v2-1"), named(j.getAsJsonArray("tunnels"), "ifname", "degraded"));
        assertTrue(j.getAsJsonArray("tunnels").get(0).getAsJsonObject().get("handshake_age_seconds").isJsonNull());
        assertEquals(List.of("bgp_v2_1"), named(j.getAsJsonArray("sessions"), "name", "degraded"));
        assertEquals(List.of("2001:db8:a2::/64", "10.0.2.0/24"), named(j.getAsJsonArray("routes"), "prefix", "degraded"));
        assertEquals(List.of(), named(j.getAsJsonArray("routes"), "prefix", "broken"));
    }

    @Test
    void aRemoteSiteWithoutNextHopIsBroken() throws Exception {
        route("2001:db8:a3::/64");
        route("10.0.3.0/24");
        Tools.Result r = status();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site site1): broken\n"), r.out());
        JsonObject j = json(status("--json"));
        assertEquals("broken", j.get("verdict").getAsString());
        assertEquals(List.of("2001:db8:a3::/64", "10.0.3.0/24"), named(j.getAsJsonArray("routes"), "prefix", "broken"));
    }

    @Test
    void birdNotAnsweringIsBroken() throws Exception {
        write("bird-down", "");
        Tools.Result r = status();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\\nBIRD +bird +- +not-answering +broken\\n.*"), r.out());
    }

    @Test
    void aHandEditedBirdConfAndAnUnknownTunnelAreDrift() throws Exception {
        Files.writeString(bundle.resolve("bird.conf"), "# tuned by hand\n", java.nio.file.StandardOpenOption.APPEND);
        Files.copy(bundle.resolve("systemd/vpnc.service"), tmp.resolve("units/vpnc.service"));
        Files.writeString(tmp.resolve("units/vpnc-bird.service"), "[Service]\n");
        replaceIn("links", "eth1 UP", "wg-old UNKNOWN <POINTOPOINT>\neth1 UP");
        write("tables-public", "table inet vpnc\ntable inet operator\n");
        Tools.Result r = status();
        assertEquals(0, r.exit(), "drift is reported, not judged: " + r.out() + r.err());
        assertTrue(r.out().contains("\ndrift: file bird.conf differs from the bundle\n"), r.out());
        assertTrue(r.out().contains("\ndrift: unit " + tmp.resolve("units/vpnc-bird.service") + " differs from the bundle\n"), r.out());
        assertFalse(r.out().contains("units/vpnc.service"), r.out());
        assertTrue(r.out().contains("\ndrift: interface wg-old is not in the bundle\n"), r.out());
        assertTrue(r.out().contains("\ndrift: nft-table public:inet:operator is not in the bundle\n"), r.out());
        JsonObject j = json(status("--json"));
        assertEquals(4, j.getAsJsonArray("drift").size(), j.toString());
        Files.delete(bundle.resolve("wireguard/wg-v3-2.conf"));
        assertTrue(status().out().contains("\ndrift: file wireguard/wg-v3-2.conf is missing\n"));
    }

    @Test
    void prometheusTextfilePassesPromtool() throws Exception {
        replaceIn("handshakes", "wg-v2-1\tPEERKEY1=\t" + (System.currentTimeMillis() / 1000 - 10), "wg-v2-1\tPEERKEY1=\t0");
        Path prom = tmp.resolve("vpnc.prom");
        Tools.Result r = status("--prometheus", prom.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("", r.out());
        String text = Files.readString(prom);
        assertTrue(text.contains("\nvpnc_status{host=\"v1-1\",site=\"site1\"} 1\n"), text);
        assertTrue(text.contains("\nvpnc_tunnel_up{host=\"v1-1\",site=\"site1\",ifname=\"wg-v2-1\",peer=\"v2-1\",remote_site=\"site2\"} 0\n"), text);
        assertFalse(text.contains("vpnc_tunnel_handshake_age_seconds{host=\"v1-1\",site=\"site1\",ifname=\"wg-v2-1\""), text);
        assertTrue(text.contains("\nvpnc_tunnel_rx_bytes_total{host=\"v1-1\",site=\"site1\",ifname=\"wg-v2-2\",peer=\"v2-2\",remote_site=\"site2\"} 200123\n"), text);
        assertTrue(text.contains("\nvpnc_route_nexthops_expected{host=\"v1-1\",site=\"site1\",remote_site=\"site2\",family=\"ipv6\",prefix=\"2001:db8:a2::/64\"} 2\n"), text);
        assertTrue(text.contains("\nvpnc_route_nexthops_present{host=\"v1-1\",site=\"site1\",remote_site=\"site2\",family=\"ipv6\",prefix=\"2001:db8:a2::/64\"} 2\n"), text);
        assertTrue(text.contains("\nvpnc_session_up{host=\"v1-1\",site=\"site1\",kind=\"BGP\",session=\"bgp_v2_1\",peer=\"v2-1\"} 1\n"), text);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        Tools.require("promtool");
        Tools.Result check = Tools.run(text, "promtool", "check", "metrics");
        assertEquals(0, check.exit(), check.out() + check.err());
    }
}
