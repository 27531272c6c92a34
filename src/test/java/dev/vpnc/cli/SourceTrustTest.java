package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.plan.KeyStore;
import dev.vpnc.plan.Lock;
import dev.vpnc.source.SourceFile;
import dev.vpnc.testing.Project;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input side of the trust boundary (issue 14): whoever writes the .vpn files and the files
 * around them (links, special files) cannot make vpnc print a key, read outside the source tree,
 * hang, or write control characters to the operator's terminal. Every test drives the real CLI.
 */
class SourceTrustTest {
    /** A private key in the key store; its text must appear in no output. */
    static final String KEY = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";

    static final String NETWORK = """
            profile edge {
              uplink eth0
              lan eth1
            }

            network corp {
              tunnels ipv6 2001:db8:ff::/64
            }
            """;

    static final String SITES = """
            site paris {
              asn 65001
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway paris-1 uses edge { endpoint 2001:db8:1::1 }
              gateway paris-2 uses edge { endpoint 2001:db8:1::2 }
            }

            site berlin {
              asn 65002
              prefixes 2001:db8:a2::/64
              subnet 2001:db8:f2::/64
              gateway berlin-1 uses edge { endpoint 2001:db8:2::1 }
              gateway berlin-2 uses edge { endpoint 2001:db8:2::2 }
            }
            """;

    @TempDir
    Path tmp;

