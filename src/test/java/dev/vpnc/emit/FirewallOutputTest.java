package dev.vpnc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.source.SourceFile;
import dev.vpnc.tools.RealTools;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nftables files of a gateway: per-peer listen rules, `firewall off`, DNS peers, hubs. */
class FirewallOutputTest {
    @TempDir
    Path tmp;

    static final String NET = """
            profile edge {
              uplink eth0
              lan eth1
            }

            network n {
              tunnels ipv6 2001:db8:ff::/64
              underlay ipv6, ipv4
              mesh hubs hub
            }

            site hub {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway h-1 uses edge { endpoint 2001:db8:1::1 }
              gateway h-2 uses edge { endpoint 192.0.2.2 }
            }

            site s2 {
              prefixes 2001:db8:a2::/64
              subnet 2001:db8:f2::/64
              firewall off
              gateway s2-1 uses edge { endpoint 2001:db8:2::1 }
              gateway s2-2 uses edge { endpoint 2001:db8:2::2 }
            }

            site s3 {
              prefixes 2001:db8:a3::/64
              subnet 2001:db8:f3::/64
              gateway s3-1 uses edge { endpoint vpn.example.net }
              gateway s3-2 uses edge { endpoint 2001:db8:3::2 }
            }
            """;

    @Test
    void eachListenPortIsOpenToItsPeerOnly() {
        SortedMap<String, String> files = compile();
        String pub = files.get("s3-2/firewall/public.nft");
        // one rule per tunnel: s3-2's tunnels go to the hub's gateways only (hub and spoke)
        assertTrue(pub.matches("(?s).*udp dport \\d+ ip6 saddr 2001:db8:1::1 counter accept comment \"wg-h-1: h-1\".*"), pub);
        assertTrue(pub.matches("(?s).*# Open to all: h-2 sends over IPv6 .*udp dport \\d+ counter accept comment \"wg-h-2: h-2\".*"), pub);
        assertTrue(pub.contains("counter drop comment \"vpnc listen ports, other sources\""), pub);
        // the hub's gateways reach s3-1 by name: its port is open to all, and said so
        String hub = files.get("h-1/firewall/public.nft");
        assertTrue(hub.matches("(?s).*# Open to all: s3-1's endpoint is a DNS name.*\n    udp dport \\d+ counter accept comment \"wg-s3-1: s3-1\".*"), hub);
        // h-2's endpoint is IPv4: s3-2 (IPv6) sends to it over IPv4, from an address no endpoint gives
        String h2 = files.get("h-2/firewall/public.nft");
        assertTrue(h2.contains("# Open to all: s3-2 sends over IPv4 (this gateway's endpoint), from an address its IPv6 endpoint does not give."), h2);
        assertFalse(h2.contains("saddr 2001:db8:3::2"), h2);
        assertTrue(files.get("h-1/firewall/private.nft").contains("iifname \"wg-*\" oifname \"wg-*\" accept"), "a hub forwards spoke to spoke");
        assertFalse(files.get("s3-2/firewall/private.nft").contains("oifname \"wg-*\" accept comment \"hub"), "a spoke does not");
    }

    @Test
    void firewallOffRemovesThePublicTableAndKeepsOnlyMssClamping() {
        SortedMap<String, String> files = compile();
        String pub = files.get("s2-1/firewall/public.nft");
        assertEquals(List.of("table inet vpnc", "delete table inet vpnc"),
                pub.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
        String priv = files.get("s2-1/firewall/private.nft");
        assertTrue(priv.contains("chain mss") && !priv.contains("chain input") && !priv.contains("chain forward"), priv);
    }

    @Test
    void nftablesAcceptsEveryFile() {
        SortedMap<String, String> files = compile();
        Bundles.write(files, tmp.resolve("out"));
        RealTools.requireTools(List.of("nft", "unshare"));
        for (String f : files.keySet()) {
            if (f.endsWith(".nft")) {
                assertEquals(List.of(), RealTools.checkNftables(tmp.resolve("out").resolve(f)), f);
            }
        }
    }

    private SortedMap<String, String> compile() {
        Pipeline.Result r = Pipeline.check(new SourceFile(tmp.resolve("net.vpn").toString(), NET), tmp,
                tmp.resolve("keys"), tmp.resolve("vpnc.lock"));
        assertFalse(r.diagnostics().hasErrors(), () -> r.diagnostics().sorted().toString());
        return r.files();
    }
}
