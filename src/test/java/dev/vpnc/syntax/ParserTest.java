package dev.vpnc.syntax;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Renderer;
import dev.vpnc.source.SourceFile;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ParserTest {
    private static final String GATEWAY_SITE = """
            site paris {
              asn 65001
              prefixes 2001:db8:a1::/64
              gateway paris-1 { endpoint 2001:db8:1::1 }
            }
            """;

    private static List<Diagnostic> parse(String text) {
        Diagnostics diagnostics = new Diagnostics();
        Parser.parse(new SourceFile("test.vpn", text), diagnostics);
        return diagnostics.sorted();
    }

    private static String rendered(List<Diagnostic> ds) {
        return Renderer.render(ds);
    }

    // ---- valid input ----

    @TestFactory
    Stream<DynamicTest> shippedFilesParseCleanly() throws IOException {
        Path root = Project.root();
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("stdlib"))) {
            files = Stream.concat(Stream.of(root.resolve("examples/reference/net.vpn")),
                    s.filter(p -> p.toString().endsWith(".vpn")).sorted()).toList();
        }
        assertTrue(files.size() >= 4, "example and stdlib files: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> {
            Diagnostics diagnostics = new Diagnostics();
            FileAst ast = Parser.parse(new SourceFile(f.getFileName().toString(), Files.readString(f)), diagnostics);
            assertEquals("", Renderer.render(diagnostics.sorted()));
            assertFalse(ast.declarations().isEmpty(), "no declarations in " + f);
        }));
    }

    @Test
    void referenceExampleHasItsDeclarations() throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        String text = Files.readString(Project.root().resolve("examples/reference/net.vpn"));
        FileAst ast = Parser.parse(new SourceFile("net.vpn", text), diagnostics);
        assertEquals(1, ast.imports().size());
        // profile edge, network reference, sites v1 v2 v3
        assertEquals(List.of("edge", "reference", "v1", "v2", "v3"),
                ast.declarations().stream().map(d -> d.name().text()).toList());
    }

    @Test
    void aProbeIsAnAddressAndItsTimingAsSettingsOfTheSite() {
        Diagnostics diagnostics = new Diagnostics();
        FileAst ast = Parser.parse(new SourceFile("net.vpn",
                "site a {\n  probe 2001:db8:a1::1 { interval 2s  down 4  up 5 }\n}\n"), diagnostics);
        assertFalse(diagnostics.hasErrors(), rendered(diagnostics.sorted()));
        List<dev.vpnc.ast.Statement.Setting> settings = ast.declarations().get(0).body().stream()
                .map(st -> (dev.vpnc.ast.Statement.Setting) st).toList();
        assertEquals(List.of(dev.vpnc.ast.Key.PROBE, dev.vpnc.ast.Key.PROBE_INTERVAL, dev.vpnc.ast.Key.PROBE_DOWN,
                dev.vpnc.ast.Key.PROBE_UP), settings.stream().map(dev.vpnc.ast.Statement.Setting::key).toList());
        assertEquals(new dev.vpnc.ast.Value.Address("2001:db8:a1::1", dev.vpnc.ast.Value.Family.IPV6,
                settings.get(0).value().span()), settings.get(0).value());
        assertEquals("2001:db8:a1::1", settings.get(0).value().span().text());
        assertEquals(2000, ((dev.vpnc.ast.Value.Duration) settings.get(1).value()).millis());
    }

    @Test
    void aProbeIsOneAddressNotAPrefix() {
        List<Diagnostic> ds = parse("site a {\n  probe 2001:db8:a1::/64\n}\n");
        assertEquals(1, ds.size(), rendered(ds));
        assertEquals(Code.E0001, ds.get(0).code());
        assertEquals("2001:db8:a1::/64", ds.get(0).span().text());
    }

    // ---- syntax errors in words ----

    @Test
    void missingPrefixIsExplained() {
        List<Diagnostic> ds = parse("""
                site paris {
                  prefixes eth0
                }
                """);
        assertEquals(1, ds.size(), rendered(ds));
        Diagnostic d = ds.get(0);
        assertEquals(Code.E0001, d.code());
        assertTrue(d.message().startsWith("expected a prefix such as 2001:db8::/64"), d.message());
        assertTrue(d.message().endsWith("found `eth0`"), d.message());
        assertEquals("eth0", d.span().text());
        assertEquals(2, d.span().line());
    }

    @Test
    void keywordUsedAsANameIsExplained() {
        List<Diagnostic> ds = parse("site lan {\n  asn 65001\n}\n");
        assertEquals(1, ds.size(), rendered(ds));
        assertEquals(Code.E0001, ds.get(0).code());
        assertTrue(ds.get(0).message().contains("a name"), ds.get(0).message());
        assertEquals("`lan` is a keyword and cannot be used as a name", ds.get(0).help());
    }

    @Test
    void unclosedBlockSaysSo() {
        List<Diagnostic> ds = parse("network corp {\n  ports 5800..5899\n");
        assertEquals(1, ds.size(), rendered(ds));
        assertTrue(ds.get(0).message().endsWith("found the end of the file"), ds.get(0).message());
        assertEquals("a block is not closed: add `}`", ds.get(0).help());
    }

    @Test
    void noMessageLeaksAntlrTokenNames() {
        String[] inputs = {
            "site paris { prefixes }",
            "network corp { ports 5800 }",
            "network corp { tunnels ipv5 2001:db8::/64 }",
            "site paris { gateway { } }",
            "network corp { bgp { hold 6 } }",
            "network corp { mesh { paris <- berlin } }",
            "import",
            "site paris { endpoint }",
        };
        for (String input : inputs) {
            for (Diagnostic d : parse(input)) {
                assertFalse(d.message().matches(".*\\b[A-Z][A-Z0-9]*_[A-Z_0-9]+\\b.*"), input + " -> " + d.message());
                assertFalse(d.message().contains("<EOF>") || d.message().contains("mismatched input")
                        || d.message().contains("extraneous") || d.message().contains("no viable"), input + " -> " + d.message());
            }
        }
    }

    @Test
    void independentErrorsAreAllReported() {
        List<Diagnostic> ds = parse("""
                network corp {
                  ports 5800-5899
                }

                site paris {
                  asn 65001
                  prefixes 2001:db8:a1::
                }

                site berlin {
                  asn 65002
                  gateway berlin-1 { endpoint }
                }
                """);
        Set<Integer> lines = ds.stream().filter(d -> d.code() == Code.E0001).map(d -> d.span().line())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(lines.size() >= 2, "expected errors on several lines, got:\n" + rendered(ds));
        assertTrue(lines.contains(2) && lines.contains(7), "lines " + lines + ":\n" + rendered(ds));
    }

    // ---- lexical errors: one diagnostic each, no cascade ----

    @Test
    void unterminatedStringIsOneDiagnostic() {
        List<Diagnostic> ds = parse("""
                profile edge {
                  uplink "eth0
                  lan eth1
                }
                """ + GATEWAY_SITE);
        assertEquals(1, ds.size(), rendered(ds));
        assertEquals(Code.E0002, ds.get(0).code());
        assertEquals("\"eth0", ds.get(0).span().text());
    }

    @Test
    void unknownCharacterIsOneDiagnostic() {
        List<Diagnostic> ds = parse("""
                network corp {
                  tunnels ipv6 2001:db8:ff::/64;
                  ports 5800..5899
                }
                """ + GATEWAY_SITE);
        assertEquals(1, ds.size(), rendered(ds));
        assertEquals(Code.E0003, ds.get(0).code());
        assertEquals(";", ds.get(0).span().text());
        assertEquals(2, ds.get(0).span().line());
    }

    @Test
    void controlCharacterIsShownEscaped() {
        List<Diagnostic> ds = parse("network corp {\n  ports 5800..5899\u0007\n}\n");
        assertEquals(1, ds.size(), rendered(ds));
        assertEquals(Code.E0003, ds.get(0).code());
        assertTrue(ds.get(0).message().contains("\\u{7}"), ds.get(0).message());
    }

    // ---- robustness ----

    @Test
    void garbageNeverThrows() {
        String[] garbage = {
            "", " ", "\n\n", "{", "}", "}}}}", "{{{{", "\"", "\"\\", "site", "site {", "site x", "site x {",
            "network n uses", "network n uses ,", "network n uses a, {", "profile p { gateway }",
            "site s { gateway g uses }", "site s { router r { lan } }", "import std.", "import std..x",
            "import \"", "network n { mesh { a <-> } }", "network n { mesh { <-> b } }",
            "network n { ports ..5 }", "network n { asn 1.. }", "site s { prefixes ::/ }",
            "site s { prefixes 2001:db8::/64, }", "network n { wireguard { mtu } }", "network n { bfd { interval } }",
            "\u0000\u0001\u00ff\uffff", "é", "\uD83D\uDE00", "#", "# only a comment", "site s { # }",
            "99999999999999999999999999", "1.2.3.4.5.6/99", "::::::::", "network n { tunnels ipv6 :::/999 }",
            "site s { lan \"a\\", "a <-> b", "..", "<->", "site s {\r\n asn 1\r\n}\r\n",
        };
        for (String g : garbage) {
            assertDoesNotThrow(() -> parse(g), () -> "input: " + g);
        }
    }

    /** Random edits of the reference example: deleted, duplicated and swapped characters. */
    @Test
    void mutatedExampleNeverThrows() throws IOException {
        String text = Files.readString(Project.root().resolve("examples/reference/net.vpn"));
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder(text);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits && b.length() > 2; e++) {
                int at = random.nextInt(b.length() - 1);
                switch (random.nextInt(4)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, b.charAt(random.nextInt(b.length())));
                    case 2 -> b.delete(at, Math.min(b.length(), at + random.nextInt(40)));
                    default -> {
                        char c = b.charAt(at);
                        b.setCharAt(at, b.charAt(at + 1));
                        b.setCharAt(at + 1, c);
                    }
                }
            }
            String mutated = b.toString();
            List<Diagnostic> ds = assertDoesNotThrow(() -> parse(mutated), () -> "input:\n" + mutated);
            for (Diagnostic d : ds) {
                assertDoesNotThrow(() -> Renderer.render(d), () -> "rendering " + d + " of:\n" + mutated);
            }
        }
    }
}
