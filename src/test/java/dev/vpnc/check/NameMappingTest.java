package dev.vpnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that collide, or that BIRD, the kernel or Ansible would misread, once vpnc maps them to
 * BIRD symbols, folders, interface names and inventory hosts: each is a diagnostic (exit 1 with
 * its code), never an internal error (exit 3), a merged bundle or a config BIRD rejects.
 */
class NameMappingTest {
    @TempDir
    Path tmp;

    /** Two sites of two gateways each; a router in the first when {@code router} is not null. */
    private static String network(String site1, String gw1, String gw2, String router, String site2, String gw3, String gw4) {
        return """
                network corp {
                  tunnels ipv6 2001:db8:ff::/64
                  ports 5800..5899
                }
                profile edge { uplink eth0  lan eth1 }
                site %s {
                  prefixes 2001:db8:a1::/64
                  subnet 2001:db8:f1::/64
                  gateway %s uses edge { endpoint 2001:db8:1::1 }
                  gateway %s uses edge { endpoint 2001:db8:1::2 }
                %s}
                site %s {
                  prefixes 2001:db8:a2::/64
                  subnet 2001:db8:f2::/64
                  gateway %s uses edge { endpoint 2001:db8:2::1 }
                  gateway %s uses edge { endpoint 2001:db8:2::2 }
                }
                """.formatted(site1, gw1, gw2, router == null ? "" : "  " + router + "\n", site2, gw3, gw4);
    }

    private static String sites(String site1, String site2) {
        return network(site1, "p1", "p2", null, site2, "b1", "b2");
    }

    private static String gateways(String gw1, String gw2) {
        return network("paris", gw1, gw2, null, "berlin", "b1", "b2");
    }

    private static String router(String router) {
        return network("paris", "p1", "p2", router, "berlin", "b1", "b2");
    }

    private Project.Run compile(String source) throws IOException {
        Path src = tmp.resolve("net.vpn");
        Files.writeString(src, source);
        return Project.cli("compile", src.toString(), "-o", tmp.resolve("out").toString());
    }

    /** Exit 1 (never 3), the code, and each fragment in the report. */
    private void rejected(String source, String code, String... fragments) throws IOException {
        Project.Run r = compile(source);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error[" + code + "]"), r.err());
        assertTrue(!r.err().contains("internal error"), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "`" + f + "` in:\n" + r.err());
        }
        assertTrue(!Files.exists(tmp.resolve("out")), "nothing written");
    }

    // Collisions (E0115): were "internal error ... BIRD symbol defined twice", or one folder for two hosts.

    @Test
    void sitesThatDifferByDashAndUnderscoreCollideInBirdSymbols() throws IOException {
        rejected(sites("x-1", "x_1"), "E0115", "sites `x-1` and `x_1` become the same BIRD symbols", "`SITE_X_1_V6`",
                "becomes `x_1` in BIRD symbols", "also becomes `x_1`");
    }

    @Test
    void sitesThatDifferInCaseCollideInBirdSymbols() throws IOException {
        rejected(sites("Paris", "paris"), "E0115", "sites `Paris` and `paris`", "`SITE_PARIS_V6`");
    }

    @Test
    void hostsThatDifferByDashAndUnderscoreCollideInSessionNames() throws IOException {
        rejected(gateways("x-1", "x_1"), "E0115", "gateways `x-1` and `x_1`", "`bgp_x_1`", "`ibgp_x_1`");
    }

    @Test
    void routerAndGatewayOfOneSessionNameCollide() throws IOException {
        rejected(router("router p_1 { lan eth0  hosts eth1 }").replace("gateway p1 ", "gateway p-1 "), "E0115",
                "gateway `p-1` and router `p_1`");
    }

    /** Compiled before, into `P1/` and `p1/`: one folder (and one key store folder) on macOS. */
    @Test
    void hostsThatDifferOnlyInCaseShareAFolderOnCaseInsensitiveFileSystems() throws IOException {
        rejected(gateways("P1", "p1"), "E0115", "gateways `P1` and `p1` differ only in case", "case-insensitive file system");
    }

    @Test
    void hostNamedLikeTheFleetFolderInAnotherCase() throws IOException {
        rejected(gateways("Ansible", "p2"), "E0104", "`Ansible` is the name of a folder vpnc writes", "case-insensitive");
    }

    /** Compiled before; Ansible then merged the host with the group and dropped its variables. */
    @Test
    void hostNamedLikeAnInventoryGroup() throws IOException {
        for (String group : new String[] {"all", "ungrouped", "vpnc_gateways", "vpnc_routers"}) {
            rejected(gateways(group, "p2"), "E0104", "`" + group + "` is the name of a group in the Ansible inventory");
        }
    }

    // Symbols BIRD would misread (E0116) or reject as too long (E0117).

    /** Was "internal error ... BIRD symbol defined twice: from_routers_v6". */
    @Test
    void siteNamedLikeOneOfVpncsOwnFilters() throws IOException {
        rejected(sites("routers", "berlin"), "E0116", "site `routers` gives the BIRD symbol `from_routers_v6`");
        rejected(sites("Gateways", "berlin"), "E0116", "`from_gateways_v6`");
    }

    /** Compiled before; BIRD then failed with "syntax error, unexpected BGP_PATH" on every peer. */
    @Test
    void gatewayWhoseSessionIsABgpAttribute() throws IOException {
        rejected(gateways("path", "p2"), "E0116", "gateway `path` gives the BIRD symbol `bgp_path`", "BIRD keyword");
        rejected(gateways("local-pref", "p2"), "E0116", "`bgp_local_pref`");
    }

    /** Compiled before; BIRD then failed with "Symbol too long". */
    @Test
    void siteNameTooLongForBird() throws IOException {
        rejected(sites("s".repeat(57), "berlin"), "E0117", "of 65 characters; BIRD allows 64",
                "shorten the site's name to 56 characters or fewer");
    }

    @Test
    void routerNameTooLongForBird() throws IOException {
        rejected(router("router " + "r".repeat(59) + " { lan eth0  hosts eth1 }"), "E0117",
                "`ibgp4_" + "r".repeat(59) + "`", "shorten the router's name to 58 characters or fewer");
    }

    /** The longest names the checks accept make configs BIRD itself parses. */
    @Test
    void longestAcceptedNamesMakeConfigsBirdParses() throws Exception {
        Tools.require("bird");
        String site = "s".repeat(56);
        String routerName = "r".repeat(58);
        Project.Run r = compile(network(site, "p1", "p2", "router " + routerName + " { lan eth0  hosts eth1 }", "berlin", "b1", "b2"));
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
            for (Path conf : files.filter(p -> p.getFileName().toString().equals("bird.conf")).toList()) {
                Tools.Result parsed = Tools.run(null, "bird", "-p", "-c", conf.toString());
                assertEquals(0, parsed.exit(), conf + ": " + parsed.err());
            }
        }
    }

    // Interface names the kernel or BIRD would misread (E0206).

    /** Compiled before: `interface "-eth1"` excludes eth1 in BIRD, and ip(8) takes -eth1 for an option. */
    @Test
    void interfaceStartingWithDash() throws IOException {
        rejected(router("router r1 { lan eth0  hosts \"-eth1\" }"), "E0206", "`-eth1` is not a valid interface name",
                "starts with `-`");
    }

    @Test
    void namespaceStartingWithDash() throws IOException {
        rejected(sites("paris", "berlin").replace("ports 5800..5899", "ports 5800..5899\n  namespace \"-x\""), "E0206",
                "namespace name `-x` is not usable", "starts with `-`");
    }
}
