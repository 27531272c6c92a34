package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.compiler.Pipeline;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
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
 * then changed where a case needs it. No network, no root. The same on FRR hosts (examples/frr,
 * and its variant with OSPF inside the sites), with a stand-in for vtysh found on PATH, printing
 * what FRR 8.4 prints.
 */
class StatusScriptTest {
    private static final Pattern ARRAY_ITEM = Pattern.compile("^  \"([^\"]*)\"$", Pattern.MULTILINE);
    private static final Pattern FRR_DAEMONS = Pattern.compile("(?m)^frr_daemons=\\(([a-z0-9 ]*)\\)$");

    /** examples/frr compiled, by variant (null: as it is; else the `inside` of its network). */
    private static final Map<String, SortedMap<String, String>> FRR_OUTPUT = new HashMap<>();

    @TempDir
    Path tmp;
    private Path bundle;
    private Path stub;
    private Path stubTools;
    private String script;

    @BeforeEach
    void setUp() throws IOException {
        Tools.require("bash");
        stubTools = tmp.resolve("tools");
        Files.createDirectories(stubTools);
        for (String tool : List.of("birdc", "ip", "wg", "nft", "vtysh")) {
            Path to = stubTools.resolve(tool);
            Files.copy(Project.root().resolve("src/test/resources/status-stubs").resolve(tool), to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(tmp.resolve("units"));
        load(Emitter.render(ReferencePlanFixture.plan()), "v1-1");
    }

    /** Installs {@code host}'s bundle from {@code files} and makes its state healthy, afresh. */
    private void load(SortedMap<String, String> files, String host) throws IOException {
        bundle = tmp.resolve("bundle-" + host);
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (f.getKey().startsWith(host + "/")) {
                Path p = bundle.resolve(f.getKey().substring(host.length() + 1));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        }
        script = files.get(host + "/status.sh");
        stub = tmp.resolve("state-" + host);
        Files.createDirectories(stub.resolve("birdc"));
        Files.createDirectories(stub.resolve("vtysh"));
        Files.createDirectories(stub.resolve("routes"));
        healthy();
    }

    /** Host {@code host} of examples/frr, with {@code inside} set on its network (null: as it is). */
    private void loadFrr(String inside, String host) throws IOException {
        SortedMap<String, String> files;
        synchronized (FRR_OUTPUT) {
            files = FRR_OUTPUT.get(String.valueOf(inside));
            if (files == null) {
                Path work = tmp.resolve("frr-" + inside);
                Project.copyTree(Project.root().resolve("examples/frr"), work);
                Path source = work.resolve("net.vpn");
                if (inside != null) {
                    String text = Files.readString(source);
                    String edited = text.replaceFirst("(?m)^(network [^\n]*\\{\n)", "$1  inside " + inside + "\n");
                    assertFalse(edited.equals(text));
                    Files.writeString(source, edited);
                }
                Pipeline.Result r = Pipeline.run(source, work.resolve("secrets"), work.resolve("vpnc.lock"));
                assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
                files = r.files();
                FRR_OUTPUT.put(String.valueOf(inside), files);
            }
        }
        load(files, host);
        assertTrue(script.contains("\npathspace=\"vpnc-" + host + "\"\n"), "an FRR host's status.sh");
    }

    /** The items of one of the script's data arrays ({@code NAME=(} then one quoted item a line); none without it. */
    private List<String[]> intent(String array) {
        int start = script.indexOf("\n" + array + "=(\n");
        if (start < 0) {
            return List.of();
        }
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
        frrHealthy();
        write("tables-public", "table inet vpnc\n");
        write("tables-private", "table inet vpnc\n");
        for (String[] r : intent("routes")) {
            route(r[2], r[4].split(","));
        }
    }

    /**
     * On an FRR host, what vtysh prints of it healthy, in FRR 8.4's formats (bgpd's
     * bgp_show_peer, bfdd's _display_peer_brief, ospf6d's ospf6_neighbor_show, ospfd's
     * show_ip_ospf_neighbour_brief): every daemon answering, every BGP neighbor Established,
     * every BFD peer up, OSPF neighbors Full or 2-way (which ospf6d calls Twoway).
     */
    private void frrHealthy() throws IOException {
        Matcher daemons = FRR_DAEMONS.matcher(script);
        if (!daemons.find()) {
            return;
        }
        write("vtysh/show_daemons", " " + daemons.group(1) + "\n");
        StringBuilder bgp = new StringBuilder();
        StringBuilder bfd = new StringBuilder(String.format(Locale.ROOT, "Session count: %d%n%-10s %-40s %-40s%-15s%n"
                + "%-10s %-40s %-40s%-15s%n", intent("sessions").size(), "SessionId", "LocalAddress", "PeerAddress",
                "Status", "=========", "============", "===========", "======"));
        StringBuilder ospf6 = new StringBuilder("Neighbor ID     Pri    DeadTime    State/IfState         Duration I/F[State]\n");
        StringBuilder ospf = new StringBuilder(String.format(Locale.ROOT, "%n%-15s %-3s %-15s %-15s %-9s %-15s %-32s %5s %5s %5s%n",
                "Neighbor ID", "Pri", "State", "Up Time", "Dead Time", "Address", "Interface", "RXmtL", "RqstL", "DBsmL"));
        int n = 0;
        for (String[] s : intent("sessions")) {
            n++;
            switch (s[0]) {
                case "BGP" -> bgp.append("BGP neighbor is ").append(s[4]).append(", remote AS 65002, local AS 65001, external link\n")
                        .append("  Local Role: undefined\n  Remote Role: undefined\nHostname: ").append(s[2]).append('\n')
                        .append("  BGP version 4, remote router ID 10.1.2.2, local router ID 10.1.1.2\n")
                        .append("  BGP state = Established, up for 00:01:18\n")
                        .append("  Last read 00:00:01, Last write 00:00:01\n")
                        .append("  Hold time is 6 seconds, keepalive interval is 2 seconds\n")
                        .append("  Connections established 1; dropped 0\n")
                        .append("  Last reset 00:01:20,  No AFI/SAFI activated for peer\n")
                        .append("Local host: 2001:db8:ff::, Local port: 179\n")
                        .append("Foreign host: ").append(s[4]).append(", Foreign port: 48356\n\n")
                        .append("  BFD: Type: single hop\n")
                        .append("  Detect Multiplier: 3, Min Rx interval: 100, Min Tx interval: 100\n")
                        .append("  Status: Up, Last update: 0:00:01:16\n\n");
                case "BFD" -> bfd.append(String.format(Locale.ROOT, "%-10d %-40s %-40s%-15s%n", 1801313035L + n,
                        "2001:db8:ff::", s[4], "up"));
                case "OSPF" -> {
                    if (s[5].equals("ospf6")) {
                        ospf6.append(String.format(Locale.ROOT, "%-15s %3d %11s %8s/%-12s %11s %s[%s]%n", s[4], 1,
                                "00:00:33", "Full", "DR", "00:01:36", "eth0", "DROther"));
                    } else {
                        ospf.append(String.format(Locale.ROOT, "%-15s %3d %-15s %-15s %9s %-15s %-32s %5d %5d %5d%n", s[4], 1,
                                "Full/DR", "1m36s", "33.456s", "10.1.1.2", "eth0:10.1.1.1", 0, 0, 0));
                    }
                }
                default -> throw new IllegalStateException(s[0]);
            }
        }
        write("vtysh/show_bgp_neighbors", bgp.toString());
        write("vtysh/show_bfd_peers_brief", bfd.toString());
        write("vtysh/show_ipv6_ospf6_neighbor", ospf6.toString());
        write("vtysh/show_ip_ospf_neighbor", ospf.toString());
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

    /** status.sh with the stand-ins; vtysh is found on PATH (as on a host: nothing names it). */
    private Tools.Result status(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("env", "PATH=" + stubTools + ":" + System.getenv("PATH"),
                "VPNC_STUB=" + stub, "IP=" + stubTools.resolve("ip"),
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

    // ---- FRR ----

    /** Where a session's row is in the table: kind, name, peer, state, verdict. */
    private static String row(String kind, String name, String peer, String state, String verdict) {
        return "(?s).*\\n" + Pattern.quote(kind) + " +" + Pattern.quote(name) + " +" + Pattern.quote(peer) + " +"
                + Pattern.quote(state) + " +" + verdict + "\\n.*";
    }

    private List<String> vtyshCalls() throws IOException {
        return Files.readAllLines(stub.resolve("calls")).stream().filter(c -> c.startsWith("vtysh ")).toList();
    }

    @Test
    void frrGatewayAllHealthyIsOk() throws Exception {
        loadFrr(null, "v1-1");
        List<String[]> sessions = intent("sessions");
        assertEquals(12, sessions.size(), "6 BGP neighbors (4 tunnels, r1, v1-2) and their BFD sessions");
        Tools.Result r = status();
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site v1): ok\n"), r.out());
        assertTrue(r.err().isEmpty(), "vtysh's complaint about vtysh.conf is not shown: " + r.err());
        assertTrue(r.out().matches(row("FRR", "vpnc-v1-1", "-", "running", "ok")), r.out());
        assertTrue(r.out().matches(row("BGP", "bgp_v2_1", "v2-1", "Established", "ok")), r.out());
        assertTrue(r.out().matches(row("BGP", "ibgp_r1", "r1", "Established", "ok")), r.out());
        assertTrue(r.out().matches(row("BFD", "bfd:2001:db8:ff::1", "v2-1", "Up", "ok")), r.out());
        // Each question asked once, whatever the number of sessions: the daemons, BGP, BFD.
        assertEquals(List.of("vtysh -N vpnc-v1-1 -c show daemons", "vtysh -N vpnc-v1-1 -c show bgp neighbors",
                "vtysh -N vpnc-v1-1 -c show bfd peers brief"), vtyshCalls());
        JsonObject j = json(status("--json"));
        assertEquals("ok", j.get("verdict").getAsString());
        assertEquals(sessions.size() + 1, j.getAsJsonArray("sessions").size()); // + FRR itself
        assertEquals(List.of(), named(j.getAsJsonArray("sessions"), "name", "degraded"));
        JsonObject frr = j.getAsJsonArray("sessions").get(0).getAsJsonObject();
        assertEquals("FRR", frr.get("kind").getAsString());
        assertEquals("", frr.get("peer").getAsString());
        Path prom = tmp.resolve("frr.prom");
        assertEquals(0, status("--prometheus", prom.toString()).exit());
        String text = Files.readString(prom);
        assertTrue(text.contains("\nvpnc_session_up{host=\"v1-1\",site=\"v1\",kind=\"FRR\",session=\"vpnc-v1-1\",peer=\"\"} 1\n"), text);
        assertTrue(text.contains("\nvpnc_session_up{host=\"v1-1\",site=\"v1\",kind=\"BGP\",session=\"bgp_v2_1\",peer=\"v2-1\"} 1\n"), text);
        assertFalse(Files.readString(stub.resolve("calls")).contains("birdc"));
    }

    @Test
    void frrBgpNeighborActiveIsDegraded() throws Exception {
        loadFrr(null, "v1-1");
        String text = Files.readString(stub.resolve("vtysh/show_bgp_neighbors"));
        String block = "BGP neighbor is 2001:db8:ff::1, remote AS 65002, local AS 65001, external link\n";
        int at = text.indexOf(block);
        assertTrue(at >= 0, text);
        String established = "  BGP state = Established, up for 00:01:18\n";
        int state = text.indexOf(established, at);
        write("vtysh/show_bgp_neighbors", text.substring(0, state) + "  BGP state = Active\n"
                + text.substring(state + established.length()));
        Tools.Result r = status();
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site v1): degraded\n"), r.out());
        assertTrue(r.out().matches(row("BGP", "bgp_v2_1", "v2-1", "Active", "degraded")), r.out());
        assertTrue(r.out().matches(row("BGP", "bgp_v2_2", "v2-2", "Established", "ok")), r.out());
        JsonObject j = json(status("--json"));
        assertEquals("degraded", j.get("verdict").getAsString());
        assertEquals(List.of("bgp_v2_1"), named(j.getAsJsonArray("sessions"), "name", "degraded"));
    }

    @Test
    void frrBfdPeerDownOrMissingIsDegraded() throws Exception {
        loadFrr(null, "v1-1");
        replaceIn("vtysh/show_bfd_peers_brief", String.format(Locale.ROOT, "%-40s%-15s", "2001:db8:ff::3", "up"),
                String.format(Locale.ROOT, "%-40s%-15s", "2001:db8:ff::3", "down"));
        String text = Files.readString(stub.resolve("vtysh/show_bfd_peers_brief"));
        write("vtysh/show_bfd_peers_brief", text.lines().filter(l -> !l.contains(" 2001:db8:f1::1 "))
                .map(l -> l + "\n").reduce("", String::concat));
        Tools.Result r = status();
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches(row("BFD", "bfd:2001:db8:ff::3", "v2-2", "Down", "degraded")), r.out());
        assertTrue(r.out().matches(row("BFD", "bfd:2001:db8:f1::1", "r1", "absent", "degraded")), r.out());
        assertEquals(List.of("bfd:2001:db8:ff::3", "bfd:2001:db8:f1::1"),
                named(json(status("--json")).getAsJsonArray("sessions"), "name", "degraded"));
    }

    @Test
    void frrNotAnsweringIsBroken() throws Exception {
        loadFrr(null, "v1-1");
        write("frr-down", "");
        Tools.Result r = status();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("gateway v1-1 (site v1): broken\n"), r.out());
        assertTrue(r.out().matches(row("FRR", "vpnc-v1-1", "-", "not-answering", "broken")), r.out());
        assertTrue(r.out().matches(row("BGP", "bgp_v2_1", "v2-1", "no-bgpd", "broken")), r.out());
        assertTrue(r.out().matches(row("BFD", "bfd:2001:db8:ff::1", "v2-1", "no-bfdd", "broken")), r.out());
        assertEquals(1, vtyshCalls().size(), "nothing else asked of an FRR that does not answer");
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void frrDaemonNotAnsweringIsBroken() throws Exception {
        loadFrr(null, "v1-1");
        write("vtysh/show_daemons", " zebra bgpd\n");
        Files.delete(stub.resolve("vtysh/show_bfd_peers_brief"));
        Tools.Result r = status();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches(row("FRR", "vpnc-v1-1", "-", "missing:bfdd", "broken")), r.out());
        assertTrue(r.out().matches(row("BFD", "bfd:2001:db8:ff::1", "v2-1", "no-bfdd", "broken")), r.out());
        assertTrue(r.out().matches(row("BGP", "bgp_v2_1", "v2-1", "Established", "ok")), r.out());
        assertFalse(vtyshCalls().contains("vtysh -N vpnc-v1-1 -c show bfd peers brief"));
    }

    /** A router of a site with OSPF inside: OSPF neighbors in ospf6d (IPv6) and ospfd (IPv4), no BGP. */
    @Test
    void frrRouterOspfNeighbors() throws Exception {
        loadFrr("ospf", "r1");
        List<String[]> sessions = intent("sessions");
        assertEquals(List.of("OSPF ospf6:v1-1", "OSPF ospf6:v1-2", "OSPF ospf:v1-1", "OSPF ospf:v1-2"),
                sessions.stream().map(s -> s[0] + " " + s[1]).toList());
        assertTrue(script.contains("\nfrr_daemons=(zebra bfdd ospf6d ospfd)\n"), script);
        // ospf6d's 2-way is "Twoway": read as BIRD and ospfd name it.
        String v12 = sessions.get(1)[4];
        replaceIn("vtysh/show_ipv6_ospf6_neighbor", String.format(Locale.ROOT, "%-15s %3d %11s %8s/%-12s", v12, 1,
                "00:00:33", "Full", "DR"), String.format(Locale.ROOT, "%-15s %3d %11s %8s/%-12s", v12, 1, "00:00:33",
                "Twoway", "DROther"));
        Tools.Result r = status();
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("internal router r1 (site v1): ok\n"), r.out());
        assertTrue(r.out().matches(row("OSPF", "ospf6:v1-1", "v1-1", "Full/DR", "ok")), r.out());
        assertTrue(r.out().matches(row("OSPF", "ospf6:v1-2", "v1-2", "2-Way/DROther", "ok")), r.out());
        assertTrue(r.out().matches(row("OSPF", "ospf:v1-2", "v1-2", "Full/DR", "ok")), r.out());
        assertEquals(List.of("vtysh -N vpnc-r1 -c show daemons", "vtysh -N vpnc-r1 -c show ipv6 ospf6 neighbor",
                "vtysh -N vpnc-r1 -c show ip ospf neighbor"), vtyshCalls());
        String v11 = sessions.get(2)[4];
        replaceIn("vtysh/show_ip_ospf_neighbor", String.format(Locale.ROOT, "%-15s %3d %-15s", v11, 1, "Full/DR"),
                String.format(Locale.ROOT, "%-15s %3d %-15s", v11, 1, "Init/DROther"));
        r = status();
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches(row("OSPF", "ospf:v1-1", "v1-1", "Init/DROther", "degraded")), r.out());
        assertEquals(List.of("ospf:v1-1"), named(json(status("--json")).getAsJsonArray("sessions"), "name", "degraded"));
    }
}
