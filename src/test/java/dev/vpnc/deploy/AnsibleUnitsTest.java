package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook installs and enables every unit of a host's bundle (its systemd/ folder): the
 * inventory's vpnc_units of each host are those files, but vpnc-status.service, which its timer
 * starts. A routing suite whose unit the inventory forgot (vpnc-frr.service was) would leave the
 * host's routing to nothing under systemd.
 */
class AnsibleUnitsTest {
    private static final Pattern HOST = Pattern.compile("^ {8}\"([^\"]+)\":$");
    private static final Pattern UNITS = Pattern.compile("^ {10}vpnc_units: \\[(.*)]$");

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyUnitOfEveryBundleIsInTheInventory() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path example : Project.examples()) {
            tests.add(DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
                Path work = tmp.resolve(example.getFileName().toString());
                Project.Run run = Project.compileExample(example, work);
                assertEquals(0, run.exit(), run.err());
                Path out = work.resolve("out");
                Map<String, TreeSet<String>> inventory = inventoryUnits(out.resolve("ansible/inventory.yml"));
                assertFalse(inventory.isEmpty(), "no host in the inventory");
                for (var e : inventory.entrySet()) {
                    TreeSet<String> bundle = new TreeSet<>();
                    try (Stream<Path> units = Files.list(out.resolve(e.getKey()).resolve("systemd"))) {
                        units.map(p -> p.getFileName().toString()).filter(n -> !n.equals("vpnc-status.service"))
                                .forEach(bundle::add);
                    }
                    assertEquals(bundle, e.getValue(), e.getKey());
                }
            }));
        }
        return tests;
    }

    private static Map<String, TreeSet<String>> inventoryUnits(Path inventory) throws IOException {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        String host = null;
        for (String line : Files.readAllLines(inventory)) {
            Matcher h = HOST.matcher(line);
            Matcher u = UNITS.matcher(line);
            if (h.matches()) {
                host = h.group(1);
            } else if (u.matches() && host != null) {
                TreeSet<String> units = new TreeSet<>();
                for (String quoted : u.group(1).split(", ")) {
                    units.add(quoted.replace("\"", ""));
                }
                out.put(host, units);
            }
        }
        return out;
    }
}
