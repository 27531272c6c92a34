package dev.vpnc.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.fleet.FleetFixture;
import dev.vpnc.testing.Project;
import dev.vpnc.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible/status.yml, judged by Ansible itself: its syntax, and runs over a local connection
 * against a stand-in status.sh installed under a scratch root (no root, no network), which
 * prints what a test wants and exits as it wants; then `vpnc status --ansible` end to end.
 */
class AnsibleStatusTest {
    @TempDir
    static Path work;
    static Path out;
    static Path root;

    @BeforeAll
    static void compile() throws IOException {
        Tools.require("ansible-playbook");
        Project.Run r = Project.compileExample(Project.root().resolve("examples/reference"), work);
        assertEquals(0, r.exit(), r.err());
        out = work.resolve("out");
        root = Files.createDirectories(work.resolve("root/etc/vpnc")).getParent().getParent();
    }

    /** The stand-in: prints {@code output} and exits with {@code exit}, wherever the bundle is installed. */
    private static void statusSh(String output, int exit) throws IOException {
        Path data = work.resolve("printed.json");
        Files.writeString(data, output);
        Path script = root.resolve("etc/vpnc/status.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = --json ] || exit 3\ncat '" + data + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static AnsibleDeployTest.Result collect(Path into, String limit) throws Exception {
        return AnsibleDeployTest.ansibleIn(work, out, "ansible-playbook", "-i", "inventory.yml", "status.yml",
                "-c", "local", "--limit", limit, "-e", "vpnc_root=" + root, "-e", "vpnc_become=false",
                "-e", "vpnc_status_dir=" + into);
    }

    @Test
    void playbookPassesTheSyntaxCheck() throws Exception {
        AnsibleDeployTest.Result r = AnsibleDeployTest.ansibleIn(work, out, "ansible-playbook", "--syntax-check",
                "-i", "inventory.yml", "status.yml");
        assertEquals(0, r.exit(), r.all());
    }

    /**
     * A verdict is not a failure, and the output is written as printed: a text that starts with
     * "{" and holds a null is where Ansible would read a dictionary and write it back reformatted.
     */
    @Test
    void eachHostsOutputIsWrittenAsPrinted() throws Exception {
        String printed = "{\"host\":\"x\",\"a\":null,\"b\":[1,2],\"t\":\"{{ 7 * 7 }}\",\"e\":\"\\u001b[31m\"}";
        statusSh(printed, 2);
        Path into = work.resolve("collected");
        AnsibleDeployTest.Result r = collect(into, "v1-1,r1");
        assertEquals(0, r.exit(), r.all());
        for (String host : List.of("v1-1", "r1")) {
            Path file = into.resolve(host + ".json");
            assertEquals(" " + printed + "\n", Files.readString(file), host);
            assertEquals("rw-r--r--", AnsibleDeployTest.mode(file));
        }
        assertEquals("rwx------", AnsibleDeployTest.mode(into));
        assertFalse(Files.exists(into.resolve("v2-1.json")), "only the hosts of the run");
    }

    @Test
    void aStatusThatCannotRunFailsItsHostAndWritesNothing() throws Exception {
        statusSh("", 3);
        Path into = work.resolve("failed");
        AnsibleDeployTest.Result r = collect(into, "v1-2");
        assertEquals(2, r.exit(), "ansible-playbook: a host failed\n" + r.all());
        assertFalse(Files.exists(into.resolve("v1-2.json")));
    }

    /** `vpnc status --ansible OUT -- ARGS`: the playbook run with the arguments after `--`, its files judged. */
    @Test
    void vpncStatusRunsThePlaybook() throws Exception {
        Path src = work.resolve("net.vpn");
        var plan = Pipeline.planOnly(src, work.resolve("secrets"), work.resolve("vpnc.lock"), List.of()).plan();
        statusSh(FleetFixture.healthy(plan).get("v1-1").toString(), 0);
        Project.Run r = Project.cli("status", src.toString(), "--ansible", out.toString(), "--", "-c", "local",
                "--limit", "v1-1", "-e", "vpnc_root=" + root, "-e", "vpnc_become=false");
        assertEquals(11, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\nv1-1  v1    gateway          ok\n"), r.out());
        assertTrue(r.out().contains("\nv1-2  v1    gateway          unknown  no file v1-2.json in /"), r.out());
        assertEquals("", r.err());
        // Its temporary folder is gone.
        String tmpDir = r.out().replaceAll("(?s).*no file v1-2.json in (\\S+)\n.*", "$1");
        assertFalse(Files.exists(Path.of(tmpDir)), tmpDir);
    }

    @Test
    void anOutputWithoutThePlaybookIsAnError() {
        Project.Run r = Project.cli("status", work.resolve("net.vpn").toString(), "--ansible", work.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: " + work.resolve("ansible/inventory.yml") + " is missing"), r.err());
    }
}
