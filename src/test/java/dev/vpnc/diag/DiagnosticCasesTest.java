package dev.vpnc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One case per diagnostic code, and one more per other cause of a code raised from several places:
 * {@code docs/diagnostics/CODE/} holds an
 * {@code input.vpn} (plus any file the case needs: an import, a {@code vpnc.lock}, a
 * {@code secrets/} folder) and {@code expected.txt}, the exact rendered output of {@code vpnc check}.
 * The case directory is copied to a scratch folder and checked there; its path is removed from the
 * output so file names read {@code input.vpn:3:5}. {@code docs/diagnostics/CODE/more/CAUSE/} holds
 * another cause of the same code the same way ({@code input.vpn}, {@code expected.txt}).
 *
 * <p>Regenerate with {@code VPNC_UPDATE_GOLDEN=1 mvn test -Dtest=DiagnosticCasesTest} and review
 * the diff: the caret under the right token, a message a user can act on.
 */
class DiagnosticCasesTest {
    static final boolean UPDATE = "1".equals(System.getenv("VPNC_UPDATE_GOLDEN"));

    /**
     * Codes without an example folder, each with the reason: no input can trigger them (a check
     * missing from the compiler: keep those out), or their input cannot be a folder copied to a
     * scratch directory. Their page ({@code README.md}, with no {@code input.vpn}) still exists,
     * and the reason names the test that triggers the code instead.
     */
    static final Map<Code, String> UNREACHABLE = Map.of(
            Code.E0110, "the imported file must lie outside the example's folder, which a scratch copy of the folder "
                    + "cannot hold; dev.vpnc.cli.SourceTrustTest.importsStayInTheSourceTreeUnlessAllowed triggers it");

    /** Leading words that are acronyms, allowed to start an otherwise lower-case message. */
    private static final Pattern ACRONYM_START = Pattern.compile("^(AS|BGP|BFD|OSPF|IPv4|IPv6|LAN|MTU|DNS) .*");

    @TempDir
    Path tmp;

    static Path casesRoot() {
        return Project.root().resolve("docs/diagnostics");
    }

    /** Folders with an example (an {@code input.vpn}); a code in {@link #UNREACHABLE} has a page only. */
    static List<Path> cases() {
        try (Stream<Path> s = Files.list(casesRoot())) {
            return s.filter(p -> Files.isRegularFile(p.resolve("input.vpn"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The other causes of each code: {@code CODE/more/CAUSE} folders with an {@code input.vpn}. */
    static List<Path> moreCases() {
        List<Path> more = new ArrayList<>();
        try (Stream<Path> codes = Files.list(casesRoot())) {
            for (Path code : codes.sorted().toList()) {
                Path dir = code.resolve("more");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.filter(p -> Files.isRegularFile(p.resolve("input.vpn"))).sorted().forEach(more::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return more;
    }

    private static boolean isMore(Path caseDir) {
        return caseDir.getParent().getFileName().toString().equals("more");
    }

    /** The code a case folder shows: its own name, or its code folder's for {@code CODE/more/CAUSE}. */
    static String codeOf(Path caseDir) {
        return isMore(caseDir) ? caseDir.getParent().getParent().getFileName().toString() : caseDir.getFileName().toString();
    }

    /** A case's name in reports: {@code CODE}, or {@code CODE/CAUSE}. */
    static String nameOf(Path caseDir) {
        return isMore(caseDir) ? codeOf(caseDir) + "/" + caseDir.getFileName() : codeOf(caseDir);
    }

    /** Runs one case in a scratch copy of its directory (secrets and lock included). */
    private static Diagnostics run(Path caseDir, Path work) throws IOException {
        try (Stream<Path> s = Files.walk(caseDir)) {
            for (Path p : s.sorted().toList()) {
                Path target = work.resolve(caseDir.relativize(p).toString());
                if (caseDir.relativize(p).startsWith("more")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("expected.txt") && !p.getFileName().toString().startsWith("fixed-")) {
                    Files.copy(p, target);
                }
            }
        }
        return CaseSetup.diagnose(work, CaseSetup.apply(work));
    }

    @TestFactory
    List<DynamicTest> everyCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : cases()) {
            String code = dir.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(code, () -> check(dir, code, code)));
        }
        for (Path dir : moreCases()) {
            String name = nameOf(dir);
            tests.add(DynamicTest.dynamicTest(name, () -> check(dir, codeOf(dir), name.replace('/', '-'))));
        }
        return tests;
    }

    private void check(Path dir, String code, String scratch) throws IOException {
        Path work = tmp.resolve(scratch);
        Diagnostics diagnostics = run(dir, work);
        String actual = Renderer.render(diagnostics.sorted()).replace(work + "/", "");
        Path golden = dir.resolve("expected.txt");
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no expected.txt in " + dir + " (run with VPNC_UPDATE_GOLDEN=1)");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, code);
        assertTrue(actual.contains("[" + code + "]"), "the case " + code + " does not produce " + code + ":\n" + actual);
    }

    @Test
    void everyCodeHasACase() {
        Set<String> present = new TreeSet<>(cases().stream().map(p -> p.getFileName().toString()).toList());
        Set<String> missing = new TreeSet<>();
        for (Code c : Code.values()) {
            if (!present.contains(c.id()) && !UNREACHABLE.containsKey(c)) {
                missing.add(c.id());
            }
        }
        assertEquals(Set.of(), missing, "codes without a case in " + casesRoot());
        Set<String> known = new TreeSet<>(Arrays.stream(Code.values()).map(Code::id).toList());
        present.removeAll(known);
        assertEquals(Set.of(), present, "case directories named after no code");
        for (Map.Entry<Code, String> c : UNREACHABLE.entrySet()) {
            assertTrue(!new TreeSet<>(cases().stream().map(p -> p.getFileName().toString()).toList()).contains(c.getKey().id()),
                    c.getKey().id() + " has a case now: remove it from UNREACHABLE");
            assertTrue(!c.getValue().isBlank(), c.getKey().id() + ": UNREACHABLE must say why");
        }
    }

    @Test
    void catalogueStyle() {
        for (Code c : Code.values()) {
            assertTrue(!c.title().isBlank() && !c.title().endsWith("."), c.id() + " title: " + c.title());
            assertTrue(!c.defaultHelp().isBlank() && !c.defaultHelp().endsWith("."), c.id() + " help: " + c.defaultHelp());
        }
    }

    /** Every message the cases produce: lower-case start, no final period, a help line. */
    @Test
    void messageStyle() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path dir : Stream.concat(cases().stream(), moreCases().stream()).toList()) {
            String code = nameOf(dir);
            for (Diagnostic d : run(dir, tmp.resolve("style-" + code.replace('/', '-'))).sorted()) {
                String where = code + " (" + d.code().id() + " \"" + d.message() + "\")";
                String m = d.message();
                char first = m.isEmpty() ? ' ' : m.charAt(0);
                boolean startOk = Character.isLowerCase(first) || first == '`' || Character.isDigit(first)
                        || ACRONYM_START.matcher(m).matches();
                if (!startOk) {
                    problems.add(where + ": message must start with a lower-case letter, a backtick or a digit");
                }
                if (m.endsWith(".")) {
                    problems.add(where + ": message ends with a period");
                }
                if (d.help().isBlank()) {
                    problems.add(where + ": empty help line");
                }
                if (d.help().endsWith(".")) {
                    problems.add(where + ": help ends with a period");
                }
                if (d.label().endsWith(".")) {
                    problems.add(where + ": label ends with a period");
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
