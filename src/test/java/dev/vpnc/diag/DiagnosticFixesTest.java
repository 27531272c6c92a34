package dev.vpnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixes a diagnostic carries as data: spans and the text to write there, never read back from its help. */
class DiagnosticFixesTest {
    @TempDir
    Path tmp;

    private static final String NET = """
            profile edge {
              uplink eth0
              lan eth1
            }

            network n {
              tunnels ipv6 2001:db8:ff::/64
              ports 5800..5899
              underlay ipv6
              asn 65001..65099
            }

            site paris {
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway par-1 uses PROFILE { endpoint 2001:db8:1::1 }
              gateway par-2 uses edge { endpoint 2001:db8:1::2 }
            }
            """;

    @Test
    void anUnknownProfileCloseToADeclaredOneCarriesTheReplacement() {
        Diagnostic d = only(Code.E0103, NET.replace("PROFILE", "edgee"));
        assertEquals("did you mean `edge`?", d.help());
        assertEquals("edgee", d.span().text());
        assertEquals(List.of(new Fix("Replace `edgee` with `edge`", List.of(new Fix.Edit(d.span(), "edge")), true)), d.fixes());
    }

    @Test
    void anUnknownProfileFarFromAnyHasNoFix() {
        Diagnostic d = only(Code.E0103, NET.replace("PROFILE", "border"));
        assertEquals("declared profiles: bird2, edge, timers-bfd, timers-fast, timers-reference, vpnc-defaults", d.help());
        assertEquals(List.of(), d.fixes());
    }

    private Diagnostic only(Code code, String text) {
        SourceFile source = new SourceFile(tmp.resolve("net.vpn").toString(), text);
        List<Diagnostic> found = Pipeline.check(source, tmp, tmp.resolve("secrets"), tmp.resolve("vpnc.lock"))
                .diagnostics().sorted().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }
}
