package dev.vpnc.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stdlib modules are parsed once per process and shared by every load; the user's files never are. */
class StdlibSharingTest {
    private static final String TEXT = "import std.timers\nnetwork n {\n  tunnels ipv6 2001:db8:ff::/64\n}\n";

    private static Map<String, FileAst> load(String text, Diagnostics diagnostics) {
        return Loader.load(new SourceFile("net.vpn", text), Path.of("."), diagnostics).stream()
                .collect(Collectors.toMap(f -> f.source().displayName(), Function.identity()));
    }

    @Test
    void loadsShareTheStdlibTreesButParseTheUsersFileEachTime() {
        Loader.preloadStdlib();
        Diagnostics first = new Diagnostics();
        Diagnostics second = new Diagnostics();
        Map<String, FileAst> a = load(TEXT, first);
        Map<String, FileAst> b = load(TEXT, second);

        assertEquals(List.of(), first.sorted());
        assertEquals(List.of(), second.sorted());
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().containsAll(List.of("<stdlib>/defaults.vpn", "<stdlib>/timers.vpn", "<stdlib>/bird2.vpn")), a.keySet().toString());
        for (String name : a.keySet()) {
            if (name.startsWith("<stdlib>/")) {
                assertSame(a.get(name), b.get(name), name);
            }
        }
        assertNotSame(a.get("net.vpn"), b.get("net.vpn"));
    }

    @Test
    void aMissingModuleIsReportedOnEveryLoad() {
        for (int i = 0; i < 2; i++) {
            Diagnostics diagnostics = new Diagnostics();
            load("import std.nope\n" + TEXT, diagnostics);
            assertEquals(List.of(Code.E0101), diagnostics.sorted().stream().map(d -> d.code()).toList());
        }
    }
}
