package dev.vpnc.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Renderer;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings precedence, most specific first: a host's own settings, then the profiles it uses (the
 * last listed first), then its site's settings and profiles, then the network's settings and
 * profiles, then the stdlib defaults ({@code vpnc-defaults} in stdlib/defaults.vpn).
 *
 * <p>Each test writes a network of one site {@code paris} with gateways {@code g1} (and, where
 * needed, {@code g2}) and router {@code r1}; only the blocks under test carry settings.
 */
class PrecedenceTest {
    @TempDir
    Path dir;

    private Model resolve(String profiles, String network, String networkUses, String site, String siteUses,
                          String g1, String g1Uses) {
        String text = profiles + "\n"
                + "network corp" + uses(networkUses) + " {\n"
                + "  tunnels ipv6 2001:db8:ff::/64\n"
                + network + "\n"
                + "}\n"
                + "site paris" + uses(siteUses) + " {\n"
                + "  prefixes 2001:db8:a1::/64\n"
                + "  subnet 2001:db8:f1::/64\n"
                + site + "\n"
                + "  gateway g1" + uses(g1Uses) + " {\n"
                + "    endpoint 2001:db8:1::1\n"
                + g1 + "\n"
                + "  }\n"
                + "  gateway g2 { endpoint 2001:db8:1::2 }\n"
                + "  router r1 { lan eth0 }\n"
                + "}\n";
        Diagnostics diagnostics = new Diagnostics();
        List<FileAst> files = Loader.load(new SourceFile("test.vpn", text), dir, diagnostics);
        Model model = Resolver.resolve(files, diagnostics);
        // Unused-profile warnings are expected when a level is peeled off: only errors matter here.
        assertEquals("", Renderer.render(diagnostics.sorted().stream()
                .filter(d -> d.severity() == dev.vpnc.diag.Severity.ERROR).toList()), text);
        assertNotNull(model, text);
        return model;
    }

    private static String uses(String names) {
        return names.isEmpty() ? "" : " uses " + names;
    }

    private static Model.Site paris(Model m) {
        return m.sites().get(0);
    }

    private static Model.Gateway gateway(Model m, String name) {
        return paris(m).gateways().stream().filter(g -> g.name().text().equals(name)).findFirst().orElseThrow();
    }

    private static Model.Router router(Model m) {
        return paris(m).routers().get(0);
    }

    // ---- the stdlib defaults ----

    @Test
    void stdlibDefaultsApplyWhenNothingIsWritten() {
        Model m = resolve("", "", "", "", "", "", "");
        Model.Gateway g1 = gateway(m, "g1");
        assertEquals("private", m.network().namespace().name());
        assertEquals(new Model.PortRange(51820, 51999), m.network().ports().value());
        assertEquals(new Model.AsnRange(65001, 65534), m.network().asnPool().value());
        assertTrue(m.network().fullMesh());
        assertNull(g1.mtu(), "no MTU set: each tunnel gets its underlay's (plan.Underlay)");
        assertFalse(g1.psk());
        assertEquals(0, g1.keepaliveSeconds());
        assertEquals(6, g1.timers().bgpHoldSeconds());           // timers-bfd
        assertEquals(2, g1.timers().bgpKeepaliveSeconds());
        assertTrue(g1.timers().bfd());
        assertEquals(100, g1.timers().bfdIntervalMillis());
        assertEquals(3, g1.timers().bfdMultiplier());
        assertEquals(160, g1.timers().bgpPreference());           // bird2
        assertEquals(40, g1.timers().ospfDeadSeconds());
        assertEquals(100, router(m).timers().bfdIntervalMillis());
    }

    // ---- network over the defaults ----

    @Test
    void networkSettingBeatsDefaults() {
        Model m = resolve("", "  ports 5800..5899\n  wireguard { mtu 1400 }", "", "", "", "", "");
        assertEquals(new Model.PortRange(5800, 5899), m.network().ports().value());
        assertEquals(1400, gateway(m, "g1").mtu().value());
        assertEquals(1400, gateway(m, "g2").mtu().value());
    }

    @Test
    void networkProfileBeatsDefaults() {
        Model m = resolve("", "", "timers-reference", "", "", "", "");
        assertFalse(gateway(m, "g1").timers().bfd());
        assertFalse(router(m).timers().bfd());
        m = resolve("", "", "timers-fast", "", "", "", "");
        assertEquals(50, gateway(m, "g1").timers().bfdIntervalMillis());
    }

    @Test
    void networkOwnSettingBeatsItsProfile() {
        Model m = resolve("", "  bfd { interval 200ms }", "timers-fast", "", "", "", "");
        assertEquals(200, gateway(m, "g1").timers().bfdIntervalMillis());
        assertEquals(3, gateway(m, "g1").timers().bfdMultiplier());  // still from timers-fast
    }

    @Test
    void lastListedNetworkProfileWins() {
        assertEquals(50, gateway(resolve("", "", "timers-reference, timers-fast", "", "", "", ""), "g1").timers().bfdIntervalMillis());
        assertFalse(gateway(resolve("", "", "timers-fast, timers-reference", "", "", "", ""), "g1").timers().bfd());
    }

    // ---- site over network ----

    @Test
    void siteSettingBeatsNetwork() {
        Model m = resolve("", "  bgp { hold 12s }\n  wireguard { mtu 1400 }", "", "  bgp { hold 9s }", "", "", "");
        assertEquals(9, gateway(m, "g1").timers().bgpHoldSeconds());
        assertEquals(9, router(m).timers().bgpHoldSeconds());
        assertEquals(1400, gateway(m, "g1").mtu().value());  // not set by the site: the network's
    }

