package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What vpnc writes, tried as an attacker who plants files beside it, or a careless user, would:
 * keys never readable by others, nothing vpnc reads ever deleted, no torn output, no half
 * transaction, no write through a planted symlink.
 */
class WriteTrustTest {
    @TempDir
    Path tmp;

    private Path reference() throws IOException {
        Path work = tmp.resolve("net");
        Project.copyTree(Project.root().resolve("examples/reference"), work);
        return work;
    }

    private static Project.Run compile(Path work, String... more) {
        List<String> args = new ArrayList<>(List.of("compile", work.resolve("net.vpn").toString()));
        args.addAll(List.of(more));
        return Project.cli(args.toArray(String[]::new));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    // --- the key store ---------------------------------------------------------------------------------

    /** Under umask 000 a file created then chmod-ed is 0666 for an instant; vpnc's keys never are. */
    @Test
    @Timeout(120)
    void keysFoldersLockAndOutputHaveFixedModesWhateverTheUmask() throws IOException {
        Path work = reference();
        for (String umask : List.of("000", "077")) {
            Path secrets = tmp.resolve("secrets-" + umask);
            Path out = tmp.resolve("out-" + umask);
            Project.Run run = Project.process(umask, 100, "compile", work.resolve("net.vpn").toString(), "-o", out.toString(),
                    "--secrets", secrets.toString(), "--lock", tmp.resolve("lock-" + umask).toString());
            assertEquals(0, run.exit(), run.err());
            try (Stream<Path> all = Files.walk(secrets)) {
                for (Path p : all.toList()) {
                    String expected = p.getFileName().toString().equals(".gitignore") ? "rw-r--r--"
                            : Files.isDirectory(p) ? "rwx------" : "rw-------";
                    assertEquals(expected, mode(p), "umask " + umask + ": " + p);
                }
            }
            assertEquals("rw-r--r--", mode(tmp.resolve("lock-" + umask)), "umask " + umask + ": the lock");
            try (Stream<Path> all = Files.walk(out)) {
                for (Path p : all.toList()) {
                    String name = out.relativize(p).toString();
                    String expected = Files.isDirectory(p) || dev.vpnc.emit.Emitter.isExecutable(name) ? "rwxr-xr-x" : "rw-r--r--";
                    assertEquals(expected, mode(p), "umask " + umask + ": " + name);
                }
            }
        }
    }

    /**
     * Seen by the kernel: every file vpnc creates in the key store is created exclusively
     * (O_EXCL) with mode 0600 in the same system call, and every folder with mode 0700, so no key
     * is readable by another user at any instant, even through a descriptor opened early. A
     * pre-existing 0755 host folder is made 0700 before a key goes in it. Before, key files were
     * created 0666 (less the umask) and chmod-ed afterwards: another user who opened the
     * temporary in between read the key written into it.
     */
    @Test
    @Timeout(200)
    void keysAreCreatedWithTheirFinalModeInOneSystemCall() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "needs strace");
        Path work = reference();
        Path secrets = work.resolve("secrets");
        Files.createDirectories(secrets.resolve("v1-1"));
        Files.setPosixFilePermissions(secrets.resolve("v1-1"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path trace = tmp.resolve("trace");
        Project.Run run = Project.process(List.of("strace", "-f", "-qq", "-e", "trace=openat,mkdir,mkdirat,chmod,fchmodat",
                "-o", trace.toString()), "000", 180, "compile", work.resolve("net.vpn").toString(), "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        List<String> calls = Files.readAllLines(trace).stream().filter(l -> l.contains("\"" + secrets)).toList();
        List<String> keyFiles = calls.stream().filter(l -> l.contains("openat(") && l.contains("O_CREAT")
                && !l.contains(".gitignore")).toList();
        assertTrue(keyFiles.size() >= 6, "key file creations seen: " + keyFiles);
        for (String l : keyFiles) {
            assertTrue(l.contains("O_EXCL") && l.matches(".*, 0600(\\) = \\d+| <unfinished).*"), "a key file created otherwise than 0600, exclusively: " + l);
        }
        for (String l : calls.stream().filter(l -> l.contains("mkdir")).toList()) {
            assertTrue(l.matches(".*, 0700(\\) = | <unfinished).*"), "a key folder created otherwise than 0700: " + l);
        }
        assertEquals("rwx------", mode(secrets.resolve("v1-1")), "the 0755 host folder was left open");
        assertTrue(run.out().contains("made key folder"), run.out());
    }

