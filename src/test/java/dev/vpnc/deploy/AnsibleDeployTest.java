package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Ansible inventory and playbook, judged by Ansible itself: syntax check, the
 * inventory lists every host of the network, and a real run over a local connection installs one
 * gateway's bundle and secrets into a scratch root with the right modes (without running up.sh).
 */
class AnsibleDeployTest {
    @TempDir
    static Path work;
    static Path out;

    @BeforeAll
    static void compile() throws IOException {
        Tools.require("ansible-playbook");
        Tools.require("ansible-inventory");
        Project.Run r = Project.compileExample(Project.root().resolve("examples/reference"), work);
        assertEquals(0, r.exit(), r.err());
        out = work.resolve("out");
    }

    @Test
    void playbookPassesTheSyntaxCheck() throws Exception {
        Result r = ansible("ansible-playbook", "--syntax-check", "-i", "inventory.yml", "deploy.yml");
        assertEquals(0, r.exit(), r.all());
    }

    @Test
    void inventoryListsEveryHostInItsGroup() throws Exception {
        Result r = ansible("ansible-inventory", "-i", "inventory.yml", "--list");
        assertEquals(0, r.exit(), r.all());
        JsonObject inv = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject hostvars = inv.getAsJsonObject("_meta").getAsJsonObject("hostvars");
        TreeSet<String> bundles = new TreeSet<>();
        TreeSet<String> gateways = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.toList()) {
                if (Files.exists(d.resolve("up.sh"))) {
                    bundles.add(d.getFileName().toString());
                    if (Files.isDirectory(d.resolve("wireguard"))) {
                        gateways.add(d.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(9, bundles.size());
        assertEquals(bundles, new TreeSet<>(hostvars.keySet()));
        TreeSet<String> inGroup = new TreeSet<>();
        inv.getAsJsonObject("vpnc_gateways").getAsJsonArray("hosts").forEach(h -> inGroup.add(h.getAsString()));
        assertEquals(gateways, inGroup);
        // Each host's units are its bundle's, vpnc.service first; but the status service, which its
        // timer starts.
        for (String host : bundles) {
            List<String> units = new ArrayList<>();
            hostvars.getAsJsonObject(host).getAsJsonArray("vpnc_units").forEach(u -> units.add(u.getAsString()));
            assertEquals("vpnc.service", units.get(0), host);
            List<String> bundled = new ArrayList<>(relativeFiles(out.resolve(host).resolve("systemd")));
            assertTrue(bundled.remove("vpnc-status.service"), host);
            assertEquals(bundled, units.stream().sorted().toList(), host);
        }
        // A gateway is reached at its endpoint; a router's address is left to the operator.
        assertEquals("2001:db8:1::1", hostvars.getAsJsonObject("v1-1").get("ansible_host").getAsString());
        assertFalse(hostvars.getAsJsonObject("r1").has("ansible_host"));
    }

    @Test
    void localRunInstallsBundleAndSecretsWithTheirModes() throws Exception {
        Path root = work.resolve("root");
        Files.createDirectories(root);
        Path keys = work.resolve("secrets");
        Result r = ansible("ansible-playbook", "-i", "inventory.yml", "deploy.yml", "-c", "local", "--limit", "v1-1",
                "-e", "vpnc_root=" + root, "-e", "vpnc_apply=false", "-e", "vpnc_become=false",
                "-e", "vpnc_keystore=" + keys);
        assertEquals(0, r.exit(), r.all());
        String privateKey = Files.readString(keys.resolve("v1-1/private.key")).strip();
        assertFalse(r.all().contains(privateKey), "the private key is in Ansible's output");

        Path installed = root.resolve("etc/vpnc");
        List<String> bundleFiles = relativeFiles(out.resolve("v1-1"));
        assertTrue(bundleFiles.contains("reload.sh") && bundleFiles.contains("wireguard/wg-v2-1.conf"), bundleFiles.toString());
        for (String f : bundleFiles) {
            Path p = installed.resolve(f);
            assertTrue(Files.isRegularFile(p), "not installed: " + f);
            assertEquals(Files.readString(out.resolve("v1-1").resolve(f)), Files.readString(p), f);
            assertEquals(f.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--", mode(p), f);
        }
        assertEquals("rwx------", mode(installed.resolve("secrets")));
        assertEquals("rw-------", mode(installed.resolve("secrets/private.key")));
        assertEquals(privateKey, Files.readString(installed.resolve("secrets/private.key")).strip());
        // Only the host's own secrets.
        assertEquals(relativeFiles(keys.resolve("v1-1")), relativeFiles(installed.resolve("secrets")));
        assertUnitsInstalledAndEnabled(root, out.resolve("v1-1"),
                List.of("vpnc.service", "vpnc-bird.service", "vpnc-status.timer"));

        // A second run changes nothing.
        Result again = ansible("ansible-playbook", "-i", "inventory.yml", "deploy.yml", "-c", "local", "--limit", "v1-1",
                "-e", "vpnc_root=" + root, "-e", "vpnc_apply=false", "-e", "vpnc_become=false",
                "-e", "vpnc_keystore=" + keys);
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().matches("(?s).*v1-1\\s+: ok=\\d+\\s+changed=0 .*"), again.out());
    }

    /**
     * Every unit of the host's bundle in the root's /etc/systemd/system, byte-identical and 0644;
     * those given enabled: a link in multi-user.target.wants (timers.target.wants for a timer) to
     * /etc/systemd/system/UNIT (absolute on the host, as systemctl --root makes it).
     */
    static void assertUnitsInstalledAndEnabled(Path root, Path bundle, List<String> enabled) throws IOException {
        Path unitDir = root.resolve("etc/systemd/system");
        for (String unit : relativeFiles(bundle.resolve("systemd"))) {
            Path installed = unitDir.resolve(unit);
            assertEquals(Files.readString(bundle.resolve("systemd").resolve(unit)), Files.readString(installed), unit);
            assertEquals("rw-r--r--", mode(installed), unit);
        }
        for (String unit : enabled) {
            assertTrue(Files.isRegularFile(bundle.resolve("systemd").resolve(unit)), "not in the bundle: " + unit);
            String target = unit.endsWith(".timer") ? "timers.target.wants" : "multi-user.target.wants";
            Path link = unitDir.resolve(target).resolve(unit);
            assertTrue(Files.isSymbolicLink(link), "not enabled: " + unit);
            assertEquals(Path.of("/etc/systemd/system", unit), Files.readSymbolicLink(link), unit);
        }
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static List<String> relativeFiles(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    files.add(dir.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        return files;
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    /** Runs an Ansible command in the generated ansible/ folder, its temporary files kept in the test's folder. */
    private static Result ansible(String... command) throws Exception {
        return ansibleIn(work, out, command);
    }

    /** Runs an Ansible command in the ansible/ folder of an output tree, its temporary files under {@code scratch}. */
    static Result ansibleIn(Path scratch, Path outputDir, String... command) throws Exception {
        Path tmp = Files.createDirectories(scratch.resolve("ansible-tmp"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(outputDir.resolve("ansible").toFile());
        Map<String, String> env = pb.environment();
        env.put("ANSIBLE_LOCAL_TEMP", tmp.resolve("local").toString());
        env.put("ANSIBLE_REMOTE_TEMP", tmp.resolve("remote").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), stdout, Files.readString(err));
    }
}