    private Path keyStore() throws IOException {
        Path key = tmp.resolve("secrets/paris-1/private.key");
        Files.createDirectories(key.getParent());
        Files.writeString(key, KEY + "\n");
        return tmp.resolve("secrets");
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** check, plan, compile and compile --check, each with human and JSON diagnostics. */
    private List<Project.Run> everyCommand(Path source, String... extra) {
        String out = tmp.resolve("out").toString();
        List<String[]> commands = List.of(
                new String[] {"check", source.toString()},
                new String[] {"plan", source.toString(), "-o", out},
                new String[] {"compile", source.toString(), "-o", out},
                new String[] {"compile", "--check", source.toString(), "-o", out});
        List<Project.Run> runs = new ArrayList<>();
        for (String[] command : commands) {
            for (List<String> format : List.of(List.<String>of(), List.of("--diagnostics", "json"))) {
                List<String> args = new ArrayList<>(List.of(command));
                args.addAll(format);
                args.addAll(List.of(extra));
                runs.add(Project.cli(args.toArray(String[]::new)));
            }
        }
        return runs;
    }

    /** Every command fails with {@code code} and shows no byte of the key. */
    private void refusedWithoutTheKey(Path source, String code) {
        for (Project.Run r : everyCommand(source)) {
            String all = r.out() + r.err();
            assertEquals(1, r.exit(), all);
            assertTrue(all.contains(code), code + " in:\n" + all);
            assertFalse(all.contains(KEY) || all.contains(KEY.substring(0, 12)), "the key is shown:\n" + all);
        }
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written");
    }

    // ------------------------------------------------------------------ item 1: no foreign content

    @Test
    void importOfAKeyFileIsRefusedWithoutShowingIt() throws IOException {
        keyStore();
        Path src = write("net.vpn", "import \"secrets/paris-1/private.key\"\n" + NETWORK + SITES);
        refusedWithoutTheKey(src, "E0111");
    }

    @Test
    void linksToAKeyAreRefusedAsImportAndAsRootFile() throws IOException {
        keyStore();
        Files.createSymbolicLink(tmp.resolve("key.vpn"), tmp.resolve("secrets/paris-1/private.key"));
        refusedWithoutTheKey(write("net.vpn", "import \"key.vpn\"\n" + NETWORK + SITES), "E0112");
        refusedWithoutTheKey(tmp.resolve("key.vpn"), "E0112");
    }

    @Test
    void aVpnFileInTheKeyStoreIsNeverRead() throws IOException {
        keyStore();
        write("secrets/notes.vpn", KEY + "\n");
        refusedWithoutTheKey(write("net.vpn", "import \"secrets/notes.vpn\"\n" + NETWORK + SITES), "E0112");
    }

    @Test
    void aLockThatLinksToAKeyIsRefused() throws IOException {
        keyStore();
        Path src = write("net.vpn", NETWORK + SITES);
        Files.createSymbolicLink(tmp.resolve(Lock.FILE_NAME), tmp.resolve("secrets/paris-1/private.key"));
        refusedWithoutTheKey(src, "E0113");
    }

    /** The lock is not .vpn text: its diagnostics give the line and the label, never the line's text. */
    @Test
    void lockLinesAreLocatedNotQuoted() throws IOException {
        Path src = write("net.vpn", NETWORK + SITES);
        write(Lock.FILE_NAME, "version 1\nNOT-SHOWN-lock-line\n");
        Project.Run human = Project.cli("check", src.toString());
        assertEquals(1, human.exit());
        assertTrue(human.err().contains("E0312") && human.err().contains("vpnc.lock:2:1"), human.err());
        assertTrue(human.err().contains("expected an `asn`, `host`, `tunnel`, `end`, `key` or `psk` entry"), human.err());
        assertFalse(human.err().contains("NOT-SHOWN"), human.err());
        Project.Run json = Project.cli("check", src.toString(), "--diagnostics", "json");
        assertTrue(json.out().contains("E0312"), json.out());
        assertFalse(json.out().contains("NOT-SHOWN") || json.err().contains("NOT-SHOWN"), json.out());
    }

    @Test
    void importsStayInTheSourceTreeUnlessAllowed() throws IOException {
        write("shared/sites.vpn", SITES);
        Path src = write("net/net.vpn", "import \"../shared/sites.vpn\"\n" + NETWORK);
        Project.Run r = Project.cli("check", src.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("E0110"), r.err());
        assertEquals(0, Project.cli("check", src.toString(), "--allow-imports", tmp.resolve("shared").toString()).exit());

        // A link inside the tree does not lead out of it.
        Files.createSymbolicLink(tmp.resolve("net/sites.vpn"), tmp.resolve("shared/sites.vpn"));
        Path linked = write("net/linked.vpn", "import \"sites.vpn\"\n" + NETWORK);
        Project.Run l = Project.cli("check", linked.toString());
        assertEquals(1, l.exit());
        assertTrue(l.err().contains("E0110"), l.err());
    }

    // ------------------------------------------------------------------ item 2: real paths, bounds

    /** `a -> .` and `b -> .`: each import names the importing file again, at any depth. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void importsThroughLinkLoopsEndAtOnce() throws IOException {
        Files.createSymbolicLink(tmp.resolve("a"), Path.of("."));
        Files.createSymbolicLink(tmp.resolve("b"), Path.of("."));
        String text = "import \"a/y.vpn\"\nimport \"b/y.vpn\"\n" + NETWORK + SITES;
        Path y = write("y.vpn", text);
        Project.Run r = Project.cli("check", y.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("E0102"), r.err());
        // The language server's way in: a buffer and the folder its imports resolve against.
        Pipeline.Result lsp = Pipeline.check(new SourceFile(y.toString(), text), tmp,
                tmp.resolve(KeyStore.DIR_NAME), tmp.resolve(Lock.FILE_NAME));
        assertTrue(lsp.diagnostics().hasErrors());
    }

    /** One file reached by two paths is one file: its names are not declared twice. */
    @Test
    void aFileReachedByTwoPathsIsLoadedOnce() throws IOException {
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("."));
        write("sites.vpn", SITES);
        Path src = write("net.vpn", "import \"sites.vpn\"\nimport \"link/sites.vpn\"\n" + NETWORK);
        Project.Run r = Project.cli("check", src.toString());
        assertEquals(0, r.exit(), r.err());
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = tmp.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        return p;
    }

