package dev.vpnc.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.bench.NetworkGenerator;
import dev.vpnc.compiler.Pipeline;
import dev.vpnc.emit.FrrConfigs;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FRR config of every gateway and router of every example (and of variants: OSPF and iBGP
 * inside, a BIRD 1.6 peer, a hub with many sites), judged by FRR 8.4 itself, without daemons:
 * <ul>
 *   <li>{@code vtysh -C -f} (dry run: every command parses, in its node) exits 0, silent;</li>
 *   <li>{@code vtysh -m -f} echoes the file unchanged. A command FRR does not know in its node
 *       climbs to a parent node where it may still parse (vtysh -C passes it); the marked echo
 *       then shows an {@code exit} vpnc did not write;</li>
 *   <li>{@code frr-reload.py --test --input /dev/null} (what reload.sh runs) exits 0, and the
 *       lines it would add are every command of the file.</li>
 * </ul>
 * {@code -Dfrr.dump=DIR} keeps a copy of every config checked, to read them.
 */
class FrrRealToolsTest {
    static final String VTYSH = "vtysh";
    static final Path FRR_RELOAD = Path.of("/usr/lib/frr/frr-reload.py");

    @TempDir
    Path tmp;

    private static void requireFrr() {
        RealTools.requireTools(List.of(VTYSH));
        Tools.requireThat(Files.isExecutable(FRR_RELOAD), FRR_RELOAD + " is missing (package frr-pythontools)");
    }

    @TestFactory
    List<DynamicTest> everyHostOfEveryExampleAndVariant() {
        Map<String, UnaryOperator<String>> variants = new TreeMap<>();
        variants.put("reference-inside-bgp", inside("bgp"));
        variants.put("reference-inside-ospf", inside("ospf"));
        variants.put("reference-ospf-bird16-peer", src -> bird16Peer(inside("ospf").apply(src)));
        variants.put("reference-bgp-bird16-peer", src -> bird16Peer(inside("bgp").apply(src)));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : Project.examples()) {
            String name = example.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, example, null)));
        }
        variants.forEach((name, edit) -> tests.add(DynamicTest.dynamicTest(name,
                () -> check(name, Project.root().resolve("examples/reference"), edit))));
        return tests;
    }

    /** More remote sites than BIRD's union threshold: rules that exclude sets become prefix-lists with deny entries. */
    @Test
    void largeHubWithUnitedSets() throws IOException, InterruptedException {
        requireFrr();
        Path work = tmp.resolve("hub12");
        Files.createDirectories(work);
        Files.writeString(work.resolve("net.vpn"), NetworkGenerator.generate("hub", 12));
        SortedMap<String, String> configs = FrrConfigs.render(plan(work));
        configs.keySet().retainAll(Set.of("s1-1", "s7-2", "s7-r"));
        assertEquals(3, configs.size(), configs.keySet().toString());
        assertTrue(configs.get("s1-1").contains(" deny "), "the hub's rules exclude a spoke's own prefixes");
        assertAccepted(work, configs);
    }

    /** @param edit how a variant changes the example's source, {@code null} for none */
    /** vtysh -C passes a command that climbed to the config node; the echo check does not. */
    @Test
    void aCommandOutOfItsNodeIsCaught() throws IOException, InterruptedException {
        requireFrr();
        String text = "frr defaults traditional\nrouter ospf6\n ospf6 router-id 10.0.0.1\n log syslog informational\nexit\n";
        Path file = tmp.resolve("climb.conf");
        Files.writeString(file, text);
        List<String> failures = judge("climb", file, text);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("vtysh -m does not echo"), failures.toString());
    }

    private void check(String name, Path example, UnaryOperator<String> edit) throws IOException, InterruptedException {
        requireFrr();
        Path work = tmp.resolve(name);
        Project.copyTree(example, work);
        Path source = work.resolve("net.vpn");
        if (edit != null) {
            String text = Files.readString(source);
            String edited = edit.apply(text);
            assertFalse(edited.equals(text), "the variant changes the source");
            Files.writeString(source, edited);
        }
        SortedMap<String, String> configs = FrrConfigs.render(plan(work));
        assertFalse(configs.isEmpty());
        assertAccepted(work, configs);
    }

    private static NetworkPlan plan(Path work) {
        Pipeline.Result r = Pipeline.run(work.resolve("net.vpn"), work.resolve("secrets"), work.resolve("vpnc.lock"));
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return r.plan();
    }

    private static void assertAccepted(Path work, SortedMap<String, String> configs)
            throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : configs.entrySet()) {
            Path file = work.resolve("frr-" + e.getKey() + ".conf");
            Files.writeString(file, e.getValue());
            if (System.getProperty("frr.dump") != null) {
                Files.createDirectories(Path.of(System.getProperty("frr.dump")));
                Files.writeString(Path.of(System.getProperty("frr.dump"), work.getFileName() + "-" + e.getKey() + ".conf"), e.getValue());
            }
            failures.addAll(judge(e.getKey(), file, e.getValue()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** What FRR's tools say against one config; empty when they accept it as written. */
    static List<String> judge(String host, Path file, String text) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        Tools.Result dry = Tools.run(null, VTYSH, "-C", "-f", file.toString());
        if (dry.exit() != 0 || !(dry.out() + dry.err()).isBlank()) {
            failures.add(host + ": vtysh -C exit " + dry.exit() + ": " + dry.out() + dry.err());
        }
        Tools.Result marked = Tools.run(null, VTYSH, "-m", "-f", file.toString());
        String echo = marked.out().replace("\r", "").stripTrailing();
        if (echo.endsWith("end")) {
            echo = echo.substring(0, echo.length() - "end".length()).stripTrailing();
        }
        if (marked.exit() != 0 || !echo.equals(text.stripTrailing())) {
            failures.add(host + ": vtysh -m does not echo the file (a command climbed out of its node?), exit "
                    + marked.exit() + ":\n" + firstDifference(text.stripTrailing(), echo) + marked.err());
        }
        Tools.Result reload = Tools.run(null, FRR_RELOAD.toString(), "--test", "--input", "/dev/null", file.toString());
        if (reload.exit() != 0) {
            failures.add(host + ": frr-reload.py --test exit " + reload.exit() + ": " + reload.out() + reload.err());
        } else {
            Set<String> added = Arrays.stream(reload.out().split("\n")).map(String::strip).collect(Collectors.toSet());
            List<String> missing = commands(text).stream().filter(c -> !added.contains(c)).toList();
            if (!missing.isEmpty()) {
                failures.add(host + ": frr-reload.py would not add " + missing);
            }
        }
        return failures;
    }

    /** The commands of a config: every line but comments, blank lines and node exits. */
    static List<String> commands(String text) {
        return text.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                .filter(l -> !l.equals("exit") && !l.equals("exit-address-family"))
                .toList();
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": wrote `" + x + "`, vtysh -m shows `" + y + "`\n";
            }
        }
        return "";
    }

    private static UnaryOperator<String> inside(String mode) {
        return src -> src.replace("  underlay ipv6\n", "  underlay ipv6\n  inside " + mode + "\n");
    }

    /** Gateway v1-1 on BIRD 1.6: its peers open one session per family with it. */
    private static String bird16Peer(String src) {
        return src.replace("gateway v1-1 uses edge { endpoint 2001:db8:1::1 }",
                "gateway v1-1 uses edge {\n    endpoint 2001:db8:1::1\n    bird 1.6\n  }");
    }
}
