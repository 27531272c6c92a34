package dev.vpnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.BlockKind;
import dev.vpnc.ast.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** textDocument/completion: what may be written where the cursor is ({@code |} in the texts), and nothing else. */
class LspCompletionTest {
    /** The profiles every buffer sees: the stdlib prelude (std.defaults) loads std.bird2 and std.timers. */
    private static final List<String> PRELUDE_PROFILES =
            List.of("bird2", "timers-bfd", "timers-fast", "timers-reference", "vpnc-defaults");

    @TempDir
    Path tmp;

    @Test
    void theTopLevelOffersDeclarationsAndImportOnlyBeforeThem() throws Exception {
        assertEquals(List.of("import", "network", "profile", "site"), labels("|"));
        assertEquals(List.of("import", "network", "profile", "site"), labels("import std.timers\n|"));
        assertEquals(List.of("network", "profile", "site"), labels("profile p {\n}\n|"));
        assertEquals(List.of("site"), labels("profile p {\n}\nsi|"));
    }

    @Test
    void aGatewayBlockOffersExactlyTheSettingsAGatewayMayHold() throws Exception {
        List<String> offered = labels("site a {\n  gateway g {\n    |\n  }\n}\n");
        assertEquals(List.of("bfd", "bgp", "endpoint", "firewall", "lan", "ospf", "routing", "uplink", "wireguard"), offered);
        assertEquals(firstWordsAllowedIn(BlockKind.GATEWAY), offered);
        CompletionItem endpoint = item("site a {\n  gateway g {\n    |\n  }\n}\n", "endpoint");
        assertEquals(CompletionItemKind.Property, endpoint.getKind());
        assertEquals("setting: allowed in gateway, profile", endpoint.getDetail());
        assertEquals("block: mtu, keepalive, psk", item("site a {\n  gateway g {\n    |\n  }\n}\n", "wireguard").getDetail());
    }

    @Test
    void aRouterBlockHasNeitherWireguardNorAnEndpoint() throws Exception {
        List<String> offered = labels("site a {\n  router r {\n    |\n  }\n}\n");
        assertEquals(List.of("bfd", "bgp", "hosts", "lan", "ospf", "prefixes", "routing"), offered);
        assertEquals(firstWordsAllowedIn(BlockKind.ROUTER), offered);
    }

    @Test
    void hostsAreOfferedInASiteOnly() throws Exception {
        assertEquals(List.of("asn", "bfd", "bgp", "firewall", "gateway", "hosts", "inside", "lan", "ospf", "prefixes", "probe",
                "router", "routing", "subnet", "uplink", "wireguard"), labels("site a {\n  |\n}\n"));
        assertEquals(List.of("asn", "bfd", "bgp", "firewall", "hosts", "inside", "lan", "mesh", "namespace", "ospf", "ports",
                "routing", "tunnels", "underlay", "uplink", "wireguard"), labels("network n {\n  |\n}\n"));
        // A profile may hold any setting: every word that starts a setting in the grammar maps to a Key.
        assertEquals(List.of("asn", "bfd", "bgp", "endpoint", "firewall", "hosts", "inside", "lan", "mesh", "namespace", "ospf",
                "ports", "prefixes", "probe", "routing", "subnet", "tunnels", "underlay", "uplink", "wireguard"), labels("profile p {\n  |\n}\n"));
        assertEquals(CompletionItemKind.Keyword, item("site a {\n  |\n}\n", "gateway").getKind());
    }

    @Test
    void aBlockOfSubSettingsOffersItsOwnFilteredByTheEnclosingBlock() throws Exception {
        assertEquals(List.of("keepalive", "mtu", "psk"), labels("network n {\n  wireguard {\n    |\n  }\n}\n"));
        assertEquals(List.of("keepalive", "psk"), labels("network n {\n  wireguard {\n    mtu 1400\n    |\n  }\n}\n")
                .stream().filter(l -> !l.equals("mtu")).toList());
        assertEquals(List.of("hold", "keepalive", "preference"), labels("site a {\n  router r {\n    bgp { | }\n  }\n}\n"));
        assertEquals(List.of("cost", "dead", "hello"), labels("site a { ospf { cost 3 | } }"));
        // The grammar takes `wireguard { }` in a router; no WireGuard setting is allowed there.
        assertEquals(List.of(), labels("site a {\n  router r {\n    wireguard { | }\n  }\n}\n"));
        assertEquals(List.of("mtu"), labels("network n { wireguard { m| } }"));
    }

