package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/hover on settings and blocks: the value that applies, and where it comes from. */
class LspHoverTest {
    @TempDir
    Path tmp;

    /** Two sites; v1 lowers the MTU, and its gateway v1-2 lowers it again. */
    static final String NET = """
            profile edge {
              uplink eth0
              lan eth1
            }

            network n {
              tunnels ipv6 2001:db8:ff::/64
            }

            site v1 {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              wireguard {
                mtu 1380
              }
              gateway v1-1 uses edge { endpoint 2001:db8:1::1 }
              gateway v1-2 uses edge {
                endpoint 2001:db8:1::2
                wireguard {
                  mtu 1300
                }
              }
            }

            site v2 {
              prefixes 2001:db8:a2::/64
              subnet 2001:db8:f2::/64
              gateway v2-1 uses edge { endpoint 2001:db8:2::1 }
              gateway v2-2 uses edge { endpoint 2001:db8:2::2 }
            }
            """;

    @Test
    void aProbeSaysWhereItIsWrittenAndWhichGatewaysRunIt() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, NET.replace("  subnet 2001:db8:f1::/64\n",
                "  subnet 2001:db8:f1::/64\n  probe 2001:db8:a1::1 { down 5 }\n"));
        String md = hover(b, b.at("probe 2001", 0, 1));
        assertTrue(md.contains("**`probe`** `2001:db8:a1::1` — written in site `v1`"), md);
        assertTrue(md.contains("applies to: site `v1`"), md);
        String down = hover(b, b.at("down 5", 0, 1));
        assertTrue(down.contains("**`probe down`** `5` — written in site `v1`"), down);
    }

    @Test
    void aSiteSettingSaysWhereItAppliesAndWhereItIsOverridden() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, NET);
        String md = hover(b, b.at("mtu 1380", 0, 1));
        assertTrue(md.contains("**`wireguard mtu`** `1380` — written in site `v1`"), md);
        assertTrue(md.contains("applies to: site `v1`, gateway `v1-1`\n"), md);
        assertTrue(md.contains("overridden in gateway `v1-2`: `1300` from gateway `v1-2` (net.vpn:20)"), md);
        // on its value too
        assertEquals(md, hover(b, b.at("mtu 1380", 0, 5)));
    }

    @Test
    void aProfileSettingAppliesToTheHostsThatUseIt() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, NET);
        String md = hover(b, b.at("lan eth1", 0, 0));
        assertTrue(md.contains("written in profile `edge`"), md);
        assertTrue(md.contains("applies to: gateway `v1-1`, gateway `v1-2`, gateway `v2-1`, gateway `v2-2`"), md);
        assertTrue(md.contains("allowed in: network, site, gateway, router"), md);
    }

    @Test
    void aGatewaySaysWhereEachOfItsSettingsComesFrom() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, NET);
        String md = hover(b, b.at("gateway v1-1", 0, 9));
        assertTrue(md.contains("| `wireguard mtu` | `1380` | site `v1` (net.vpn:14) |"), md);
        assertTrue(md.contains("| `lan` | `eth1` | profile `edge` (net.vpn:3) |"), md);
        assertTrue(md.contains("| `endpoint` | `2001:db8:1::1` | gateway `v1-1` (net.vpn:16) |"), md);
        assertTrue(md.contains("| `bgp hold` | `6s` | stdlib `std.timers` (profile `timers-bfd`) |"), md);
        assertTrue(md.contains("| `bfd` | `on` | stdlib `std.timers` (profile `timers-bfd`) |"), md);
        assertTrue(md.contains("**gateway v1-1** — site v1, AS "), "allocations too, the network being valid: " + md);
        assertTrue(md.contains("| `bgp_v2_1` | 1380 over IPv6 |"), "each tunnel's MTU: " + md);
        String v12 = hover(b, b.at("gateway v1-2", 0, 9));
        assertTrue(v12.contains("| `wireguard mtu` | `1300` | gateway `v1-2` (net.vpn:20) |"), v12);
        String site = hover(b, b.at("site v2", 0, 6));
        assertTrue(!site.contains("`wireguard mtu`"), "no block sets it: each tunnel gets its underlay's MTU: " + site);
        String v21 = hover(b, b.at("gateway v2-1", 0, 9));
        assertTrue(v21.contains("| `bgp_v1_1` | 1380 over IPv6 |"), "the smaller of the two ends': " + v21);
        assertTrue(v21.contains("| `bgp_v1_2` | 1300 over IPv6 |"), v21);
    }

    @Test
    void aSettingOfABrokenNetworkStillSaysWhereItIsWritten() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, NET.replace("network n {", "network n uses nothing-such {")
                .replace("tunnels ipv6 2001:db8:ff::/64", ""));
        String md = hover(b, b.at("mtu 1380", 0, 1));
        assertTrue(md.contains("written in site `v1`"), md);
    }

    static String hover(LspBuffer b, Position at) throws Exception {
        Hover h = b.documents().hover(new HoverParams(new TextDocumentIdentifier(b.uri()), at)).get(30, TimeUnit.SECONDS);
        assertNotNull(h, "a hover at " + at);
        return h.getContents().getRight().getValue();
    }
}