    @Test
    void keyReadableByOthersIsAWarning() throws IOException {
        Path work = reference();
        assertEquals(0, compile(work, "-o", work.resolve("out").toString()).exit());
        Path key = work.resolve("secrets/v1-1/private.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Project.Run run = Project.cli("check", work.resolve("net.vpn").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("warning[W0321]: key file `") && run.err().contains("v1-1/private.key` can be used by other users"),
                run.err());
        assertNoKeyIn(work, run);
    }

    @Test
    void twoGatewaysWithOneKeyIsAWarning() throws IOException {
        Path work = reference();
        assertEquals(0, compile(work, "-o", work.resolve("out").toString()).exit());
        Files.copy(work.resolve("secrets/v1-1/private.key"), work.resolve("secrets/v1-2/private.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Project.Run run = Project.cli("check", work.resolve("net.vpn").toString());
        assertTrue(run.err().contains("warning[W0322]: gateways `v1-1` and `v1-2` have the same private key"), run.err());
        assertNoKeyIn(work, run);
    }

    // --- nothing lost -------------------------------------------------------------------------------------

    /** Before: `--secrets out/secrets` deleted the key store on every compile (exit 0, new keys each time). */
    @Test
    void keyStoreInsideTheOutputIsRefused() throws IOException {
        Path work = reference();
        Path out = work.resolve("out");
        for (int run = 0; run < 2; run++) {
            Project.Run r = compile(work, "-o", out.toString(), "--secrets", out.resolve("secrets").toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("error[E0323]: the output folder `" + out + "` holds the key store"), r.err());
            assertFalse(Files.exists(out), "something was written");
        }
    }

    /** Before: a source copied into the output folder was deleted by the compile that read it. */
    @Test
    void aSourceInsideTheOutputIsRefusedAndKept() throws IOException {
        Path work = reference();
        Path out = work.resolve("out");
        assertEquals(0, compile(work, "-o", out.toString()).exit());
        Files.copy(work.resolve("net.vpn"), out.resolve("net.vpn"));
        Project.Run run = Project.cli("compile", out.resolve("net.vpn").toString(), "-o", out.toString(),
                "--secrets", work.resolve("secrets").toString(), "--lock", work.resolve("vpnc.lock").toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("error[E0323]: the output folder `" + out + "` holds the source file"), run.err());
        assertTrue(Files.isRegularFile(out.resolve("net.vpn")), "the source was deleted");
    }

    @Test
    void anOutputInsideTheKeyStoreOrOnTheLockIsRefused() throws IOException {
        Path work = reference();
        String lock = Files.readString(work.resolve("vpnc.lock"));
        Map<String, String> cases = Map.of(
                work.resolve("secrets/out").toString(), "is inside the key store",
                work.resolve("vpnc.lock").toString(), "is the lock file");
        for (var c : cases.entrySet()) {
            Project.Run run = compile(work, "-o", c.getKey());
            assertEquals(1, run.exit(), c.getKey() + ": " + run.err());
            assertTrue(run.err().contains("E0323") && run.err().contains(c.getValue()), run.err());
            assertEquals(lock, Files.readString(work.resolve("vpnc.lock")));
            assertFalse(Files.exists(work.resolve("secrets")), "a refused compile wrote keys");
        }
    }

    /** Before: keys were created, then the output folder was refused ("nothing was written" was false). */
    @Test
    void aCompileThatFailsCreatesNoKey() throws IOException {
        Path work = reference();
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine\n");
        Project.Run run = compile(work, "-o", foreign.toString());
        assertEquals(1, run.exit(), run.err());
        assertFalse(Files.exists(work.resolve("secrets")), "keys were created by a failed compile");
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertEquals("mine\n", Files.readString(foreign.resolve("notes.txt")));
    }

    /** Output, lock and keys are one transaction: a lock that cannot be replaced leaves the old output. */
    @Test
    void aLockThatCannotBeWrittenLeavesThePreviousOutput() throws Exception {
        Path work = reference();
        Path out = work.resolve("out");
        assertEquals(0, compile(work, "-o", out.toString()).exit());
        SortedMap<String, String> before = Project.readTree(out);
        Path secrets = work.resolve("secrets");
        deleteTree(secrets.resolve("v1-1"));
        Pipeline.Result r = Pipeline.run(work.resolve("net.vpn"), secrets, work.resolve("vpnc.lock"));
        // A non-empty folder where the lock should go: the final rename fails, after the swap.
        Path lock = tmp.resolve("lock-is-a-folder");
        Files.createDirectories(lock.resolve("inside"));
        SortedMap<String, String> tree = CompileEffects.tree(r);
        tree.put("v1-1/extra-file", "changed\n");
        assertTrue(r.newKeys().files().keySet().stream().anyMatch(p -> p.startsWith(secrets.resolve("v1-1"))));
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Commit.write(out, tree, dev.vpnc.emit.Emitter::isExecutable, lock, r.lock().render(), r.newKeys()));
        assertEquals(before, Project.readTree(out), "the previous output is not in place");
        assertFalse(Files.exists(secrets.resolve("v1-1/private.key")), "the new key stayed although nothing was compiled");
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.contains("vpnc-")).toList(),
                    "temporaries left beside the output");
        }
    }

    /** Before: `.vpnc.lock.vpnc-tmp` planted as a symlink made vpnc overwrite its target. */
    @Test
    void plantedSymlinksAreNeverWrittenThrough() throws IOException {
        Path work = reference();
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "precious\n");
        Path victimDir = tmp.resolve("victim-dir");
        Files.createDirectories(victimDir);
        Files.writeString(victimDir.resolve("file"), "precious\n");
        Files.createSymbolicLink(work.resolve(".vpnc.lock.vpnc-tmp"), victim);
        Files.createSymbolicLink(work.resolve(".out.vpnc-new"), victimDir);
        Files.createSymbolicLink(work.resolve(".out.vpnc-old"), victimDir);
        Files.writeString(work.resolve("vpnc.lock"), Files.readString(work.resolve("vpnc.lock")).replace("version 1\n", "version 1\n\n"));
        Project.Run run = compile(work, "-o", work.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("precious\n", Files.readString(victim));
        assertEquals("precious\n", Files.readString(victimDir.resolve("file")));
        assertTrue(Files.isRegularFile(work.resolve("vpnc.lock"), LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Two compiles of one network into one folder at once, several times: every run succeeds
     * and the folder is whole. Before, one run reported 93 files with exit 0 while 18 were missing.
     */
    @Test
    @Timeout(300)
    void concurrentCompilesNeverTearTheOutput() throws IOException {
        Path work = reference();
        Path out = work.resolve("out");
        assertEquals(0, compile(work, "-o", tmp.resolve("expected").toString()).exit());
        SortedMap<String, String> expected = Project.readTree(tmp.resolve("expected"));
        for (int round = 0; round < 4; round++) {
            deleteTree(out);
            List<CompletableFuture<Project.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> Project.process("022", 200, "compile",
                        work.resolve("net.vpn").toString(), "-o", out.toString())));
            }
            for (CompletableFuture<Project.Run> f : runs) {
                Project.Run run = f.join();
                assertEquals(0, run.exit(), run.err());
                assertTrue(run.out().contains(expected.size() + " files into"), run.out());
            }
            assertEquals(expected, Project.readTree(out), "round " + round + ": the output is torn");
        }
    }

    /** `fmt` used to write a new file over a symlinked source, with the umask's mode. */
    @Test
    void fmtKeepsTheModeAndWritesThroughASymlink() throws IOException {
        Path real = tmp.resolve("real.vpn");
        Files.writeString(real, "network n   {\n  tunnels ipv6 2001:db8:ff::/64\n}\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw----"));
        Path link = tmp.resolve("link.vpn");
        Files.createSymbolicLink(link, real);
        Project.Run run = Project.cli("fmt", link.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the symlink was replaced by a file");
        assertEquals("rw-rw----", mode(real));
        assertNotEquals("network n   {\n  tunnels ipv6 2001:db8:ff::/64\n}\n", Files.readString(real));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static void assertNoKeyIn(Path work, Project.Run run) throws IOException {
        for (String s : SecretsTest.secrets(work.resolve("secrets"))) {
            assertFalse(run.out().contains(s) || run.err().contains(s), "a secret was printed");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