    @Test
    void siteProfileBeatsNetworkOwnSetting() {
        String profiles = "profile small-mtu {\n  wireguard { mtu 1380 }\n}\n";
        Model m = resolve(profiles, "  wireguard { mtu 1400 }", "", "", "small-mtu", "", "");
        assertEquals(1380, gateway(m, "g1").mtu().value());
    }

    @Test
    void siteOwnSettingBeatsItsProfile() {
        String profiles = "profile small-mtu {\n  wireguard { mtu 1380 }\n}\n";
        Model m = resolve(profiles, "", "", "  wireguard { mtu 1360 }", "small-mtu", "", "");
        assertEquals(1360, gateway(m, "g1").mtu().value());
    }

    // ---- host over site ----

    @Test
    void hostProfileBeatsSiteOwnSetting() {
        String profiles = "profile edge {\n  uplink eth0\n  lan eth1\n  wireguard { mtu 1300 }\n}\n";
        Model m = resolve(profiles, "", "", "  uplink eth9\n  lan eth8\n  wireguard { mtu 1380 }", "", "", "edge");
        Model.Gateway g1 = gateway(m, "g1");
        assertEquals("eth0", g1.uplink().name());
        assertEquals(List.of("eth1"), g1.lan().stream().map(Model.Ifname::name).toList());
        assertEquals(1300, g1.mtu().value());
        Model.Gateway g2 = gateway(m, "g2");  // no profile: the site's values
        assertEquals("eth9", g2.uplink().name());
        assertEquals(1380, g2.mtu().value());
    }

    @Test
    void hostOwnSettingBeatsItsProfiles() {
        String profiles = "profile edge {\n  uplink eth0\n  lan eth1\n}\n";
        Model m = resolve(profiles, "", "", "", "", "    uplink eth5", "edge");
        assertEquals("eth5", gateway(m, "g1").uplink().name());
        assertEquals("eth1", gateway(m, "g1").lan().get(0).name());
    }

    @Test
    void lastListedHostProfileWins() {
        String profiles = "profile a {\n  uplink eth0\n  lan eth1\n  bgp { hold 9s }\n}\n"
                + "profile b {\n  uplink eth2\n  bgp { hold 12s }\n}\n";
        Model m = resolve(profiles, "", "", "", "", "", "a, b");
        Model.Gateway g1 = gateway(m, "g1");
        assertEquals("eth2", g1.uplink().name());
        assertEquals("eth1", g1.lan().get(0).name());  // only `a` sets it
        assertEquals(12, g1.timers().bgpHoldSeconds());
        m = resolve(profiles, "", "", "", "", "", "b, a");
        assertEquals("eth0", gateway(m, "g1").uplink().name());
        assertEquals(9, gateway(m, "g1").timers().bgpHoldSeconds());
    }

    @Test
    void profileOwnSettingBeatsTheProfileItUses() {
        String profiles = "profile edge uses timers-fast {\n  uplink eth0\n  lan eth1\n  bfd { interval 300ms }\n}\n";
        Model m = resolve(profiles, "", "", "", "", "", "edge");
        assertEquals(300, gateway(m, "g1").timers().bfdIntervalMillis());
        assertEquals(3, gateway(m, "g1").timers().bfdMultiplier());
    }

    @Test
    void hostProfileFromStdlibBeatsSiteSetting() {
        // A stdlib profile used by a host is still a host profile: it outranks the site.
        Model m = resolve("", "", "", "  bfd { interval 500ms }", "", "", "timers-fast");
        assertEquals(50, gateway(m, "g1").timers().bfdIntervalMillis());
        assertEquals(500, gateway(m, "g2").timers().bfdIntervalMillis());
        assertEquals(500, router(m).timers().bfdIntervalMillis());
    }

    @Test
    void fullChainEachLevelWinsOverTheNext() {
        String profiles = "profile net-p {\n  bgp { hold 30s }\n}\n"
                + "profile site-p {\n  bgp { hold 24s }\n}\n"
                + "profile host-p {\n  bgp { hold 12s }\n}\n";
        // hold set at every level: the host's own value wins, then peel off one level at a time.
        assertEquals(9, gateway(resolve(profiles, "  bgp { hold 27s }", "net-p", "  bgp { hold 18s }", "site-p",
                "    bgp { hold 9s }", "host-p"), "g1").timers().bgpHoldSeconds());
        assertEquals(12, gateway(resolve(profiles, "  bgp { hold 27s }", "net-p", "  bgp { hold 18s }", "site-p",
                "", "host-p"), "g1").timers().bgpHoldSeconds());
        assertEquals(18, gateway(resolve(profiles, "  bgp { hold 27s }", "net-p", "  bgp { hold 18s }", "site-p",
                "", ""), "g1").timers().bgpHoldSeconds());
        assertEquals(24, gateway(resolve(profiles, "  bgp { hold 27s }", "net-p", "", "site-p",
                "", ""), "g1").timers().bgpHoldSeconds());
        assertEquals(27, gateway(resolve(profiles, "  bgp { hold 27s }", "net-p", "", "",
                "", ""), "g1").timers().bgpHoldSeconds());
        assertEquals(30, gateway(resolve(profiles, "", "net-p", "", "",
                "", ""), "g1").timers().bgpHoldSeconds());
        assertEquals(6, gateway(resolve(profiles, "", "", "", "",
                "", ""), "g1").timers().bgpHoldSeconds());
    }
}