    @Test
    void aProbeOffersItsTimingInASiteOnly() throws Exception {
        assertEquals(List.of("down", "interval", "up"), labels("site a {\n  probe 2001:db8:a1::1 { | }\n}\n"));
        assertEquals(List.of("down", "up"), labels("site a {\n  probe 2001:db8:a1::1 {\n    interval 2s\n    |\n  }\n}\n")
                .stream().filter(l -> !l.equals("interval")).toList());
        assertEquals("block: interval, down, up", item("site a {\n  |\n}\n", "probe").getDetail());
        // A probe names a host of one site: not a setting of a gateway or the network.
        assertFalse(labels("site a {\n  gateway g {\n    |\n  }\n}\n").contains("probe"));
        assertFalse(labels("network n {\n  |\n}\n").contains("probe"));
    }

    @Test
    void afterUsesComeTheProfilesInScopeStdlibIncluded() throws Exception {
        String text = "profile edge {\n  uplink eth0\n}\nsite a {\n  gateway g uses |\n}\n";
        assertEquals(with(PRELUDE_PROFILES, "edge"), labels(text));
        assertEquals(with(PRELUDE_PROFILES, "edge"), labels("profile edge {\n}\nsite a {\n  gateway g uses bird2, |\n}\n"));
        CompletionItem edge = item(text, "edge");
        assertEquals(CompletionItemKind.Module, edge.getKind());
        assertEquals("profile, declared in net.vpn", edge.getDetail());
        assertEquals("profile, declared in <stdlib>/timers.vpn", item(text, "timers-bfd").getDetail());
        // A profile cannot use itself.
        assertEquals(with(PRELUDE_PROFILES, "edge"), labels("profile edge {\n}\nprofile p uses |"));
        assertFalse(labels("profile edge uses |\n{\n}\n").contains("edge"));
    }

    @Test
    void aWordBegunIsCompletedInPlace() throws Exception {
        String text = "profile edge {\n}\nprofile edgy {\n}\nsite a {\n  gateway g uses ed|\n}\n";
        assertEquals(List.of("edge", "edgy"), labels(text));
        CompletionList list = completion(text);
        assertTrue(list.isIncomplete(), "filtered by the prefix: the client asks again as the word changes");
        TextEdit edit = list.getItems().get(0).getTextEdit().getLeft();
        assertEquals(new Range(new Position(5, 17), new Position(5, 19)), edit.getRange());
        assertEquals("edge", edit.getNewText());
        assertEquals(List.of("edge"), labels("profile edge {\n}\nsite a {\n  gateway g uses ed|\n}\n"));
    }

    @Test
    void namesDeclaredAfterAnUnfinishedLineAreStillOffered() throws Exception {
        // Parsed as typed, `edge` would be taken for the missing profile name and its body for the site's.
        String text = "site a uses |\nprofile edge {\n  uplink eth0\n}\n";
        assertEquals(with(PRELUDE_PROFILES, "edge"), labels(text));
        assertEquals(List.of("frankfurt", "paris"), labels(
                "network n {\n  mesh hubs |\n}\nsite paris {\n  gateway par-1 { }\n}\nsite frankfurt {\n}\n"));
    }

    @Test
    void afterImportComeStdlibModulesAndTheVpnFilesOfTheFolder() throws Exception {
        Files.writeString(tmp.resolve("common.vpn"), "profile common {\n}\n");
        Files.writeString(tmp.resolve(".hidden.vpn"), "");
        Files.writeString(tmp.resolve("notes.txt"), "");
        Files.createDirectory(tmp.resolve("folder.vpn"));
        Files.createDirectory(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("sub/deep.vpn"), "");
        Files.createSymbolicLink(tmp.resolve("linked.vpn"), tmp.resolve("sub"));
        assertEquals(List.of("\"common.vpn\"", "std.bird2", "std.defaults", "std.timers"), labels("import |"));
        assertEquals(List.of("std.timers"), labels("import std.t|"));
        assertEquals(CompletionItemKind.File, item("import |", "\"common.vpn\"").getKind());
        assertEquals(CompletionItemKind.Module, item("import |", "std.timers").getKind());

        // In a string the editor closed: the quotes typed and the closing one are replaced.
        CompletionList list = completion("import \"co|\"\n");
        assertEquals(List.of("\"common.vpn\""), list.getItems().stream().map(CompletionItem::getLabel).toList());
        assertEquals(new Range(new Position(0, 7), new Position(0, 11)), list.getItems().get(0).getTextEdit().getLeft().getRange());
        assertEquals(List.of(), labels("site a {\n}\nimport |"), "an import after a declaration is a syntax error");
    }