    /** Nothing is opened that could block or never end: FIFOs and devices are refused by their type. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void specialFilesAreRefusedAtOnce() throws Exception {
        Path src = write("net.vpn", "import \"pipe.vpn\"\n" + NETWORK + SITES);
        fifo("pipe.vpn");
        assertRefused(Project.cli("check", src.toString()), "E0113", "named pipe");
        assertRefused(Project.cli("check", tmp.resolve("pipe.vpn").toString()), "E0113", "named pipe");
        // A device is not .vpn source, by its name or by the name a link leads to.
        assertRefused(Project.cli("check", "/dev/zero"), "E0111", "not a `.vpn` file");
        Files.createSymbolicLink(tmp.resolve("zero.vpn"), Path.of("/dev/zero"));
        assertRefused(Project.cli("check", tmp.resolve("zero.vpn").toString()), "E0111", "not a `.vpn` file");

        Path good = write("good/net.vpn", NETWORK + SITES);
        fifo("good/vpnc.lock");
        assertRefused(Project.cli("check", good.toString()), "E0113", "named pipe");
        Files.delete(tmp.resolve("good/vpnc.lock"));
        Files.createSymbolicLink(tmp.resolve("good/vpnc.lock"), Path.of("/dev/zero"));
        assertRefused(Project.cli("check", good.toString()), "E0113", "symbolic link");
    }

    /** A file over the limit is refused from its size, before it is read. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sourceSizeIsBounded() throws IOException {
        Path big = tmp.resolve("big.vpn");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(17L << 20); // sparse: no disk space used
        }
        Path src = write("net.vpn", "import \"big.vpn\"\n" + NETWORK + SITES);
        assertRefused(Project.cli("check", src.toString()), "E0108", "larger than 16 MiB");
        assertRefused(Project.cli("check", big.toString()), "E0108", "larger than 16 MiB");
    }

    private static void assertRefused(Project.Run r, String code, String words) {
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error[" + code + "]") && r.err().contains(words), code + " / " + words + " in:\n" + r.err());
    }

    // ------------------------------------------------------------------ item 3: control characters

    @Test
    void controlCharactersAreEscapedAndCaretsStayInPlace() throws IOException {
        // U+202E (right-to-left override) and ESC are unexpected characters: two E0003 on one line.
        Path src = write("net.vpn", NETWORK + "site\u202e p\u001b[2J {\n}\n");
        Project.Run r = Project.cli("check", src.toString());
        assertEquals(1, r.exit());
        String err = r.err();
        for (char c : new char[] {'\u001b', '\u202e'}) {
            assertFalse(err.indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + " in:\n" + err);
        }
        String line = "9 | site\\u{202e} p\\u{1b}[2J {";
        assertTrue(err.contains(line + "\n  |     ^^^^^^^^ not part of the language"), err);
        assertTrue(err.contains(line + "\n  |               ^^^^^^^ not part of the language"), err);

        // A file name with control characters, in the message and the label.
        Path named = write("named.vpn", "import \"x\u001b]0;owned\u0007.vpn\"\n" + NETWORK + SITES);
        Project.Run n = Project.cli("check", named.toString());
        assertTrue(n.err().contains("x\\u{1b}]0;owned\\u{7}.vpn"), n.err());
        assertFalse(n.err().contains("\u001b") || n.err().contains("\u0007"), n.err());
        // JSON keeps its own escapes.
        Project.Run json = Project.cli("check", named.toString(), "--diagnostics", "json");
        assertTrue(json.out().contains("x\\u001b]0;owned\\u0007.vpn"), json.out());
    }

    // ------------------------------------------------------------------ item 4: a root file without a folder

    @Test
    void aRootFileGivenWithoutAFolderImportsItsNeighbours() throws Exception {
        write("sites.vpn", SITES);
        write("net.vpn", "import \"sites.vpn\"\n" + NETWORK);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vpnc.cli.Main", "compile", "net.vpn", "-o", "out")
                .directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.isDirectory(tmp.resolve("out/paris-1")), output);
    }
}
