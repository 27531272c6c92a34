package dev.vpnc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnc.diag.Diagnostics;
import dev.vpnc.source.SourceFile;
import dev.vpnc.testing.FormatRoundTrip;
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
                s.filter(p -> p.toString().endsWith(".vpn") && Files.isRegularFile(p)).sorted().forEach(files::add);
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
                assertEquals(List.of(), FormatRoundTrip.problems(text), "formatted output parses to the same tree, and formatting it changes nothing");
                Optional<String> once = Formatter.format(new SourceFile("f.vpn", text), new Diagnostics());
                if (once.isEmpty()) {
                    return;  // syntax errors: left alone
                }
                assertEquals(comments(text), comments(once.get()), "every comment kept, in order");
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

    @Test
    void aProbeIsLaidOutAsTheOtherBlocksOfSubSettings() {
        String in = "site a { probe 2001:db8:a1::1 { interval 2s down 3 up 5 }\nprobe   10.0.1.1 { down 2 } }\n";
        String expected = """
                site a {
                  probe 2001:db8:a1::1 {
                    interval 2s
                    down 3
                    up 5
                  }
                  probe 10.0.1.1 { down 2 }
                }
                """;
        assertEquals(expected, Formatter.format(new SourceFile("f.vpn", in), new Diagnostics()).orElseThrow());
    }

    @Test
    void aBlankLineAfterTheFilesLeadingCommentsStays() {
        String kept = "# corp: the company's sites\n# owner: network team\n\nnetwork n { ports 5800..5899 }\n";
        assertEquals(kept, Formatter.format(new SourceFile("f.vpn", kept), new Diagnostics()).orElseThrow());
        String none = "# corp\nnetwork n { ports 5800..5899 }\n";
        assertEquals(none, Formatter.format(new SourceFile("f.vpn", none), new Diagnostics()).orElseThrow());
        assertEquals("network n { ports 5800..5899 }\n",
                Formatter.format(new SourceFile("f.vpn", "\n\n\nnetwork n { ports 5800..5899 }\n"), new Diagnostics()).orElseThrow());
    }

    private static List<String> comments(String text) {
        return text.lines().filter(l -> l.contains("#")).map(l -> l.substring(l.indexOf('#')).strip()).toList();
    }
}
