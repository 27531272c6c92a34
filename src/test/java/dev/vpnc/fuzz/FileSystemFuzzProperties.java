package dev.vpnc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The compiler's trust boundary under an attacker who controls the files around the source, not
 * only its text: each case lays out a small network with its lock, key store and compiled output,
 * applies one to three changes to the file system (symlinks to keys, to the output, to folders,
 * to devices; FIFOs; loose modes; planted temporaries; a lock or source that is a key; imports that
 * reach the key store or loop through symlinks; outputs that overlap the inputs; a second run at
 * the same time) and runs a vpnc command in-process. The property: the command ends in time with
 * exit 0, 1 or 10 (never an internal error); no byte of a key, or of a file outside the project,
 * appears in what it prints or writes; no key that existed is lost or changed; a file outside the
 * project is never written; and a run that reports errors leaves the output, the lock and the key
 * store exactly as they were.
 *
 * <p>Reproducible: the seed is fixed; {@code -Dvpnc.fsfuzz.tries=N} caps the number of random cases.
 */
@AddLifecycleHook(value = FileSystemFuzzProperties.FailAtEnd.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class FileSystemFuzzProperties {
    static final String SEED = "20261205";
    static final long BOUND_SECONDS = 30;

    private static final Path BASE = tempBase();
    private static final Path TEMPLATE = BASE.resolve("template");
    /** Outside every case folder: what a symlink may point to, that must be neither shown nor written. */
    private static final Path VICTIM = BASE.resolve("victim.txt");
    private static final FifoPool FIFOS = new FifoPool(BASE.resolve("fifos"));
    private static final String VICTIM_TEXT = "victim-2f1c9e-not-for-vpnc\n";
    private static final AtomicLong CASES = new AtomicLong();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicLong RANDOM_CASES = new AtomicLong();
    /** Violations, reported together when the property ends (the first of each would hide the rest). */
    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, AtomicLong> EXITS = Collections.synchronizedMap(new TreeMap<>());
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fs-fuzz");
        t.setDaemon(true);
        return t;
    });
    private static final ExecutorService PAIRS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fs-fuzz-pair");
        t.setDaemon(true);
        return t;
    });
    private static List<String> secrets;
    private static List<TemplateEntry> templateEntries;
    private static Map<String, TemplateFile> templateOut;
    private static long startNanos;

    static final String NET = """
            import "common.vpn"

            network n {
              tunnels ipv6 2001:db8:ff::/64
              wireguard { psk on }
            }

            site a {
              asn 65001
              prefixes 2001:db8:a1::/64
              subnet 2001:db8:f1::/64
              gateway a1 uses edge { endpoint 2001:db8:1::1 }
              gateway a2 uses edge { endpoint 2001:db8:1::2 }
            }

            site b {
              asn 65002
              prefixes 2001:db8:a2::/64
              subnet 2001:db8:f2::/64
              gateway b1 uses edge { endpoint 2001:db8:2::1 }
              gateway b2 uses edge { endpoint 2001:db8:2::2 }
            }
            """;
    static final String COMMON = "profile edge {\n  uplink eth0\n  lan eth1\n}\n";

    /**
     * In memory (/dev/shm) where the machine has it: the cases are mostly file creations and
     * deletions, 27% faster there than on this VM's disk (1,350 cases: 22 s against 30 s). Links,
     * FIFOs and modes behave the same on tmpfs.
     */
    private static Path tempBase() {
        try {
            Path shm = Path.of("/dev/shm");
            if (Files.isDirectory(shm) && Files.isWritable(shm)) {
                return Files.createTempDirectory(shm, "vpnc-fsfuzz");
            }
            return Files.createTempDirectory("vpnc-fsfuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeContainer
    static void template() throws IOException {
        startNanos = System.nanoTime();
        Files.createDirectories(TEMPLATE);
        Files.writeString(TEMPLATE.resolve("net.vpn"), NET);
        Files.writeString(TEMPLATE.resolve("common.vpn"), COMMON);
        Files.writeString(VICTIM, VICTIM_TEXT);
        int exit = Main.execute(new String[] {"compile", TEMPLATE.resolve("net.vpn").toString(), "-o",
                TEMPLATE.resolve("out").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, exit, "the template network compiles");
        secrets = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : tree(TEMPLATE.resolve("secrets")).entrySet()) {
            if (!e.getKey().endsWith(".gitignore")) {
                // Prefixes: a key printed whole, or its first 20 characters, holds them (one
                // search each instead of three).
                String b64 = new String(e.getValue(), StandardCharsets.US_ASCII).trim();
                secrets.add(b64.substring(0, 20));
                secrets.add(HexFormat.of().formatHex(Base64.getDecoder().decode(b64)).substring(0, 24));
            }
        }
        secrets.add(VICTIM_TEXT.trim());
        templateEntries = TemplateEntry.list(TEMPLATE);
        templateOut = TemplateFile.of(TEMPLATE.resolve("out"));
        for (var f : templateOut.entrySet()) {
            assertNoSecret("the template's output file " + f.getKey(), f.getValue().bytes());
        }
    }

    @AfterContainer
    static void report() throws IOException {
        RUNNER.shutdownNow();
        PAIRS.shutdownNow();
        try {
            // The cases share the template's output files (hard links) and trust their bytes without
            // reading them: a run that wrote one in place would show here.
            Map<String, TemplateFile> now = TemplateFile.of(TEMPLATE.resolve("out"));
            assertEquals(templateOut.keySet(), now.keySet(), "the template's output changed");
            for (var f : now.entrySet()) {
                assertTrue(java.util.Arrays.equals(templateOut.get(f.getKey()).bytes(), f.getValue().bytes()),
                        "a case wrote the template's output file " + f.getKey() + " in place");
            }
        } finally {
            System.out.println("file-system fuzz: " + CASES.get() + " cases in "
                    + Math.round((System.nanoTime() - startNanos) / 1e9) + " s, exits " + EXITS);
            deleteTree(BASE);
        }
    }

    /** Fails a property with every violation its cases recorded. */
    public static final class FailAtEnd implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            int before = FAILURES.size();
            PropertyExecutionResult result = property.execute();
            List<String> mine = new ArrayList<>(FAILURES.subList(before, FAILURES.size()));
            if (mine.isEmpty() || result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
                return result;
            }
            return result.mapToFailed(new AssertionError(mine.size() + " case(s) violate the property:\n"
                    + String.join("\n", mine)));
        }
    }

    // ---------------------------------------------------------------------------------------

    /** One change to the file system of a case; {@code dir} is the case folder. */
    enum Change {
        IMPORT_IS_A_KEY_SYMLINK(d -> relink(d.resolve("common.vpn"), d.resolve("secrets/a1/private.key"))),
        IMPORT_NAMES_A_KEY(d -> append(d.resolve("net.vpn"), "import \"secrets/a1/private.key\"\n")),
        IMPORT_NAMES_A_PSK(d -> append(d.resolve("net.vpn"), "import \"secrets/a1/psk/b1.psk\"\n")),
        IMPORT_OUTSIDE_THE_TREE(d -> relink(d.resolve("common.vpn"), VICTIM)),
        IMPORT_VPN_NAMED_LINK_TO_VICTIM(d -> {
            Files.createSymbolicLink(d.resolve("v.vpn"), VICTIM);
            append(d.resolve("net.vpn"), "import \"v.vpn\"\n");
        }),
        IMPORT_LOOPS_THROUGH_SYMLINKS(d -> {
            Files.createSymbolicLink(d.resolve("x"), Path.of("."));
            Files.createSymbolicLink(d.resolve("y"), Path.of("."));
            Files.writeString(d.resolve("loop.vpn"), "import \"x/loop.vpn\"\nimport \"y/loop.vpn\"\n");
            append(d.resolve("net.vpn"), "import \"loop.vpn\"\n");
        }),
        IMPORT_IS_DEV_ZERO(d -> relink(d.resolve("common.vpn"), Path.of("/dev/zero"))),
        IMPORT_IS_A_FIFO(d -> {
            Files.delete(d.resolve("common.vpn"));
            mkfifo(d.resolve("common.vpn"));
        }),
        IMPORT_IS_A_FOLDER(d -> {
            Files.delete(d.resolve("common.vpn"));
            Files.createDirectory(d.resolve("common.vpn"));
        }),
        SOURCE_IS_A_KEY_SYMLINK(d -> relink(d.resolve("net.vpn"), d.resolve("secrets/b1/private.key"))),
        LOCK_IS_A_KEY_SYMLINK(d -> relink(d.resolve("vpnc.lock"), d.resolve("secrets/a2/private.key"))),
        LOCK_HOLDS_A_KEY(d -> Files.writeString(d.resolve("vpnc.lock"),
                regularText(d.resolve("vpnc.lock")) + regularText(d.resolve("secrets/a2/private.key")))),
        LOCK_IS_A_FIFO(d -> {
            Files.delete(d.resolve("vpnc.lock"));
            mkfifo(d.resolve("vpnc.lock"));
        }),
        LOCK_IS_DEV_ZERO(d -> relink(d.resolve("vpnc.lock"), Path.of("/dev/zero"))),
        LOCK_MISSING(d -> Files.delete(d.resolve("vpnc.lock"))),
        KEY_MISSING(d -> Files.delete(d.resolve("secrets/b2/private.key"))),
        PSK_MISSING(d -> Files.delete(d.resolve("secrets/b1/psk/a1.psk"))),
        KEY_HOST_FOLDER_MISSING(d -> deleteTree(d.resolve("secrets/a1"))),
        KEY_READABLE_BY_ALL(d -> Files.setPosixFilePermissions(d.resolve("secrets/a1/private.key"),
                PosixFilePermissions.fromString("rw-r--r--"))),
        KEY_FOLDER_OPEN(d -> Files.setPosixFilePermissions(d.resolve("secrets/a1"), PosixFilePermissions.fromString("rwxrwxrwx"))),
        KEY_SHARED_BY_SYMLINK(d -> relink(d.resolve("secrets/a2/private.key"), d.resolve("secrets/a1/private.key"))),
        KEY_IS_A_FIFO(d -> {
            Files.delete(d.resolve("secrets/b2/private.key"));
            mkfifo(d.resolve("secrets/b2/private.key"));
        }),
        KEY_IS_DEV_ZERO(d -> relink(d.resolve("secrets/b2/private.key"), Path.of("/dev/zero"))),
        KEY_IS_GARBAGE(d -> {
            regularText(d.resolve("secrets/b2/private.key"));
            Files.writeString(d.resolve("secrets/b2/private.key"), "not a key\n");
        }),
        KEY_FOLDER_IS_A_SYMLINK_TO_VICTIM_DIR(d -> {
            deleteTree(d.resolve("secrets/b2"));
            Files.createDirectories(d.resolve("elsewhere"));
            Files.createSymbolicLink(d.resolve("secrets/b2"), d.resolve("elsewhere"));
        }),
        KEY_STORE_IS_THE_OUTPUT(d -> {
            deleteTree(d.resolve("secrets"));
            Files.createSymbolicLink(d.resolve("secrets"), d.resolve("out"));
        }),
        OUTPUT_IS_A_SYMLINK_TO_KEYS(d -> {
            deleteTree(d.resolve("out"));
            Files.createSymbolicLink(d.resolve("out"), d.resolve("secrets"));
        }),
        OUTPUT_IS_A_FILE(d -> {
            deleteTree(d.resolve("out"));
            Files.writeString(d.resolve("out"), "a file\n");
        }),
        OUTPUT_HOLDS_A_SOURCE(d -> Files.writeString(d.resolve("out/net.vpn"), regularText(d.resolve("net.vpn")))),
        OUTPUT_FILE_IS_A_SYMLINK_TO_KEY(d -> relink(d.resolve("out/a1/README.md"), d.resolve("secrets/a1/private.key"))),
        PLANTED_LOCK_TEMPORARY(d -> Files.createSymbolicLink(d.resolve(".vpnc.lock.vpnc-tmp"), VICTIM)),
        PLANTED_STAGING(d -> Files.createSymbolicLink(d.resolve(".out.vpnc-new"), d.resolve("secrets"))),
        PLANTED_BACKUP(d -> Files.createSymbolicLink(d.resolve(".out.vpnc-old"), d.resolve("secrets"))),
        PLANTED_KEY_TEMPORARY(d -> Files.createSymbolicLink(d.resolve("secrets/a1/.private.key.tmp"), VICTIM)),
        SOURCE_CHANGED(d -> Files.writeString(d.resolve("net.vpn"), regularText(d.resolve("net.vpn"))
                .replace("gateway b2 uses edge { endpoint 2001:db8:2::2 }\n",
                        "gateway b2 uses edge { endpoint 2001:db8:2::2 }\n  gateway b3 uses edge { endpoint 2001:db8:2::3 }\n")));

        final Mutation apply;

        Change(Mutation apply) {
            this.apply = apply;
        }
    }

    @FunctionalInterface
    interface Mutation {
        void to(Path dir) throws IOException;
    }

    /** A vpnc command of the case: arguments relative to the case folder. */
    enum Command {
        COMPILE("compile", "net.vpn", "-o", "out"),
        COMPILE_CHECK("compile", "--check", "net.vpn", "-o", "out"),
        PLAN("plan", "net.vpn", "-o", "out"),
        CHECK("check", "net.vpn"),
        CHECK_JSON("check", "--diagnostics", "json", "net.vpn"),
        FMT("fmt", "net.vpn"),
        COMPILE_INTO_KEYS("compile", "net.vpn", "-o", "secrets/out"),
        COMPILE_INTO_SOURCE_FOLDER("compile", "net.vpn", "-o", "."),
        COMPILE_KEYS_IN_OUTPUT("compile", "net.vpn", "-o", "out", "--secrets", "out/secrets"),
        TWO_COMPILES_AT_ONCE("compile", "net.vpn", "-o", "out");

        final String[] args;

        Command(String... args) {
            this.args = args;
        }
    }

    record Case(List<Change> changes, Command command) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(Change.class).list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(Command.class))
                .as(Case::new);
    }

    /** Every change with every command, once. */
    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void eachChangeWithEachCommand(@ForAll Change change, @ForAll Command command) throws Exception {
        runCase(new Case(List.of(change), command));
    }

    /**
     * Random combinations of up to three changes: two cases per try, run at once in folders of
     * their own (one per core; cases are mostly file-system time), so 5,000 tries are 10,000 cases.
     */
    @Property(tries = 5_000, seed = SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void fileSystemAroundTheSource(@ForAll("cases") Case first, @ForAll("cases") Case second) throws Exception {
        if (tries() != null && RANDOM_CASES.getAndAdd(2) >= tries()) {
            return;
        }
        Future<?> beside = PAIRS.submit(() -> {
            runCase(second);
            return null;
        });
        runCase(first);
        beside.get();
    }

    private void runCase(Case c) throws Exception {
        CASES.incrementAndGet();
        Path dir = BASE.resolve("case-" + SEQUENCE.incrementAndGet());
        try {
            copyTemplate(dir);
            for (Change change : c.changes()) {
                try {
                    change.apply.to(dir);
                } catch (IOException inapplicable) {
                    // An earlier change removed what this one changes: the case goes on without it.
                }
            }
            check(c, dir);
        } catch (AssertionError e) {
            if (FAILURES.size() < 100) {
                FAILURES.add(e.getMessage());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static Integer tries() {
        String t = System.getProperty("vpnc.fsfuzz.tries", "").trim();
        return t.isEmpty() ? null : Integer.valueOf(t);
    }

    private void check(Case c, Path dir) throws Exception {
        SortedMap<String, byte[]> keysBefore = keys(dir);
        SortedMap<String, byte[]> outBefore = outTree(dir);
        byte[] lockBefore = readIfRegular(dir.resolve("vpnc.lock"));
        List<Future<String[]>> runs = new ArrayList<>();
        int copies = c.command() == Command.TWO_COMPILES_AT_ONCE ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            runs.add(RUNNER.submit(() -> run(dir, c.command().args)));
        }
        String where = c + " in " + dir;
        for (Future<String[]> f : runs) {
            String[] r;
            try {
                r = f.get(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new AssertionError("ran over " + BOUND_SECONDS + " s: " + where);
            }
            int exit = Integer.parseInt(r[0]);
            EXITS.computeIfAbsent(String.valueOf(exit), k -> new AtomicLong()).incrementAndGet();
            String printed = r[1] + r[2];
            if (exit != 0 && exit != 1 && exit != 10) {
                throw new AssertionError("exit " + exit + ": " + where + "\n" + printed);
            }
            for (String s : secrets) {
                if (printed.contains(s)) {
                    throw new AssertionError("a secret or an outside file's content was printed: " + where + "\n" + printed);
                }
            }
            if (exit == 1 && c.command() != Command.FMT) {
                assertUnchanged("the output", outBefore, outTree(dir), where, printed);
                assertEquals(lockBefore == null ? null : new String(lockBefore, StandardCharsets.UTF_8),
                        readIfRegular(dir.resolve("vpnc.lock")) == null ? null
                                : new String(readIfRegular(dir.resolve("vpnc.lock")), StandardCharsets.UTF_8),
                        "a failed run changed the lock: " + where);
                assertUnchanged("the key store", keysBefore, keys(dir), where, printed);
            }
        }
        // Whatever happened: every key that was there is there with the same bytes...
        SortedMap<String, byte[]> keysAfter = keys(dir);
        for (var k : keysBefore.entrySet()) {
            if (!keysAfter.containsKey(k.getKey()) || !java.util.Arrays.equals(k.getValue(), keysAfter.get(k.getKey()))) {
                throw new AssertionError("key " + k.getKey() + " was lost or changed: " + where);
            }
        }
        // ...no file outside the project was written, and no output file holds a secret.
        if (!VICTIM_TEXT.equals(Files.readString(VICTIM))) {
            Files.writeString(VICTIM, VICTIM_TEXT);
            throw new AssertionError("a file outside the project was written: " + where);
        }
        for (var f : outTree(dir).entrySet()) {
            TemplateFile shared = templateOut.get(f.getKey());
            if (shared == null || shared.bytes() != f.getValue()) {
                assertNoSecret("output file " + f.getKey() + " (" + where + ")", f.getValue());
            }
        }
    }

    private static void assertNoSecret(String what, byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        for (String s : secrets) {
            if (text.contains(s)) {
                throw new AssertionError(what + " holds a secret");
            }
        }
    }

    private static void assertUnchanged(String what, SortedMap<String, byte[]> before, SortedMap<String, byte[]> after,
                                        String where, String printed) {
        boolean same = before.keySet().equals(after.keySet())
                && before.keySet().stream().allMatch(k -> java.util.Arrays.equals(before.get(k), after.get(k)));
        if (!same) {
            throw new AssertionError("a run that failed changed " + what + ": " + where + "\n" + printed);
        }
    }

    /** Runs vpnc in this JVM from the case folder's point of view (paths given relative to it). */
    private static String[] run(Path dir, String[] args) {
        String[] abs = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            boolean option = args[i].startsWith("-") || List.of("compile", "plan", "check", "fmt", "json").contains(args[i]);
            abs[i] = option ? args[i] : dir.resolve(args[i]).normalize().toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(abs, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    /** Key files that are regular files with a key's shape, by path: what must never be lost. */
    private static SortedMap<String, byte[]> keys(Path dir) throws IOException {
        SortedMap<String, byte[]> keys = new TreeMap<>();
        Path store = dir.resolve("secrets");
        if (!Files.isDirectory(store, LinkOption.NOFOLLOW_LINKS)) {
            return keys;
        }
        for (var e : tree(store).entrySet()) {
            if (e.getKey().endsWith(".key") || e.getKey().endsWith(".psk")) {
                keys.put(e.getKey(), e.getValue());
            }
        }
        return keys;
    }

    /** Regular files under {@code dir} (not following symlinks), by relative path. */
    private static SortedMap<String, byte[]> tree(Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /**
     * The case's output like {@link #tree}, except that a file still hard-linked to the template's
     * (same inode) is not read: its bytes are the template's, the same array, which the caller
     * may take as already checked. Most cases leave most of the output so.
     */
    private static SortedMap<String, byte[]> outTree(Path dir) throws IOException {
        Path out = dir.resolve("out");
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    continue;
                }
                String name = out.relativize(p).toString();
                TemplateFile t = templateOut.get(name);
                files.put(name, t != null && t.key().equals(a.fileKey()) ? t.bytes() : Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** A file of the template's output: its inode (file key) and its bytes. */
    record TemplateFile(Object key, byte[] bytes) {
        static Map<String, TemplateFile> of(Path out) throws IOException {
            Map<String, TemplateFile> files = new TreeMap<>();
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.toList()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        files.put(out.relativize(p).toString(), new TemplateFile(a.fileKey(), Files.readAllBytes(p)));
                    }
                }
            }
            return files;
        }
    }

    /** An entry of the template, listed once: what copying it into a case folder takes. */
    record TemplateEntry(String name, boolean folder, boolean output, Set<PosixFilePermission> modes) {
        static List<TemplateEntry> list(Path template) throws IOException {
            Path out = template.resolve("out");
            List<TemplateEntry> entries = new ArrayList<>();
            try (Stream<Path> s = Files.walk(template)) {
                for (Path p : s.sorted().toList()) {
                    boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                    entries.add(new TemplateEntry(template.relativize(p).toString(), folder, p.startsWith(out),
                            folder ? Files.getPosixFilePermissions(p) : Set.of()));
                }
            }
            return entries;
        }
    }

    private static byte[] readIfRegular(Path p) throws IOException {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p) : null;
    }

    private static void relink(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text + regularText(file));
    }

    /**
     * The text of a file that an earlier change left a plain file; an IOException (the change is
     * skipped) when it made it a FIFO, a device or a link, which the fuzzer itself must not open.
     */
    private static String regularText(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is no longer a plain file");
        }
        return Files.readString(file);
    }

    /**
     * Puts a FIFO at {@code p}: one made ahead by a single mkfifo process for a batch, moved into
     * place (a rename, on the same file system). A process per FIFO cost about 2 ms a case.
     */
    private static void mkfifo(Path p) throws IOException {
        Files.move(FIFOS.take(), p, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** FIFOs made in batches, handed out one by one. */
    private static final class FifoPool {
        private static final int BATCH = 200;
        private final Path dir;
        private final java.util.ArrayDeque<Path> ready = new java.util.ArrayDeque<>();
        private long made;

        FifoPool(Path dir) {
            this.dir = dir;
        }

        synchronized Path take() throws IOException {
            if (ready.isEmpty()) {
                Files.createDirectories(dir);
                List<String> command = new ArrayList<>(List.of("mkfifo"));
                for (int i = 0; i < BATCH; i++) {
                    Path f = dir.resolve("fifo-" + made++);
                    command.add(f.toString());
                    ready.add(f);
                }
                try {
                    if (new ProcessBuilder(command).start().waitFor() != 0) {
                        ready.clear();
                        throw new IOException("mkfifo failed in " + dir);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ready.clear();
                    throw new IOException(e);
                }
            }
            return ready.remove();
        }
    }

    /**
     * Copies the template into a case folder. The output's files are hard links to the template's:
     * vpnc never writes a file of its output in place (it builds a new tree and renames it), and no
     * change alters one in place, so sharing them is safe and saves most of a case's copying.
     */
    private static void copyTemplate(Path to) throws IOException {
        for (TemplateEntry e : templateEntries) {
            Path target = to.resolve(e.name());
            Path source = TEMPLATE.resolve(e.name());
            if (e.folder()) {
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, e.modes());
            } else if (e.output()) {
                Files.createLink(target, source);
            } else {
                Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
