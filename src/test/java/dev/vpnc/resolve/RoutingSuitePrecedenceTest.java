package dev.vpnc.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Severity;
import dev.vpnc.resolve.RoutingSuite;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bird 1.6} / {@code bird 2}: written in the network, a site, a gateway, a router or a
 * profile, with the language's precedence (the most specific wins); BIRD 2 when nothing says.
 */
class RoutingSuitePrecedenceTest {
    @TempDir
    Path dir;

    private Map<String, RoutingSuite> targets(String text, Diagnostics diagnostics) {
        List<FileAst> files = Loader.load(new SourceFile("test.vpn", text), dir, diagnostics);
        Model model = Resolver.resolve(files, diagnostics);
        Map<String, RoutingSuite> out = new TreeMap<>();
        for (Model.Site s : model.sites()) {
            s.gateways().forEach(g -> out.put(g.name().text(), g.routing()));
            s.routers().forEach(r -> out.put(r.name().text(), r.routing()));
        }
        return out;
    }

    private Map<String, RoutingSuite> targets(String network, String paris, String g1, String r1, String london) {
        Diagnostics diagnostics = new Diagnostics();
        String text = "profile legacy { bird 1.6 }\n"
                + "network corp {\n  tunnels ipv6 2001:db8:ff::/64\n" + network + "\n}\n"
                + "site paris {\n  prefixes 2001:db8:a1::/64\n  subnet 2001:db8:f1::/64\n" + paris + "\n"
                + "  gateway g1 {\n    endpoint 2001:db8:1::1\n" + g1 + "\n  }\n"
                + "  gateway g2 { endpoint 2001:db8:1::2 }\n"
                + "  router r1 {\n    lan eth0\n" + r1 + "\n  }\n}\n"
                + "site london " + london + "{\n  prefixes 2001:db8:a2::/64\n  subnet 2001:db8:f2::/64\n"
                + "  gateway l1 { endpoint 2001:db8:2::1 }\n}\n";
        Map<String, RoutingSuite> out = targets(text, diagnostics);
        assertTrue(diagnostics.sorted().stream().noneMatch(d -> d.severity() == Severity.ERROR), text);
        return out;
    }

    private static final RoutingSuite V2 = RoutingSuite.BIRD2;
    private static final RoutingSuite V16 = RoutingSuite.BIRD16;

    @Test
    void bird2WhenNothingSays() {
        assertEquals(Map.of("g1", V2, "g2", V2, "l1", V2, "r1", V2), targets("", "", "", "", ""));
    }

    @Test
    void networkSettingReachesEveryHost() {
        assertEquals(Map.of("g1", V16, "g2", V16, "l1", V16, "r1", V16), targets("  bird 1.6", "", "", "", ""));
    }

    @Test
    void siteBeatsNetworkAndHostBeatsSite() {
        assertEquals(Map.of("g1", V16, "g2", V2, "l1", V16, "r1", V2),
                targets("  bird 1.6", "  bird 2", "    bird 1.6", "", ""));
        assertEquals(Map.of("g1", V2, "g2", V16, "l1", V2, "r1", V2),
                targets("", "  bird 1.6", "    bird 2", "    bird 2", ""));
    }

    @Test
    void aProfileCarriesTheTarget() {
        assertEquals(Map.of("g1", V2, "g2", V2, "l1", V16, "r1", V2), targets("", "", "", "", "uses legacy "));
    }

    @Test
    void anUnknownVersionIsE0208() {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, RoutingSuite> t = targets("network corp {\n  tunnels ipv6 2001:db8:ff::/64\n  bird 3\n}\n"
                + "site paris {\n  prefixes 2001:db8:a1::/64\n  subnet 2001:db8:f1::/64\n"
                + "  gateway g1 { endpoint 2001:db8:1::1 }\n  gateway g2 { endpoint 2001:db8:1::2 }\n}\n", diagnostics);
        List<Diagnostic> errors = diagnostics.sorted().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(Code.E0208, errors.get(0).code());
        assertTrue(errors.get(0).message().contains("BIRD `3`"), errors.get(0).message());
        assertEquals(V2, t.get("g1"));
    }

    /** {@code routing ...} and {@code bird ...} are one setting: the most specific wins, whichever spelling. */
    @Test
    void routingAndBirdAreOneSetting() {
        RoutingSuite frr = RoutingSuite.FRR;
        assertEquals(Map.of("g1", V2, "g2", frr, "l1", V16, "r1", frr),
                targets("  bird 1.6", "  routing frr", "    bird 2", "", ""));
        assertEquals(Map.of("g1", V16, "g2", frr, "l1", frr, "r1", V2),
                targets("  routing frr", "", "    routing bird 1.6", "    routing bird", ""));
    }

    @Test
    void anUnknownSuiteIsE0208() {
        Diagnostics diagnostics = new Diagnostics();
        targets("network corp {\n  tunnels ipv6 2001:db8:ff::/64\n  routing quagga\n}\n", diagnostics);
        List<Diagnostic> errors = diagnostics.sorted().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        assertEquals(List.of(Code.E0208), errors.stream().map(Diagnostic::code).toList());
        assertTrue(errors.get(0).message().contains("routing suite `quagga`"), errors.get(0).message());
    }

    @Test
    void anUnknownVersionIsReportedWithoutHostsToo() {
        Diagnostics diagnostics = new Diagnostics();
        targets("network corp {\n  tunnels ipv6 2001:db8:ff::/64\n  bird 1.7\n}\n", diagnostics);
        assertEquals(List.of(Code.E0208), diagnostics.sorted().stream()
                .filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::code).toList());
    }
}
