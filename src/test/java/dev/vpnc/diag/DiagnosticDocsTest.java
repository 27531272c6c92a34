package dev.vpnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.plan.KeyWriter;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation page of every diagnostic code, {@code docs/diagnostics/CODE/README.md}, and the
 * fixed version of its example:
 *
 * <ul>
 *   <li>{@code README.md} starts with {@code # CODE: title} (the title of {@link Code}) and has a
 *       {@code ## Fix} section showing the corrected lines in a {@code ```vpn} block; each line of that
 *       block is in the fixed example, so the page and the example cannot drift apart.</li>
 *   <li>{@code fixed.vpn} is {@code input.vpn} with its one mistake fixed. When the fix is in another
 *       file of the case, {@code fixed-NAME} holds the fixed {@code NAME} (E0102: {@code fixed-profiles.vpn},
 *       E0108: {@code fixed-sites.vpn}, E0312 and E0314: {@code fixed-vpnc.lock}), and {@code fixed.vpn}
 *       is then the unchanged input. The fix of E0313 deletes the broken key file ({@link #FIX_DELETES}); the
 *       fix of E0331 compiles first ({@link #FIX_COMPILES_FIRST}). The codes of {@code vpnc keys rotate}
 *       run the command of the case's {@code command.txt} (fixed: {@code fixed-command.txt}).
 *       Checked like a case of {@link DiagnosticCasesTest}, in a scratch copy, the fixed example has no
 *       error and no diagnostic of the page's code; warnings of other codes would be allowed, and are
 *       printed.</li>
 *   <li>{@code vpnc explain CODE} prints the page, the example and what vpnc reports for it.</li>
 *   <li>The code table in docs/diagnostics.md, between {@code <!-- diagnostics:begin} and
 *       {@code <!-- diagnostics:end -->}, is generated from the catalogue: with {@code VPNC_UPDATE_GOLDEN=1}
 *       the test rewrites that block (and nothing else of the page).</li>
 * </ul>
 */
class DiagnosticDocsTest {
    /** Files of a case that its fix deletes, relative to the case directory. */
    static final Map<Code, List<String>> FIX_DELETES = Map.of(
            // The key is unrecoverable in the example: deleting it lets vpnc create a new key pair.
            Code.E0313, List.of("secrets/paris-1/private.key"));

    /**
     * Codes whose fix is not in the .vpn source but in vpnc.lock or the key store: the Fix section shows
     * lock lines in a {@code ```text} block, or commands in a {@code ```sh} block, not a {@code ```vpn} one.
     */
    static final Set<Code> FIX_OUTSIDE_SOURCE = EnumSet.of(Code.E0110, Code.E0312, Code.E0313, Code.E0314, Code.W0321,
            Code.W0322, Code.E0323, Code.E0330, Code.E0331, Code.E0332);

    /** Codes whose fix is to compile first (it creates the keys), then to run the case's command again. */
    static final Set<Code> FIX_COMPILES_FIRST = EnumSet.of(Code.E0331);

    /**
     * Fixed examples that vpnc cannot compile today because of a bug in vpnc, not in the example: the
     * test checks that the bug is still there (remove the entry once it is fixed) and is skipped.
     */
    static final Map<Code, String> KNOWN_BUGS = Map.of();

    static final String BEGIN = "<!-- diagnostics:begin";
    static final String END = "<!-- diagnostics:end -->";

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\n(.*?)^```\\s*$", Pattern.DOTALL | Pattern.MULTILINE);

    @TempDir
    Path tmp;

    static Path caseDir(Code c) {
        return DiagnosticCasesTest.casesRoot().resolve(c.id());
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- pages

    @TestFactory
    List<DynamicTest> everyCodeHasAPage() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Code c : Code.values()) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> checkPage(c)));
        }
        return tests;
    }

    private void checkPage(Code c) throws IOException {
        Path page = caseDir(c).resolve("README.md");
        assertTrue(Files.isRegularFile(page), "no page " + page);
        String text = read(page);
        List<String> lines = text.lines().toList();
        assertEquals("# " + c.id() + ": " + c.title(), lines.get(0), page + ": first line");
        int fix = lines.indexOf("## Fix");
        assertTrue(fix > 0, page + ": no `## Fix` section");
        String explanation = String.join("\n", lines.subList(1, fix)).strip();
        assertTrue(!explanation.isEmpty(), page + ": no explanation between the title and `## Fix`");
        assertTrue(!explanation.contains("\n## "), page + ": the explanation comes before any other section");

        String fixSection = String.join("\n", lines.subList(fix + 1, lines.size())) + "\n";
        Matcher m = FENCE.matcher(fixSection);
        assertTrue(m.find(), page + ": no fenced block in `## Fix`");
        String lang = m.group(1);
        Set<String> expected = FIX_OUTSIDE_SOURCE.contains(c) ? Set.of("text", "sh") : Set.of("vpn");
        assertTrue(expected.contains(lang), page + ": the first block of `## Fix` is ```" + lang + ", expected ```"
                + String.join(" or ```", expected));
        if (!lang.equals("sh")) {
            assertBlockInFixedFiles(c, m.group(2));
        }
    }

    /** Every line of the corrected block is a line of fixed.vpn or of a fixed-NAME file. */
    private static void assertBlockInFixedFiles(Code c, String block) throws IOException {
        Set<String> fixedLines = new java.util.HashSet<>();
        try (Stream<Path> s = Files.list(caseDir(c))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("fixed")).toList()) {
                read(p).lines().map(DiagnosticDocsTest::significant).forEach(fixedLines::add);
            }
        }
        for (String line : block.lines().toList()) {
            String l = significant(line);
            if (!l.isEmpty()) {
                assertTrue(fixedLines.contains(l), c.id() + ": the page's corrected line `" + line.strip()
                        + "` is not in its fixed example");
            }
        }
    }

    /** A line without its comment and surrounding blanks. */
    private static String significant(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    // ---------------------------------------------------------------- fixed examples

    @TestFactory
    List<DynamicTest> everyFixedExampleIsClean() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Code c : Code.values()) {
            if (!DiagnosticCasesTest.UNREACHABLE.containsKey(c)) {
                tests.add(DynamicTest.dynamicTest(c.id(), () -> checkFixed(c)));
            }
        }
        return tests;
    }

    private void checkFixed(Code c) throws IOException {
        Path dir = caseDir(c);
        Path fixedVpn = dir.resolve("fixed.vpn");
        assertTrue(Files.isRegularFile(fixedVpn), "no " + fixedVpn);
        Path work = tmp.resolve(c.id());
        boolean changed = !read(fixedVpn).equals(read(dir.resolve("input.vpn")));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                String name = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                    Files.createDirectories(work.resolve(rel));
                } else if (name.equals("expected.txt") || name.equals("README.md") || name.equals("input.vpn")) {
                    continue;
                } else if (name.equals("fixed.vpn")) {
                    Files.copy(p, work.resolve("input.vpn"));
                } else if (name.startsWith("fixed-")) {
                    Path original = p.resolveSibling(name.substring("fixed-".length()));
                    assertTrue(Files.exists(original), p + " fixes no file of the case");
                    assertNotEquals(-1L, Files.mismatch(p, original), p + " is the same as " + original);
                    Files.copy(p, work.resolve(rel).resolveSibling(original.getFileName().toString()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    changed = true;
                } else if (!Files.exists(work.resolve(rel))) {
                    Files.copy(p, work.resolve(rel));
                }
            }
        }
        for (String rel : FIX_DELETES.getOrDefault(c, List.of())) {
            assertTrue(Files.deleteIfExists(work.resolve(rel)), c.id() + ": the fix deletes " + rel + ", which the case lacks");
            changed = true;
        }
        changed |= FIX_COMPILES_FIRST.contains(c);
        assertTrue(changed, c.id() + ": fixed.vpn is input.vpn and no other file of the case is fixed");

        Diagnostics diagnostics;
        try {
            Path output = CaseSetup.apply(work);
            if (FIX_COMPILES_FIRST.contains(c)) {
                // The fix is `vpnc compile`: the keys it creates, then the same command again.
                Pipeline.Result compiled = Pipeline.run(work.resolve("input.vpn"), work.resolve("secrets"),
                        work.resolve("vpnc.lock"), List.of(), null, CaseSetup.runner(work));
                KeyWriter.write(compiled.newKeys());
            }
            diagnostics = CaseSetup.diagnose(work, output);
        } catch (RuntimeException e) {
            if (KNOWN_BUGS.containsKey(c)) {
                Assumptions.abort(c.id() + ": fixed example hits a known vpnc bug: " + KNOWN_BUGS.get(c) + " (" + e + ")");
            }
            throw e;
        }
        if (KNOWN_BUGS.containsKey(c)) {
            fail(c.id() + "'s fixed example compiles now: remove it from KNOWN_BUGS (" + KNOWN_BUGS.get(c) + ")");
        }
        List<Diagnostic> all = diagnostics.sorted();
        String report = Renderer.render(all).replace(work + "/", "");
        if (!all.isEmpty()) {
            System.out.println(c.id() + " fixed.vpn still reports:\n" + report);
        }
        assertTrue(all.stream().noneMatch(d -> d.code() == c), c.id() + ": the fixed example still reports " + c.id() + ":\n" + report);
        assertTrue(all.stream().noneMatch(d -> d.severity() == Severity.ERROR), c.id() + ": the fixed example has errors:\n" + report);
    }

    // ---------------------------------------------------------------- vpnc explain

    @TestFactory
    List<DynamicTest> explainShowsPageExampleAndReport() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Code c : Code.values()) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                Project.Run r = Project.cli("explain", c.id());
                assertEquals(0, r.exit(), r.err());
                Path dir = caseDir(c);
                assertTrue(r.out().startsWith(read(dir.resolve("README.md"))), c.id() + ": explain does not start with the page:\n" + r.out());
                if (DiagnosticCasesTest.UNREACHABLE.containsKey(c)) {
                    return; // a page without an example
                }
                assertTrue(r.out().contains("```vpn\n" + read(dir.resolve("input.vpn"))), c.id() + ": explain lacks the example:\n" + r.out());
                assertTrue(r.out().contains("```\n" + read(dir.resolve("expected.txt"))), c.id() + ": explain lacks vpnc's report:\n" + r.out());
            }));
        }
        return tests;
    }

    // ---------------------------------------------------------------- the code table

    /** The table of codes for docs/diagnostics.md, in catalogue order. */
    static String table() {
        StringBuilder b = new StringBuilder("| Code | Severity | Meaning |\n|---|---|---|\n");
        for (Code c : Code.values()) {
            b.append("| [").append(c.id()).append("](diagnostics/").append(c.id()).append("/README.md) | ")
                    .append(c.severity().label()).append(" | ").append(c.title()).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void diagnosticsPageListsEveryCode() throws IOException {
        Path readme = Project.root().resolve("docs/diagnostics.md");
        String text = read(readme);
        int begin = text.indexOf(BEGIN);
        assertTrue(begin >= 0, "docs/diagnostics.md has no `" + BEGIN + "` line");
        int blockStart = text.indexOf('\n', begin) + 1;
        int blockEnd = text.indexOf(END, blockStart);
        assertTrue(blockStart > 0 && blockEnd >= 0, "docs/diagnostics.md has no `" + END + "` line after `" + BEGIN + "`");
        assertEquals(-1, text.indexOf(BEGIN, blockEnd), "docs/diagnostics.md has two diagnostics blocks");
        // Blank lines around the table: Markdown renderers then never glue it to the comments.
        String wanted = "\n" + table() + "\n";
        if (DiagnosticCasesTest.UPDATE && !text.substring(blockStart, blockEnd).equals(wanted)) {
            Files.writeString(readme, text.substring(0, blockStart) + wanted + text.substring(blockEnd), StandardCharsets.UTF_8);
            text = read(readme);
        }
        assertEquals(wanted, text.substring(blockStart, text.indexOf(END, blockStart)),
                "docs/diagnostics.md's code table is out of date: run VPNC_UPDATE_GOLDEN=1 mvn test -Dtest=DiagnosticDocsTest");
    }
}
