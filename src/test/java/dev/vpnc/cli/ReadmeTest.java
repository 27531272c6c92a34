package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.fleet.FleetFixture;
import dev.vpnc.plan.NetworkPlan;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's language tour is a real, valid .vpn file, and every vpnc command it shows runs. */
class ReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void languageTourCompiles() throws IOException {
        String readme = Files.readString(Project.root().resolve("README.md"));
        Matcher m = Pattern.compile("```vpn\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a ```vpn block");
        String tour = m.group(1);
        assertTrue(tour.contains("network corp"), "the first block is the tour");
        // The tour shows one site; add a second so that the network has tunnels to build.
        String second = tour.substring(tour.indexOf("site paris")).replace("paris", "berlin").replace("a1", "a2")
                .replace("f1", "f2").replace("10.0.1.", "10.0.2.").replace("10.1.1.", "10.1.2.")
                .replace("1::", "2::").replace("65001", "65002").replace("p1", "b1").replace("p2", "b2").replace("r1", "r2");
        Path src = tmp.resolve("net.vpn");
        Files.writeString(src, tour + "\n" + second);
        Project.Run r = Project.cli("compile", src.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
    }

    /**
     * Each vpnc command of the README's shell blocks, run on a scratch copy of the reference
     * network: the quick start's compile as written, and each line of the usage block with FILE
     * and DIR given and its optional parts ([...]) left out. Compile runs first, so plan and
     * --check see an output that is up to date (exit 0) and say so. `status` reads, instead of
     * DIR, a folder of healthy statuses (exit 0).
     */
    @Test
    void everyCommandShownRuns() throws IOException {
        String readme = Files.readString(Project.root().resolve("README.md"));
        Path net = tmp.resolve("net");
        Files.createDirectories(net);
        Files.copy(Project.root().resolve("examples/reference/net.vpn"), net.resolve("net.vpn"));
        String file = net.resolve("net.vpn").toString();
        String dir = tmp.resolve("out").toString();
        List<List<String>> commands = new ArrayList<>();
        Matcher block = Pattern.compile("```(?:sh)?\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            for (String line : block.group(1).split("\\n")) {
                String command = line.replaceAll("\\s{2,}.*$", "").replaceAll("#.*$", "").trim();
                if (command.startsWith("./vpnc ") || command.startsWith("vpnc ")) {
                    for (String one : command.split(",\\s*")) {
                        if (one.equals("...")) {
                            continue;
                        }
                        String args = one.replaceFirst("^(\\./)?vpnc ", "").replaceAll("\\[[^]]*]", "")
                                .replace("examples/reference/net.vpn", file).replace("out/", dir)
                                .replace("FILE", file).replace("DIR", dir).trim();
                        commands.add(Arrays.asList(args.split("\\s+")));
                    }
                }
            }
        }
        List<String> shown = commands.stream().map(c -> String.join(" ", c)).toList();
        assertTrue(shown.stream().anyMatch(c -> c.startsWith("compile ")), "the README shows a compile: " + shown);
        assertTrue(shown.stream().anyMatch(c -> c.startsWith("plan ")) && shown.stream().anyMatch(c -> c.contains("--check")),
                "the README shows plan and compile --check: " + shown);
        for (List<String> args : commands) {
            if (args.get(0).equals("status")) {
                args = healthyStatuses(args, dir, net);
            }
            Project.Run r = Project.cli(args.toArray(String[]::new));
            assertEquals(0, r.exit(), "vpnc " + String.join(" ", args) + ":\n" + r.out() + r.err());
        }
    }

    /** The status command with a folder of every host's healthy status.sh output for DIR. */
    private List<String> healthyStatuses(List<String> args, String dir, Path net) throws IOException {
        Path statuses = Files.createDirectories(tmp.resolve("statuses"));
        NetworkPlan plan = Pipeline.planOnly(net.resolve("net.vpn"), net.resolve("secrets"), net.resolve("vpnc.lock"),
                List.of()).plan();
        for (var e : FleetFixture.healthy(plan).entrySet()) {
            Files.writeString(statuses.resolve(e.getKey() + ".json"), e.getValue().toString());
        }
        return args.stream().map(a -> a.equals(dir) ? statuses.toString() : a).toList();
    }
}
