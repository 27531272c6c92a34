package dev.vpnc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.ast.FileAst;
import dev.vpnc.diag.Diagnostics;
import dev.vpnc.diag.Renderer;
import dev.vpnc.source.SourceFile;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** `vpnc fmt`: idempotent, keeps comments, and the formatted file means the same. */
class FormatterTest {
    /** Every .vpn of the project that parses: examples, stdlib, and the diagnostic corpus. */
    static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("examples", "stdlib", "docs/diagnostics")) {
            try (Stream<Path> s = Files.walk(Project.root().resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".vpn")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @TestFactory
    List<DynamicTest> idempotentAndMeaningPreserving() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : corpus()) {
            tests.add(DynamicTest.dynamicTest(Project.root().relativize(file).toString(), () -> {
                String text;
                try {
                    text = Files.readString(file);
                } catch (java.nio.charset.MalformedInputException notUtf8) {
                    return;  // the E0108 case: vpnc refuses to read it at all
                }
                Diagnostics d = new Diagnostics();
                FileAst before = Parser.parse(new SourceFile("f.vpn", text), d);
                if (d.hasErrors()) {
                    assertTrue(Formatter.format(new SourceFile("f.vpn", text), new Diagnostics()).isEmpty(),
                            "a file with syntax errors is left alone");
                    return;
                }
                String once = Formatter.format(new SourceFile("f.vpn", text), new Diagnostics()).orElseThrow();
                String twice = Formatter.format(new SourceFile("f.vpn", once), new Diagnostics()).orElseThrow();
                assertEquals(once, twice, "formatting formatted output changes nothing");
                Diagnostics after = new Diagnostics();
                FileAst reparsed = Parser.parse(new SourceFile("f.vpn", once), after);
                assertFalse(after.hasErrors(), Renderer.render(after.sorted()));
                assertEquals(withoutSpans(before), withoutSpans(reparsed), "same tree, spans aside");
                assertEquals(comments(text), comments(once), "every comment kept, in order");
            }));
        }
        return tests;
    }

    @Test
    void theProjectsOwnFilesAreFormatted() throws IOException {
        for (Path file : corpus()) {
            if (file.startsWith(Project.root().resolve("docs"))) {
                continue;  // erroneous examples are written as users would
            }
            String text = Files.readString(file);
            Optional<String> f = Formatter.format(new SourceFile(file.toString(), text), new Diagnostics());
            assertEquals(text, f.orElseThrow(), file + " is not formatted: run `vpnc fmt " + file + "`");
        }
    }

    @Test
    void layoutRules() {
        String in = "network n { ports 5800 .. 5899  bgp { hold 6s keepalive 2s } }\nsite a { gateway a1 uses x,y { endpoint 2001:db8::1 } }\n";
        String expected = """
                network n {
                  ports 5800..5899
                  bgp {
                    hold 6s
                    keepalive 2s
                  }
                }
                site a {
                  gateway a1 uses x, y { endpoint 2001:db8::1 }
                }
                """;
        assertEquals(expected, Formatter.format(new SourceFile("f.vpn", in), new Diagnostics()).orElseThrow());
    }

    /** The tree's text with every span (printed as file:line:col) removed. */
    private static String withoutSpans(FileAst ast) {
        return (ast.imports().toString() + ast.declarations()).replaceAll("f\\.vpn:\\d+:\\d+", "");
    }

    private static List<String> comments(String text) {
        return text.lines().filter(l -> l.contains("#")).map(l -> l.substring(l.indexOf('#')).strip()).toList();
    }
}
