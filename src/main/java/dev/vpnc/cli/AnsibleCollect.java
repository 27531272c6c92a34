package dev.vpnc.cli;

import com.google.gson.JsonObject;
import dev.vpnc.diag.TerminalText;
import dev.vpnc.emit.Emitter;
import dev.vpnc.fleet.FleetReport;
import dev.vpnc.fleet.FleetStatus;
import dev.vpnc.io.IoErrors;
import dev.vpnc.plan.NetworkPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code vpnc status --ansible OUT}: runs the compiled status playbook into a private temporary
 * folder, judges what it wrote, removes the folder.
 */
final class AnsibleCollect {
    /** ansible-playbook's exits after which its files are worth reading: 0, hosts failed (2), hosts unreachable (3). */
    private static final Set<Integer> RAN = Set.of(0, 2, 3);

    private AnsibleCollect() {
    }

    /** The report, or null after an error message (nothing could be collected). */
    static FleetReport run(Path out, List<String> extra, NetworkPlan plan, PrintWriter err) {
        Path inventory = out.resolve("ansible/inventory.yml");
        Path playbook = out.resolve("ansible/" + Emitter.STATUS_PLAYBOOK);
        for (Path p : List.of(inventory, playbook)) {
            if (!Files.isRegularFile(p)) {
                err.println("error: " + p + " is missing: compile FILE into " + out + " first (`vpnc compile FILE -o "
                        + out + "`)");
                return null;
            }
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("vpnc-status-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            err.println("error: cannot create a temporary folder: " + IoErrors.describe(e));
            return null;
        }
        try {
            // JSON, not key=value: a folder with a space in its name stays one value.
            JsonObject vars = new JsonObject();
            vars.addProperty("vpnc_status_dir", tmp.toString());
            List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(),
                    playbook.toString(), "-e", vars.toString()));
            command.addAll(extra);
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                err.println("error: cannot run ansible-playbook: " + IoErrors.describe(e));
                return null;
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                // Its log quotes what hosts said (an unreachable host's error): made safe to print.
                log.lines().forEach(l -> err.println("ansible-playbook: " + TerminalText.escape(l)));
            }
            if (!RAN.contains(exit)) {
                err.println("error: ansible-playbook failed (exit " + exit + "): no status collected");
                return null;
            }
            if (exit != 0) {
                err.println("note: ansible-playbook exited with " + exit + ": the hosts it could not collect are unknown");
            }
            return FleetStatus.fromDir(plan, tmp);
        } catch (IOException e) {
            err.println("error: cannot read ansible-playbook's output: " + IoErrors.describe(e));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted while ansible-playbook ran");
            return null;
        } finally {
            remove(tmp, err);
        }
    }

    /** The temporary folder and what the playbook wrote in it (links removed, never followed). */
    private static void remove(Path tmp, PrintWriter err) {
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("warning: cannot remove " + tmp + ": " + IoErrors.describe(e));
        }
    }
}