    @Test
    void meshLinksOfferSitesAndGatewaysHubsOnlySites() throws Exception {
        String sites = "site paris {\n  gateway par-1 { }\n  router par-r { }\n}\nsite lyon {\n  gateway lyon-1 { }\n}\n";
        assertEquals(List.of("lyon", "lyon-1", "par-1", "paris"), labels("network n {\n  mesh {\n    |\n  }\n}\n" + sites));
        assertEquals(List.of("lyon", "lyon-1", "par-1", "paris"), labels("network n {\n  mesh {\n    paris <-> |\n  }\n}\n" + sites));
        assertEquals(List.of("lyon", "paris"), labels("network n {\n  mesh hubs paris, |\n}\n" + sites));
        String mesh = "network n {\n  mesh {\n    |\n  }\n}\n" + sites;
        assertEquals(CompletionItemKind.Struct, item(mesh, "paris").getKind());
        assertEquals(CompletionItemKind.Field, item(mesh, "par-1").getKind());
        assertEquals("gateway of paris", item(mesh, "par-1").getDetail());
    }

    @Test
    void keywordValuesAreTheOnesTheGrammarTakes() throws Exception {
        assertEquals(List.of("bgp", "ospf"), labels("site a {\n  inside |\n}\n"));
        assertEquals(List.of("full", "hubs"), labels("network n {\n  mesh |\n}\n"));
        assertEquals(List.of("ipv4", "ipv6"), labels("network n {\n  underlay |\n}\n"));
        assertEquals(List.of("ipv4", "ipv6"), labels("network n {\n  underlay ipv6, |\n}\n"));
        assertEquals(List.of("ipv4", "ipv6"), labels("network n {\n  tunnels |\n}\n"));
        assertEquals(List.of("off"), labels("site a {\n  bfd |\n}\n"));
        assertEquals(List.of("off", "on"), labels("site a {\n  wireguard { psk | }\n}\n"));
        assertEquals(List.of("off"), labels("site a {\n  wireguard { keepalive | }\n}\n"));
        assertEquals(List.of("1.6", "2"), labels("site a {\n  bird |\n}\n"));
        assertEquals(List.of("1.6"), labels("site a {\n  bird 1.|\n}\n"));
        assertEquals(List.of("uses"), labels("site a |"));
        assertEquals(CompletionItemKind.Keyword, item("site a {\n  inside |\n}\n", "ospf").getKind());
    }

    @Test
    void whereAValueIsTypedNothingIsOffered() throws Exception {
        assertEquals(List.of(), labels("site a {\n  asn |\n}\n"));
        assertEquals(List.of(), labels("site a {\n  asn 650|\n}\n"));
        assertEquals(List.of(), labels("network n {\n  ports 5800..|\n}\n"));
        assertEquals(List.of(), labels("site a {\n  prefixes |\n}\n"));
        assertEquals(List.of(), labels("site a {\n  gateway g { endpoint 2001:db8::| }\n}\n"));
        assertEquals(List.of(), labels("site |"), "a new name");
        assertEquals(List.of(), labels("site a {\n  # a comment about the ga|\n}\n"));
    }

    @Test
    void aClosedBufferHasNoCompletion() throws Exception {
        LspBuffer b = LspBuffer.open(tmp, "site a {\n}\n");
        var result = b.documents().completion(new CompletionParams(new TextDocumentIdentifier(tmp.resolve("other.vpn").toUri()
                .toString()), new Position(0, 0))).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), result.getRight().getItems());
    }

    /** The first words of the settings {@link Key} allows in a block, sorted. */
    private static List<String> firstWordsAllowedIn(BlockKind block) {
        return Arrays.stream(Key.values()).filter(k -> k.allowedIn(block)).map(k -> k.words().split(" ")[0])
                .distinct().sorted().toList();
    }

    private static List<String> with(List<String> names, String... more) {
        return java.util.stream.Stream.concat(names.stream(), Arrays.stream(more)).sorted().toList();
    }

    private List<String> labels(String marked) throws Exception {
        return completion(marked).getItems().stream().map(CompletionItem::getLabel).toList();
    }

    private CompletionItem item(String marked, String label) throws Exception {
        return completion(marked).getItems().stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " not offered"));
    }

    /** The completion at the {@code |} of {@code marked}, opened without the mark as net.vpn in the temporary folder. */
    private CompletionList completion(String marked) throws Exception {
        int at = marked.indexOf('|');
        String text = marked.substring(0, at) + marked.substring(at + 1);
        String before = text.substring(0, at);
        Position p = new Position((int) before.chars().filter(c -> c == '\n').count(), at - (before.lastIndexOf('\n') + 1));
        LspBuffer b = LspBuffer.open(tmp, text);
        return b.documents().completion(new CompletionParams(new TextDocumentIdentifier(b.uri()), p))
                .get(30, TimeUnit.SECONDS).getRight();
    }
}
