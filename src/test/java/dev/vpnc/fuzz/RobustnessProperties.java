package dev.vpnc.fuzz;

import dev.vpnc.compiler.Pipeline;
import dev.vpnc.diag.Code;
import dev.vpnc.diag.Diagnostic;
import dev.vpnc.diag.JsonRenderer;
import dev.vpnc.diag.Label;
import dev.vpnc.diag.Renderer;
import dev.vpnc.diag.Severity;
import dev.vpnc.source.Span;
import dev.vpnc.testing.FormatRoundTrip;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Bad input never crashes or hangs vpnc (issue 4, "Bad input"). Every input is written to a
 * scratch folder and compiled in check mode ({@code Pipeline.run(file, dir/secrets, dir/vpnc.lock,
 * false)}) on a thread of its own with a time bound; the property is that the run
 * <ul>
 * <li>throws nothing (no exception, no error such as {@link StackOverflowError}) and ends in time,</li>
 * <li>either succeeds (files, and no error diagnostic) or reports at least one error diagnostic,</li>
 * <li>gives every diagnostic (and every secondary label) a valid span: {@code 0 <= start <= end <=}
 *     the length of its file's text, line and column from 1, the file's text being the file's
 *     content on disk; and renders it ({@link Renderer}, {@link JsonRenderer}) without throwing,</li>
 * <li>reports E0108 when the source file is not UTF-8, and writes nothing (check mode);</li>
 * <li>and, when the source parses, {@code vpnc fmt} round-trips it (issue 5): the formatted text
 *     parses to the same tree, spans aside, and formatting it again changes nothing; a source with
 *     syntax errors is left alone.</li>
 * </ul>
 * Inputs: mutations of every example (its net.vpn, the files it imports and its vpnc.lock) and of
 * every stdlib module (alone, and imported by an example): tokens deleted, duplicated, swapped,
 * replaced; lines deleted, duplicated, swapped; random bytes, invalid UTF-8, other Unicode,
 * CR line ends, truncation, huge numbers; splices of two files; token soup, random strings and
 * random bytes. Then fixed cases: invalid UTF-8 in each kind of file, huge numbers in each
 * numeric setting, 1 MB lines, nesting 10,000 deep and 10,000 sites.
 *
 * <p>The run is reproducible: the seed is fixed ({@value #DEFAULT_SEED}); {@code
 * -Dvpnc.fuzz.seed=N} (or {@code random}) and {@code -Dvpnc.fuzz.tries=N} change it. A failure is
 * minimised (delta debugging on lines, then characters) and both inputs are written to
 * {@code target/fuzz-failures/}; the message holds the minimal input and the stack trace.
 */
@AddLifecycleHook(value = RobustnessProperties.RunSettings.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class RobustnessProperties {
    static final String DEFAULT_SEED = "20260104";
    // Bounds per input, in CPU time of the thread that compiles and round-trips it (wall time is
    // allowed ten times more: see Harness.awaitWithinCpu). Measured here: mutants take
    // milliseconds; the slowest 1 MB input (1 MB of keywords: ANTLR's error recovery) 10.5 s and
    // 10,000 sites 6.6 s of wall time with the test's own load; the margin is for a different
    // CPU, not for slowness we accept.
    static final long BOUND_MS = 10_000;
    static final long MB_BOUND_MS = 30_000;
    static final long BIG_BOUND_MS = 60_000;
    static final int MB = 1 << 20;

    // ---------------------------------------------------------------------------------------
    // Properties
    // ---------------------------------------------------------------------------------------

    @Property(tries = 10_000, seed = DEFAULT_SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void mutatedExamplesAndStdlib(@ForAll("inputs") Input input) {
        Harness.check("mutants", input, BOUND_MS);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void invalidUtf8IsReportedAsE0108(@ForAll("invalidUtf8") Input input) {
        // A .vpn file that is not UTF-8 is E0108 (the loader reads it); a lock file only must not crash.
        Harness.check("invalid UTF-8", input, BOUND_MS, input.target().endsWith(".vpn") ? "E0108" : null);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void hugeNumbers(@ForAll("hugeNumbers") Input input) {
        Harness.check("huge numbers", input, BOUND_MS);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void megabyteLines(@ForAll("megabyteLines") Input input) {
        Harness.check("1 MB lines", input, MB_BOUND_MS);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void deepNesting(@ForAll("deepNesting") Input input) {
        Harness.check("deep nesting", input, BOUND_MS);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, shrinking = ShrinkingMode.OFF)
    void tenThousandSites(@ForAll("tenThousandSites") Input input) {
        Harness.check("10,000 sites", input, BIG_BOUND_MS);
    }

    @BeforeContainer
    static void start() {
        Harness.startNanos = System.nanoTime();
        // The counter is shared with FormatterTest when both run in one JVM: count from here.
        Harness.roundTripsBefore = FormatRoundTrip.ROUND_TRIPS.get();
    }

    @AfterContainer
    static void report() {
        long seconds = Math.round((System.nanoTime() - Harness.startNanos) / 1e9);
        String seed = System.getProperty("vpnc.fuzz.seed", "").isBlank() ? DEFAULT_SEED : System.getProperty("vpnc.fuzz.seed");
        System.out.println("robustness: " + Harness.inputs.get() + " inputs, " + Harness.failures.get() + " failures, "
                + (FormatRoundTrip.ROUND_TRIPS.get() - Harness.roundTripsBefore) + " formatted and round-tripped, "
                + seconds + " s (seed " + seed + "; " + Harness.byKind.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")");
        for (String s : Harness.slow) {
            System.out.println("robustness: slow input, " + s);
        }
        for (String f : Harness.found) {
            System.out.println("robustness failure: " + f);
        }
        Harness.deleteTree(Harness.BASE);
    }

    /** {@code -Dvpnc.fuzz.seed=N|random} and {@code -Dvpnc.fuzz.tries=N} (the mutation property). */
    public static final class RunSettings implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String seed = System.getProperty("vpnc.fuzz.seed", "").trim();
            if (!seed.isEmpty()) {
                context.attributes().setSeed(seed.equals("random") ? Property.SEED_NOT_SET : seed);
            }
            String tries = System.getProperty("vpnc.fuzz.tries", "").trim();
            if (!tries.isEmpty() && context.targetMethod().getName().equals("mutatedExamplesAndStdlib")) {
                context.attributes().setTries(Integer.parseInt(tries));
            }
            int before = Harness.reports.size();
            PropertyExecutionResult result = property.execute();
            List<String> mine = new ArrayList<>(Harness.reports.subList(before, Harness.reports.size()));
            if (mine.isEmpty() || result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
                return result;
            }
            return result.mapToFailed(new AssertionError(mine.size() + " input(s) violate the robustness property:\n"
                    + String.join("\n", mine)));
        }

        @Override
        public int aroundPropertyProximity() {
            return -20;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Inputs
    // ---------------------------------------------------------------------------------------

    /**
     * Files of one input (relative name → bytes), the one compiled, and the one that was mutated
     * (minimisation shrinks that one). {@code secrets} names an example whose key store is used.
     */
    record Input(String label, SortedMap<String, byte[]> files, String root, String target, String secrets) {
        Input with(String file, byte[] bytes, String newLabel) {
            SortedMap<String, byte[]> copy = new TreeMap<>(files);
            copy.put(file, bytes);
            return new Input(newLabel, copy, root, file, secrets);
        }

        long size() {
            return files.values().stream().mapToLong(b -> b.length).sum();
        }

        @Override
        public String toString() {
            return label.length() > 300 ? label.substring(0, 300) + "…" : label;
        }
    }

    @Provide
    Arbitrary<Input> inputs() {
        List<Corpus.Seed> seeds = Corpus.seeds();
        Arbitrary<Integer> n = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class), n, n, n).as(Mutation::new);
        // Mostly one or two edits, so that many mutants get past the parser into the later phases.
        Arbitrary<List<Mutation>> edits = Arbitraries.frequencyOf(
                Tuple.of(45, mutation.list().ofSize(1)),
                Tuple.of(30, mutation.list().ofMinSize(2).ofMaxSize(3)),
                Tuple.of(25, mutation.list().ofMinSize(4).ofMaxSize(8)));
        Arbitrary<Input> mutants = Combinators.combine(Arbitraries.of(seeds), edits).as(Mutations::apply);
        Arbitrary<Input> soup = Combinators.combine(Arbitraries.of(Corpus.vocabulary()),
                        Arbitraries.of(" ", " ", " ", "\n", "\n", "", "\t", "\r\n", "  "))
                .as((t, sep) -> t + sep).list().ofMaxSize(120)
                .map(l -> Mutations.single("token soup", String.join("", l).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Input> strings = Arbitraries.strings().all().ofMaxLength(300)
                .map(s -> Mutations.single("random string", s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Input> printable = Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t', '\r')
                .ofMaxLength(300).map(s -> Mutations.single("random ASCII", s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Input> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> Mutations.single("random bytes", b));
        Arbitrary<Input> splices = Combinators.combine(Arbitraries.of(seeds), Arbitraries.of(seeds), n, n)
                .as(Mutations::splice);
        return Arbitraries.frequencyOf(
                Tuple.of(80, mutants),
                Tuple.of(6, soup),
                Tuple.of(3, strings),
                Tuple.of(3, printable),
                Tuple.of(3, bytes),
                Tuple.of(5, splices));
    }

    @Provide
    Arbitrary<Input> invalidUtf8() {
        return Arbitraries.of(Special.invalidUtf8());
    }

    @Provide
    Arbitrary<Input> hugeNumbers() {
        return Arbitraries.of(Special.hugeNumbers());
    }

    @Provide
    Arbitrary<Input> megabyteLines() {
        return Arbitraries.of(Special.megabyteLines());
    }

    @Provide
    Arbitrary<Input> deepNesting() {
        return Arbitraries.of(Special.deepNesting());
    }

    @Provide
    Arbitrary<Input> tenThousandSites() {
        return Arbitraries.of(Special.tenThousandSites());
    }

    // ---------------------------------------------------------------------------------------
    // Corpus: the examples and the stdlib, and the tokens they are made of
    // ---------------------------------------------------------------------------------------

    static final class Corpus {
        static final Path ROOT = Path.of(System.getProperty("vpnc.projectRoot", ".")).toAbsolutePath().normalize();
        private static final Pattern FILE_IMPORT = Pattern.compile("(?m)^\\s*import\\s+\"([^\"]+)\"");
        private static List<Seed> seeds;
        private static List<String> vocabulary;

        /** One file set, compiled from {@code root}, of which {@code target} gets mutated. */
        record Seed(String label, SortedMap<String, byte[]> files, String root, String target, String secrets) {
            Input input() {
                return new Input(label, files, root, target, secrets);
            }

            @Override
            public String toString() {
                return label;
            }
        }

        static synchronized List<Seed> seeds() {
            if (seeds == null) {
                seeds = List.copyOf(load());
            }
            return seeds;
        }

        /** Every example folder: its files (net.vpn, what it imports, vpnc.lock). */
        static SortedMap<String, SortedMap<String, byte[]>> examples() {
            SortedMap<String, SortedMap<String, byte[]>> all = new TreeMap<>();
            try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
                for (Path dir : s.filter(p -> Files.isRegularFile(p.resolve("net.vpn"))).sorted().toList()) {
                    SortedMap<String, byte[]> files = new TreeMap<>();
                    java.util.ArrayDeque<String> deque = new java.util.ArrayDeque<>();
                    deque.add("net.vpn");
                    while (!deque.isEmpty()) {
                        String name = deque.remove();
                        Path p = dir.resolve(name).normalize();
                        if (files.containsKey(name) || !p.startsWith(dir) || !Files.isRegularFile(p)) {
                            continue;
                        }
                        byte[] bytes = Files.readAllBytes(p);
                        files.put(name, bytes);
                        Matcher m = FILE_IMPORT.matcher(new String(bytes, StandardCharsets.UTF_8));
                        while (m.find()) {
                            Path parent = Path.of(name).getParent();
                            deque.add(parent == null ? m.group(1) : parent.resolve(m.group(1)).toString());
                        }
                    }
                    if (Files.isRegularFile(dir.resolve("vpnc.lock"))) {
                        files.put("vpnc.lock", Files.readAllBytes(dir.resolve("vpnc.lock")));
                    }
                    all.put(dir.getFileName().toString(), files);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return all;
        }

        static SortedMap<String, byte[]> stdlib() {
            SortedMap<String, byte[]> all = new TreeMap<>();
            try (Stream<Path> s = Files.list(ROOT.resolve("stdlib"))) {
                for (Path p : s.filter(x -> x.toString().endsWith(".vpn")).sorted().toList()) {
                    all.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return all;
        }

        /** The example the fixed cases start from: "reference" when it exists. */
        static String referenceExample() {
            SortedMap<String, SortedMap<String, byte[]>> examples = examples();
            return examples.containsKey("reference") ? "reference" : examples.firstKey();
        }

        private static List<Seed> load() {
            List<Seed> out = new ArrayList<>();
            SortedMap<String, SortedMap<String, byte[]>> examples = examples();
            if (examples.isEmpty()) {
                throw new IllegalStateException("no examples under " + ROOT.resolve("examples"));
            }
            examples.forEach((name, files) -> {
                for (String target : files.keySet()) {
                    out.add(new Seed("examples/" + name + "/" + target, files, "net.vpn", target, name));
                }
            });
            String ref = referenceExample();
            SortedMap<String, byte[]> stdlib = stdlib();
            if (stdlib.isEmpty()) {
                throw new IllegalStateException("no stdlib under " + ROOT.resolve("stdlib"));
            }
            stdlib.forEach((name, bytes) -> {
                SortedMap<String, byte[]> alone = new TreeMap<>();
                alone.put("net.vpn", bytes);
                out.add(new Seed("stdlib/" + name, alone, "net.vpn", "net.vpn", null));
                // The same module imported as a file by the reference example, in place of the stdlib's.
                SortedMap<String, byte[]> inContext = new TreeMap<>(examples.get(ref));
                String net = new String(inContext.get("net.vpn"), StandardCharsets.UTF_8);
                String module = name.substring(0, name.length() - ".vpn".length());
                String imported = net.contains("import std." + module + "\n")
                        ? net.replace("import std." + module + "\n", "import \"lib-" + name + "\"\n")
                        : "import \"lib-" + name + "\"\n" + net;
                inContext.put("net.vpn", imported.getBytes(StandardCharsets.UTF_8));
                inContext.put("lib-" + name, bytes);
                out.add(new Seed("stdlib/" + name + " imported by examples/" + ref, inContext, "net.vpn", "lib-" + name, ref));
            });
            return out;
        }

        /** Keywords and punctuation of the lexer, every word of the corpus, and awkward values. */
        static synchronized List<String> vocabulary() {
            if (vocabulary == null) {
                Set<String> v = new TreeSet<>();
                try {
                    Matcher m = Pattern.compile("'([^'\\\\]+)'").matcher(Files.readString(ROOT.resolve("grammar/VpnLexer.g4")));
                    while (m.find()) {
                        v.add(m.group(1));
                    }
                } catch (IOException e) {
                    // The grammar is only a source of keywords; the corpus has most of them too.
                }
                for (Seed s : seeds()) {
                    for (byte[] b : s.files().values()) {
                        String text = new String(b, StandardCharsets.UTF_8);
                        v.addAll(Arrays.asList(text.split("\\s+")));
                        Matcher m = Mutations.ROUGH_TOKEN.matcher(text);
                        while (m.find()) {
                            v.add(m.group());
                        }
                    }
                }
                v.addAll(Mutations.NUMBERS);
                v.addAll(List.of("{", "}", "{ }", ",", "..", ".", "<->", "\"", "\"eth0.100\"", "\"\"", "#", "[2001:db8::1]:51820",
                        "[", "]", "::", "::/0", "0.0.0.0/0", "2001:db8::/129", "10.0.0.0/33", "999.999.999.999",
                        "1.2.3", "1.2.3.4.5", "2001:db8::1::2", "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8::/64,",
                        "abcdefghijklmnop", "wg-", "-", "_", "std.", "std.defaults", "std.nope", "\"../../etc/passwd\"",
                        "\"/dev/zero\"", "\"net.vpn\"", "\"profiles.vpn\"", "\"\\\"\"", "é", "\u00a0", "\ufeff"));
                v.remove("");
                vocabulary = List.copyOf(v);
            }
            return vocabulary;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Mutations
    // ---------------------------------------------------------------------------------------

    enum Kind {
        DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, REPLACE_TOKEN, INSERT_TOKEN, HUGE_NUMBER,
        DELETE_LINES, DUPLICATE_LINES, SWAP_LINES, DELETE_RANGE, DUPLICATE_RANGE, TRUNCATE,
        RANDOM_BYTES, INVALID_UTF8, UNICODE, LINE_ENDS
    }

    /** One edit; its integers pick positions and values, so an edit is a pure function of them. */
    record Mutation(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + "(" + a + "," + b + "," + c + ")";
        }
    }

    static final class Mutations {
        /** Rough tokens: runs of letters and digits, or one other non-space character. */
        static final Pattern ROUGH_TOKEN = Pattern.compile("[A-Za-z0-9_]+|[^\\sA-Za-z0-9_]");
        /** Words: runs of non-space characters (an address, a prefix, `5800..5899` stay whole). */
        static final Pattern WORD = Pattern.compile("\\S+");
        static final Pattern DIGITS = Pattern.compile("[0-9]+");

        static final List<String> NUMBERS = List.of("0", "1", "65535", "65536", "2147483647", "2147483648", "4294967295",
                "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999",
                "99999999999999999999999", "1" + "0".repeat(400), "00000000000000000000001", "999999999999s",
                "99999999999999999999ms", "0s", "0ms", "9223372036854775808ms", "1..99999999999", "99999999999..1",
                "0..0", "65535..0", "0..4294967296");

        static final List<byte[]> INVALID_UTF8 = List.of(
                bytes(0xff), bytes(0xfe, 0xff), bytes(0x80), bytes(0xbf, 0x80), bytes(0xc0, 0x80), bytes(0xc1, 0xbf),
                bytes(0xc3), bytes(0xe2, 0x82), bytes(0xe0, 0x80, 0x80), bytes(0xed, 0xa0, 0x80),
                bytes(0xed, 0xbf, 0xbf), bytes(0xf0, 0x82, 0x82, 0xac), bytes(0xf4, 0x90, 0x80, 0x80),
                bytes(0xf5, 0x80, 0x80, 0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
                bytes(0xfc, 0x84, 0x80, 0x80, 0x80, 0x80), bytes(0xef, 0xbb));

        /** Valid but awkward: NUL, controls, BOM, non-breaking space, combining marks, astral planes. */
        static final List<String> UNICODE = List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\ufeff", "\u00a0",
                "\u2028", "\u2029", "\u0085", "\u200b", "e\u0301", "é", "ß", "Ω", "→", "\ud83d\ude00", "\ud800\udc00",
                "\ufffd", "\uffff", "\u0130", "ｓｉｔｅ", "\u202e", "\t", "\u000b", "\f");

        static byte[] bytes(int... values) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                b[i] = (byte) values[i];
            }
            return b;
        }

        /** Text and bytes in one: ISO-8859-1 maps each byte to one char and back. */
        static String latin1(byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }

        static byte[] latin1(String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }

        static String utf8AsLatin1(String s) {
            return latin1(s.getBytes(StandardCharsets.UTF_8));
        }

        static Input single(String label, byte[] bytes) {
            SortedMap<String, byte[]> files = new TreeMap<>();
            files.put("net.vpn", bytes);
            return new Input(label + " (" + bytes.length + " bytes)", files, "net.vpn", "net.vpn", null);
        }

        static Input apply(Corpus.Seed seed, List<Mutation> mutations) {
            String s = latin1(seed.files().get(seed.target()));
            for (Mutation m : mutations) {
                s = apply(s, m);
            }
            return seed.input().with(seed.target(), latin1(s), seed.label() + " " + mutations);
        }

        /** The start of one file followed by the end of another. */
        static Input splice(Corpus.Seed a, Corpus.Seed b, int i, int j) {
            byte[] x = a.files().get(a.target());
            byte[] y = b.files().get(b.target());
            int cut1 = x.length == 0 ? 0 : i % x.length;
            int cut2 = y.length == 0 ? 0 : j % y.length;
            byte[] out = new byte[cut1 + y.length - cut2];
            System.arraycopy(x, 0, out, 0, cut1);
            System.arraycopy(y, cut2, out, cut1, y.length - cut2);
            return a.input().with(a.target(), out, "splice of " + a.label() + " [0," + cut1 + ") and " + b.label() + " [" + cut2 + ",end)");
        }

        static List<int[]> spans(String s, Pattern p) {
            List<int[]> out = new ArrayList<>();
            Matcher m = p.matcher(s);
            while (m.find()) {
                out.add(new int[] {m.start(), m.end()});
            }
            return out;
        }

        static List<int[]> lines(String s) {
            List<int[]> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    out.add(new int[] {start, i + 1});
                    start = i + 1;
                }
            }
            if (start < s.length()) {
                out.add(new int[] {start, s.length()});
            }
            return out;
        }

        static String replace(String s, int[] span, String with) {
            return s.substring(0, span[0]) + with + s.substring(span[1]);
        }

        static String insert(String s, int at, String what) {
            int pos = Math.floorMod(at, s.length() + 1);
            return s.substring(0, pos) + what + s.substring(pos);
        }

        static String apply(String s, Mutation m) {
            List<int[]> tokens = spans(s, m.c() % 2 == 0 ? ROUGH_TOKEN : WORD);
            List<String> vocab = Corpus.vocabulary();
            int a = m.a();
            int b = m.b();
            switch (m.kind()) {
                case DELETE_TOKEN:
                    return tokens.isEmpty() ? s : replace(s, tokens.get(a % tokens.size()), "");
                case DUPLICATE_TOKEN: {
                    if (tokens.isEmpty()) {
                        return s;
                    }
                    int[] t = tokens.get(a % tokens.size());
                    String text = s.substring(t[0], t[1]);
                    return replace(s, t, text + (m.c() % 3 == 0 ? "" : " ") + text);
                }
                case SWAP_TOKENS: {
                    if (tokens.size() < 2) {
                        return s;
                    }
                    int[] x = tokens.get(a % tokens.size());
                    int[] y = tokens.get(b % tokens.size());
                    if (x[0] > y[0]) {
                        int[] t = x;
                        x = y;
                        y = t;
                    }
                    if (x == y || x[1] > y[0]) {
                        return s;
                    }
                    return s.substring(0, x[0]) + s.substring(y[0], y[1]) + s.substring(x[1], y[0])
                            + s.substring(x[0], x[1]) + s.substring(y[1]);
                }
                case REPLACE_TOKEN:
                    return tokens.isEmpty() ? s : replace(s, tokens.get(a % tokens.size()), utf8AsLatin1(vocab.get(b % vocab.size())));
                case INSERT_TOKEN: {
                    int at = tokens.isEmpty() ? 0 : tokens.get(a % tokens.size())[m.c() % 4 < 2 ? 0 : 1];
                    return s.substring(0, at) + " " + utf8AsLatin1(vocab.get(b % vocab.size())) + " " + s.substring(at);
                }
                case HUGE_NUMBER: {
                    List<int[]> numbers = spans(s, DIGITS);
                    String n = NUMBERS.get(b % NUMBERS.size());
                    return numbers.isEmpty() ? insert(s, a, " " + n + " ") : replace(s, numbers.get(a % numbers.size()), n);
                }
                case DELETE_LINES:
                case DUPLICATE_LINES:
                case SWAP_LINES: {
                    List<int[]> lines = lines(s);
                    if (lines.isEmpty()) {
                        return s;
                    }
                    int first = a % lines.size();
                    int last = Math.min(lines.size() - 1, first + m.c() % 4);
                    int[] range = {lines.get(first)[0], lines.get(last)[1]};
                    String text = s.substring(range[0], range[1]);
                    if (m.kind() == Kind.DELETE_LINES) {
                        return replace(s, range, "");
                    }
                    if (m.kind() == Kind.DUPLICATE_LINES) {
                        return replace(s, range, text + (text.endsWith("\n") ? "" : "\n") + text);
                    }
                    int[] other = lines.get(b % lines.size());
                    if (other[1] <= range[0]) {
                        return s.substring(0, other[0]) + text + s.substring(other[1], range[0])
                                + s.substring(other[0], other[1]) + s.substring(range[1]);
                    }
                    if (other[0] >= range[1]) {
                        return s.substring(0, range[0]) + s.substring(other[0], other[1]) + s.substring(range[1], other[0])
                                + text + s.substring(other[1]);
                    }
                    return s;
                }
                case DELETE_RANGE: {
                    if (s.isEmpty()) {
                        return s;
                    }
                    int from = a % s.length();
                    return s.substring(0, from) + s.substring(Math.min(s.length(), from + 1 + b % 64));
                }
                case DUPLICATE_RANGE: {
                    if (s.isEmpty()) {
                        return s;
                    }
                    int from = a % s.length();
                    String piece = s.substring(from, Math.min(s.length(), from + 1 + b % 200));
                    return insert(s, m.c(), piece);
                }
                case TRUNCATE:
                    return s.substring(0, a % (s.length() + 1));
                case RANDOM_BYTES: {
                    SplittableRandom r = new SplittableRandom(b);
                    StringBuilder junk = new StringBuilder();
                    for (int i = 0, len = 1 + m.c() % 8; i < len; i++) {
                        // Mostly ASCII (punctuation, controls), sometimes any byte.
                        junk.append((char) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(128)));
                    }
                    return insert(s, a, junk.toString());
                }
                case INVALID_UTF8:
                    return insert(s, a, latin1(INVALID_UTF8.get(b % INVALID_UTF8.size())));
                case UNICODE:
                    return insert(s, a, utf8AsLatin1(UNICODE.get(b % UNICODE.size())));
                case LINE_ENDS:
                    switch (m.c() % 4) {
                        case 0:
                            return s.replace("\n", "\r\n");
                        case 1:
                            return s.replace("\n", "\r");
                        case 2:
                            return insert(s, a, "\r");
                        default:
                            return s.replace("\n", "\n\n");
                    }
                default:
                    throw new AssertionError(m.kind());
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Fixed cases
    // ---------------------------------------------------------------------------------------

    static final class Special {
        static String ref() {
            return new String(Corpus.examples().get(Corpus.referenceExample()).get("net.vpn"), StandardCharsets.UTF_8);
        }

        /** The reference example with its net.vpn (or another of its files) replaced. */
        static Input refWith(String label, String file, byte[] bytes) {
            String ex = Corpus.referenceExample();
            return new Input(label, Corpus.examples().get(ex), "net.vpn", file, ex).with(file, bytes, label);
        }

        static Input refWith(String label, String net) {
            return refWith(label, "net.vpn", net.getBytes(StandardCharsets.UTF_8));
        }

        static Input alone(String label, String text) {
            return Mutations.single(label, text.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] concat(byte[]... parts) {
            int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
            ByteBuffer b = ByteBuffer.allocate(n);
            for (byte[] p : parts) {
                b.put(p);
            }
            return b.array();
        }

        static List<Input> invalidUtf8() {
            List<Input> out = new ArrayList<>();
            SortedMap<String, SortedMap<String, byte[]>> examples = Corpus.examples();
            for (byte[] bad : Mutations.INVALID_UTF8) {
                String hex = IntStream.range(0, bad.length).mapToObj(i -> String.format("%02x", bad[i] & 0xff))
                        .collect(Collectors.joining(" "));
                examples.forEach((name, files) -> files.forEach((file, bytes) -> {
                    if (!file.endsWith(".vpn")) {
                        return;
                    }
                    // In a comment (nothing else is wrong), in the middle of a token, at the very end.
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    int comment = Math.max(0, text.indexOf('#') + 1);
                    int mid = text.length() / 2;
                    for (int at : new int[] {comment, mid, text.length()}) {
                        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
                        byte[] tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
                        out.add(new Input("examples/" + name + "/" + file + " with " + hex + " at char " + at, files, "net.vpn", file, name)
                                .with(file, concat(head, bad, tail), "examples/" + name + "/" + file + " with " + hex + " at char " + at));
                    }
                }));
                out.add(Mutations.single("only " + hex, bad));
            }
            return out;
        }

        static List<Input> hugeNumbers() {
            String ref = ref();
            String huge = "99999999999999999999999";
            List<String[]> cases = new ArrayList<>();
            for (String asn : List.of(huge, "4294967296", "4294967295", "0", "9223372036854775808", "65001..99999999999999999999",
                    "99999999999999999999..65001", "4200000000..4294967295", "1..4294967294")) {
                cases.add(new String[] {"asn 65001", "asn " + asn});
            }
            for (String ports : List.of("1..99999999999", "0..0", "0..65535", "65535..65536", "5899..5800", "99999999999999999999..1",
                    "2147483647..2147483648", "1..4294967297", "5800..5800")) {
                cases.add(new String[] {"ports 5800..5899", "ports " + ports});
            }
            for (String mtu : List.of("0", "1", "67", "65536", "99999999999", "2147483648", huge)) {
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  wireguard { mtu " + mtu + " }\n"});
            }
            for (String d : List.of("999999999999s", "99999999999999999999ms", "9223372036854775807ms", "9223372036854776s",
                    "0s", "0ms", "1ms", huge + "s")) {
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  wireguard { keepalive " + d + " }\n"});
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  bgp { hold " + d + "\n keepalive " + d + " }\n"});
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  bfd { interval " + d + " }\n"});
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  inside ospf\n  ospf { hello " + d + "\n dead " + d + " }\n"});
            }
            for (String n : List.of("0", "99999999999", "2147483648", huge)) {
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  bfd { multiplier " + n + " }\n"});
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  bgp { preference " + n + " }\n"});
                cases.add(new String[] {"underlay ipv6\n", "underlay ipv6\n  inside ospf\n  ospf { cost " + n + " }\n"});
            }
            for (String p : List.of("2001:db8:ff::/129", "2001:db8:ff::/99999999999", "2001:db8:ff::/" + huge, "2001:db8:ff::/0",
                    "2001:db8:ff::/128", "2001:db8:ff::/127", "99999:db8:ff::/64", "2001:db8:ff:ffff1::/64",
                    "1:2:3:4:5:6:7:8:9/64", ":::/64")) {
                cases.add(new String[] {"tunnels ipv6 2001:db8:ff::/64", "tunnels ipv6 " + p});
            }
            for (String p : List.of("169.254.1.0/33", "169.254.1.0/4294967296", "169.254.1.0/" + huge, "999.254.1.0/24",
                    "99999999999.1.1.1/24", "169.254.1.0/0", "169.254.1.0/32", "169.254.1.0/31", "0.0.0.0/0")) {
                cases.add(new String[] {"tunnels ipv4 169.254.1.0/24", "tunnels ipv4 " + p});
            }
            for (String e : List.of("99999999999.1.1.1", "2001:db8:1::99999", "1.2.3.4.5.6.7.8", "a" + ".b".repeat(200))) {
                cases.add(new String[] {"endpoint 2001:db8:1::1", "endpoint " + e});
            }
            cases.add(new String[] {"subnet 2001:db8:f1::/64, 10.1.1.0/28", "subnet 2001:db8:f1::/64, 10.1.1.0/31"});
            cases.add(new String[] {"subnet 2001:db8:f1::/64, 10.1.1.0/28", "subnet 2001:db8:f1::/128, 10.1.1.0/32"});
            cases.add(new String[] {"subnet 2001:db8:f1::/64, 10.1.1.0/28", "subnet 2001:db8:f1::/1, 10.1.1.0/1"});
            List<Input> out = new ArrayList<>();
            for (String[] c : cases) {
                if (!ref.contains(c[0])) {
                    continue;
                }
                out.add(refWith("reference with `" + c[1].strip().replace("\n", " ") + "`", ref.replace(c[0], c[1])));
            }
            // The lock file is the other input with numbers in it.
            String ex = Corpus.referenceExample();
            byte[] lockBytes = Corpus.examples().get(ex).get("vpnc.lock");
            if (lockBytes != null) {
                String lock = new String(lockBytes, StandardCharsets.UTF_8);
                String[][] lockCases = {
                    {"host r1 id 1 lan 1", "host r1 id " + huge + " lan 1"},
                    {"host r1 id 1 lan 1", "host r1 id 9223372036854775807 lan 9223372036854775807"},
                    {"host r1 id 1 lan 1", "host r1 id -1 lan -1"},
                    {"host r1 id 1 lan 1", "host r1 id 0 lan 0"},
                    {"tunnel v1-1 v2-1 link 0", "tunnel v1-1 v2-1 link 9223372036854775807"},
                    {"tunnel v1-1 v2-1 link 0", "tunnel v1-1 v2-1 link -9223372036854775808"},
                    {"tunnel v1-1 v2-1 link 0", "tunnel v1-1 v2-1 link " + huge},
                    {"end v1-1 v2-1 port 5800", "end v1-1 v2-1 port 99999999999"},
                    {"end v1-1 v2-1 port 5800", "end v1-1 v2-1 port 2147483647"},
                    {"end v1-1 v2-1 port 5800", "end v1-1 v2-1 port -2147483648"},
                    {"end v1-1 v2-1 port 5800", "end v1-1 v2-1 port 5899"},
                    {"version 1", "version 99999999999"},
                    {"version 1\n", "version 1\nasn v1 " + huge + "\nasn v2 -1\n"},
                };
                for (String[] c : lockCases) {
                    if (lock.contains(c[0])) {
                        out.add(refWith("reference lock with `" + c[1].replace("\n", " ") + "`", "vpnc.lock",
                                lock.replace(c[0], c[1]).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            return out;
        }

        /** Replaces the first occurrence only. */
        static String once(String text, String what, String with) {
            int at = text.indexOf(what);
            return at < 0 ? text : text.substring(0, at) + with + text.substring(at + what.length());
        }

        static List<Input> megabyteLines() {
            String ref = ref();
            List<Input> out = new ArrayList<>();
            out.add(refWith("1 MB comment line", "# " + "x".repeat(MB) + "\n" + ref));
            out.add(refWith("1 MB comment without newline at the end", ref + "# " + "x".repeat(MB)));
            out.add(refWith("1 MB site name", ref.replace("site v1 {", "site v" + "1".repeat(MB) + " {")));
            out.add(refWith("1 MB gateway name", ref.replace("gateway v1-1 ", "gateway v1-" + "1".repeat(MB) + " ")));
            out.add(refWith("1 MB number", ref.replace("asn 65001", "asn 6" + "5".repeat(MB))));
            out.add(refWith("1 MB ports", ref.replace("ports 5800..5899", "ports 5800.." + "9".repeat(MB))));
            out.add(refWith("1 MB duration", ref.replace("underlay ipv6\n", "underlay ipv6\n  wireguard { keepalive " + "9".repeat(MB) + "s }\n")));
            out.add(refWith("1 MB quoted interface", once(ref, "lan eth0", "lan \"" + "e".repeat(MB) + "\"")));
            out.add(refWith("1 MB unterminated string", once(ref, "lan eth0", "lan \"" + "e".repeat(MB))));
            out.add(refWith("1 MB IPv6-like token", ref.replace("endpoint 2001:db8:1::1", "endpoint 2001:" + "db8:".repeat(MB / 4) + ":1")));
            out.add(refWith("1 MB prefix list", ref.replace("prefixes 2001:db8:a1::/64, 10.0.1.0/24", "prefixes 2001:db8:a1::/64, 10.0.1.0/24"
                    + IntStream.range(0, MB / 24).mapToObj(i -> ", 10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32")
                            .collect(Collectors.joining()))));
            out.add(refWith("1 MB host list", once(ref, "hosts eth1", "hosts eth1" + ", eth1".repeat(MB / 6))));
            out.add(refWith("1 MB dotted endpoint", ref.replace("endpoint 2001:db8:1::1", "endpoint a" + ".b".repeat(MB / 2))));
            out.add(refWith("1 MB whole network on one line", ref.replaceAll("#[^\n]*", "").replace('\n', ' ')
                    + " ".repeat(Math.max(0, MB - ref.length()))));
            out.add(refWith("1 MB line of the network, CR line ends", (ref + "#" + "x".repeat(MB)).replace("\n", "\r")));
            out.add(refWith("1 MB unknown characters", ref + "\n" + "@".repeat(MB) + "\n"));
            out.add(refWith("1 MB of `..`", ref.replace("ports 5800..5899", "ports 5800" + "..".repeat(MB / 2) + "5899")));
            out.add(refWith("1 MB of `{` on one line", ref + "\n" + "{".repeat(MB)));
            out.add(refWith("1 MB of keywords", ref + "\nsite " + "site ".repeat(MB / 5)));
            SplittableRandom r = new SplittableRandom(42);
            StringBuilder ascii = new StringBuilder(MB);
            for (int i = 0; i < MB; i++) {
                ascii.append((char) (' ' + r.nextInt(95)));
            }
            out.add(alone("1 MB random printable line", ascii.toString()));
            out.add(alone("1 MB of é (2 MB of UTF-8)", "é".repeat(MB)));
            out.add(alone("1 MB of astral characters", "\ud83d\ude00".repeat(MB / 2)));
            String ex = Corpus.referenceExample();
            if (Corpus.examples().get(ex).containsKey("vpnc.lock")) {
                String lock = new String(Corpus.examples().get(ex).get("vpnc.lock"), StandardCharsets.UTF_8);
                out.add(refWith("1 MB lock line", "vpnc.lock", (lock + "host r1 id " + "9".repeat(MB) + " lan 1\n").getBytes(StandardCharsets.UTF_8)));
                out.add(refWith("1 MB lock line of junk", "vpnc.lock", (lock + "@".repeat(MB)).getBytes(StandardCharsets.UTF_8)));
            }
            return out;
        }

        static List<Input> deepNesting() {
            String ref = ref();
            int n = 10_000;
            List<Input> out = new ArrayList<>();
            out.add(alone("{ x 10,000", "{".repeat(n)));
            out.add(alone("{ x 10,000, one a line", "{\n".repeat(n)));
            out.add(alone("} x 10,000", "}".repeat(n)));
            out.add(refWith("reference + `site deep` then { x 10,000 and } x 10,000", ref + "\nsite deep " + "{".repeat(n) + "}".repeat(n)));
            out.add(refWith("gateway in gateway x 10,000", ref.replace("router r1 {", "gateway g0 " + IntStream.range(1, n)
                    .mapToObj(i -> "{ gateway g" + i + " ").collect(Collectors.joining()) + "{ }" + " }".repeat(n - 1) + "\n  router r1 {")));
            out.add(refWith("router in router x 10,000, one a line", ref.replace("router r1 {", IntStream.range(0, n)
                    .mapToObj(i -> "router q" + i + " {\n").collect(Collectors.joining()) + "}\n".repeat(n) + "  router r1 {")));
            out.add(refWith("gateway in gateway x 10,000, unclosed", ref + "\nsite deep {\n" + IntStream.range(0, n)
                    .mapToObj(i -> "gateway d" + i + " {\n").collect(Collectors.joining())));
            out.add(refWith("site in site x 10,000", ref + IntStream.range(0, n).mapToObj(i -> "\nsite s" + i + " {").collect(Collectors.joining())));
            out.add(refWith("wireguard { x 10,000", ref.replace("underlay ipv6\n", "underlay ipv6\n" + "wireguard { ".repeat(n) + "} ".repeat(n) + "\n")));
            out.add(refWith("mesh { x 10,000", ref.replace("underlay ipv6\n", "underlay ipv6\n" + "mesh { ".repeat(n) + "\n")));
            out.add(refWith("profile uses chain of 10,000", ref.replace("profile edge {", IntStream.range(0, n)
                    .mapToObj(i -> "profile p" + i + " uses p" + (i + 1) + " { }\n").collect(Collectors.joining())
                    + "profile p" + n + " { }\nprofile edge uses p0 {")));
            out.add(refWith("profile uses cycle of 10,000", ref.replace("profile edge {", IntStream.range(0, n)
                    .mapToObj(i -> "profile p" + i + " uses p" + ((i + 1) % n) + " { }\n").collect(Collectors.joining())
                    + "profile edge uses p0 {")));
            out.add(refWith("profile uses 10,000 profiles", ref.replace("profile edge {", IntStream.range(0, n)
                    .mapToObj(i -> "profile p" + i + " { }\n").collect(Collectors.joining())
                    + "profile edge uses " + IntStream.range(0, n).mapToObj(i -> "p" + i).collect(Collectors.joining(", ")) + " {")));
            out.add(alone("import std.x.x... x 10,000", "import std" + ".x".repeat(n) + "\n"));
            out.add(alone("10,000 imports of the stdlib", "import std.timers\n".repeat(n)));
            // A chain of 10,000 files, each importing the next (the loader recurses per import).
            SortedMap<String, byte[]> chain = new TreeMap<>(Corpus.examples().get(Corpus.referenceExample()));
            chain.put("net.vpn", ("import \"c0.vpn\"\n" + ref).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                chain.put("c" + i + ".vpn", (i + 1 < n ? "import \"c" + (i + 1) + ".vpn\"\n" : "").getBytes(StandardCharsets.UTF_8));
            }
            out.add(new Input("chain of 10,000 imported files", chain, "net.vpn", "net.vpn", Corpus.referenceExample()));
            SortedMap<String, byte[]> cycle = new TreeMap<>(chain);
            cycle.put("c" + (n - 1) + ".vpn", "import \"c0.vpn\"\n".getBytes(StandardCharsets.UTF_8));
            out.add(new Input("cycle of 10,000 imported files", cycle, "net.vpn", "net.vpn", Corpus.referenceExample()));
            return out;
        }

        /**
         * 10,000 sites of one gateway each: linked in a chain ({@code mesh { ... }}), and in the
         * default full mesh (about 50 million tunnels, more than any port range allows: the
         * compiler must say so rather than try).
         */
        static List<Input> tenThousandSites() {
            return List.of(
                    sites("10,000 sites, one gateway each, chained by mesh links", 10_000, true),
                    sites("10,000 sites, one gateway each, full mesh", 10_000, false));
        }

        static Input sites(String label, int n, boolean chain) {
            StringBuilder b = new StringBuilder();
            b.append("profile edge {\n  uplink eth0\n  lan eth1\n}\n\n");
            b.append("network big uses timers-bfd {\n  tunnels ipv6 2001:db8:ffff::/64\n  ports 1024..65535\n  underlay ipv6\n");
            if (chain) {
                b.append("  mesh {\n");
                for (int i = 1; i < n; i++) {
                    b.append("    s").append(i - 1).append(" <-> s").append(i).append('\n');
                }
                b.append("  }\n");
            }
            b.append("}\n\n");
            for (int i = 0; i < n; i++) {
                String h = Integer.toHexString(i);
                b.append("site s").append(i).append(" {\n")
                        .append("  asn ").append(4_200_000_000L + i).append('\n')
                        .append("  prefixes 2001:db8:").append(h).append("::/48\n")
                        .append("  subnet 2001:db8:").append(h).append(":ffff::/64\n")
                        .append("  gateway g").append(i).append(" uses edge { endpoint 2001:db8:ffff:").append(h).append("::1 }\n")
                        .append("}\n");
            }
            return Mutations.single(label, ("import std.timers\n\n" + b).getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Running one input and checking the property
    // ---------------------------------------------------------------------------------------

    /** What one run gave: the problems found (empty: the property holds) and the codes seen. */
    record Outcome(List<String> problems, String signature, List<String> codes, long millis, boolean success) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    static final class Harness {
        static final Path BASE = tempBase();
        static final AtomicLong inputs = new AtomicLong();
        static final AtomicLong failures = new AtomicLong();
        static final AtomicLong sequence = new AtomicLong();
        static final Map<String, AtomicLong> byKind = Collections.synchronizedMap(new LinkedHashMap<>());
        static final List<String> found = Collections.synchronizedList(new ArrayList<>());
        static final List<String> slow = Collections.synchronizedList(new ArrayList<>());
        static final List<String> reports = Collections.synchronizedList(new ArrayList<>());
        static final Set<String> minimised = ConcurrentHashMap.newKeySet();
        static final long SLOW_MS = 2_000;
        static final boolean VERBOSE = Boolean.getBoolean("vpnc.fuzz.verbose");
        static final Map<String, Path> fixtures = new ConcurrentHashMap<>();
        /**
         * Waits for {@code worker} until it has used {@code boundMs} of CPU, or ten times that in
         * wall time (a thread blocked forever uses none). The bound is on CPU so that a machine
         * busy with other tests (the suite runs the labs beside this class) slows the input without
         * failing it: a hang or a blow-up still spends CPU past the bound. Returns the CPU used.
         */
        static long awaitWithinCpu(Thread worker, long boundMs) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long deadline = System.nanoTime() + boundMs * 10 * 1_000_000;
            long cpuMs = 0;
            try {
                while (worker.isAlive() && System.nanoTime() < deadline) {
                    worker.join(200);
                    long cpu = threads.getThreadCpuTime(worker.getId());
                    cpuMs = cpu < 0 ? cpuMs : cpu / 1_000_000;
                    if (cpuMs >= boundMs) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return cpuMs;
        }

        static volatile long startNanos = System.nanoTime();
        static volatile long roundTripsBefore;

        private static Path tempBase() {
            try {
                return Files.createTempDirectory("vpnc-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Runs the input and checks the property. A violation is minimised (inputs up to 20 kB, once
         * per kind of failure), saved and recorded; {@link RunSettings} then fails the property
         * with every violation it recorded, so one run reports them all.
         */
        static Outcome check(String kind, Input input, long boundMs) {
            return check(kind, input, boundMs, null);
        }

        static Outcome check(String kind, Input input, long boundMs, String requiredCode) {
            inputs.incrementAndGet();
            byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            Outcome o = run(input, boundMs);
            if (o.millis() >= SLOW_MS) {
                slow.add(o.millis() + " ms: " + input);
            }
            if (VERBOSE) {
                System.out.println("robustness: " + o.millis() + " ms " + (o.success() ? "ok" : o.codes()) + " " + input);
            }
            if (requiredCode != null && o.ok() && !o.codes().contains(requiredCode)) {
                List<String> problems = List.of("expected " + requiredCode + ", got " + o.codes());
                o = new Outcome(problems, "no " + requiredCode, o.codes(), o.millis(), o.success());
            }
            if (o.ok()) {
                return o;
            }
            failures.incrementAndGet();
            StringBuilder report = new StringBuilder();
            report.append("[").append(kind).append("] ").append(input).append(" (").append(input.size())
                    .append(" bytes, ").append(o.millis()).append(" ms)\n");
            o.problems().forEach(p -> report.append("  ").append(p.replace("\n", "\n  ")).append('\n'));
            Input minimal = null;
            if (!o.signature().startsWith("hang") && input.size() <= 20_000 && minimised.add(o.signature())) {
                minimal = minimise(input, o.signature());
                String text = Mutations.latin1(minimal.files().get(minimal.target()));
                report.append("  minimal input (").append(minimal.target()).append(", ").append(text.length())
                        .append(" bytes, as a Java literal of its bytes): ").append(javaLiteral(text)).append('\n');
            }
            Path saved = save(input, minimal);
            if (saved != null) {
                report.append("  input saved in ").append(saved).append('\n');
            }
            reports.add(report.toString());
            found.add(o.signature() + " — " + input + (minimal == null ? "" : " — minimal: "
                    + javaLiteral(Mutations.latin1(minimal.files().get(minimal.target())))));
            System.out.println("robustness failure:\n" + report);
            return o;
        }

        static Outcome run(Input input, long boundMs) {
            Path dir = BASE.resolve("in-" + sequence.incrementAndGet());
            try {
                return runIn(dir, input, boundMs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(dir);
            }
        }

        private static final class Box {
            volatile Pipeline.Result result;
            volatile List<Diagnostic> sorted;
            volatile Throwable error;
            final List<String> renderProblems = Collections.synchronizedList(new ArrayList<>());
            final List<String> fmtProblems = Collections.synchronizedList(new ArrayList<>());
            volatile boolean done;
        }

        @SuppressWarnings({"deprecation", "removal"})
        private static Outcome runIn(Path dir, Input input, long boundMs) throws IOException {
            Files.createDirectories(dir);
            Map<String, String> texts = new HashMap<>();
            for (Map.Entry<String, byte[]> f : input.files().entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
                String text = strictUtf8(f.getValue());
                if (text != null) {
                    texts.put(p.toString(), text);
                }
            }
            Path secrets = dir.resolve("secrets");
            if (input.secrets() != null) {
                Files.createSymbolicLink(secrets, fixture(input.secrets()));
            }
            Path source = dir.resolve(input.root());
            Path lock = dir.resolve("vpnc.lock");
            Set<String> before = listing(dir);

            Box box = new Box();
            Thread worker = new Thread(() -> {
                try {
                    Pipeline.Result r = Pipeline.run(source, secrets, lock);
                    box.result = r;
                    List<Diagnostic> sorted = r.diagnostics().sorted();
                    box.sorted = sorted;
                    // What `vpnc check` prints, one diagnostic at a time so a failure names it.
                    for (Diagnostic d : sorted) {
                        for (Function<List<Diagnostic>, String> renderer : List.<Function<List<Diagnostic>, String>>of(
                                Renderer::render, JsonRenderer::render)) {
                            try {
                                renderer.apply(List.of(d));
                            } catch (Throwable e) {
                                box.renderProblems.add("rendering " + d.code() + " (" + d.message() + ") throws: " + stackTrace(e));
                            }
                        }
                    }
                    String rootText = texts.get(source.toString());
                    if (rootText != null) {
                        box.fmtProblems.addAll(FormatRoundTrip.problems(rootText));
                    }
                } catch (Throwable e) {
                    box.error = e;
                } finally {
                    box.done = true;
                }
            }, "vpnc-fuzz-" + dir.getFileName());
            worker.setDaemon(true);
            long t0 = System.nanoTime();
            worker.start();
            long cpuMs = awaitWithinCpu(worker, boundMs);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<String> problems = new ArrayList<>();
            String signature = "";
            if (worker.isAlive()) {
                StackTraceElement[] at = worker.getStackTrace();
                worker.interrupt();
                try {
                    worker.join(1000);
                    if (worker.isAlive()) {
                        // Java 17 still stops a thread; a hung compilation must not eat the CPU of the rest.
                        worker.stop();
                        worker.join(5000);
                    }
                } catch (InterruptedException | UnsupportedOperationException e) {
                    // Leave it; it is a daemon.
                }
                String where = Arrays.stream(at).limit(40).map(e -> "\tat " + e).collect(Collectors.joining("\n"));
                problems.add("hang: no result after " + cpuMs + " ms of CPU (bound " + boundMs + ") and " + millis
                        + " ms; the compiler was at\n" + where);
                signature = "hang at " + topFrame(at);
                return new Outcome(problems, signature, List.of(), millis, false);
            }
            if (box.error != null) {
                problems.add("uncaught " + stackTrace(box.error));
                signature = "crash " + box.error.getClass().getName() + " at " + topFrame(box.error.getStackTrace());
                return new Outcome(problems, signature, List.of(), millis, false);
            }
            Pipeline.Result r = box.result;
            List<Diagnostic> ds = box.sorted;
            List<String> codes = ds.stream().map(d -> d.code() == null ? "null" : d.code().id()).toList();
            boolean errors = ds.stream().anyMatch(d -> d.code() != null && d.severity() == Severity.ERROR);
            if (r.files() != null && errors) {
                problems.add("files were produced although there are errors: " + codes);
                signature = "success with errors";
            }
            if (r.files() != null && (r.plan() == null || r.lock() == null)) {
                problems.add("files without a plan or lock");
                signature = "success without plan";
            }
            if (r.files() == null && !errors) {
                problems.add("no files and no error diagnostic (diagnostics: " + codes + ")");
                signature = "silent failure";
            }
            for (Diagnostic d : ds) {
                List<String> bad = new ArrayList<>();
                checkDiagnostic(d, texts, bad);
                if (!bad.isEmpty()) {
                    String code = d.code() == null ? "null" : d.code().id();
                    problems.add("diagnostic " + code + " `" + d.message() + "`: " + String.join("; ", bad));
                    if (signature.isEmpty()) {
                        signature = "bad span in " + code;
                    }
                }
            }
            if (!box.renderProblems.isEmpty()) {
                problems.addAll(box.renderProblems);
                if (signature.isEmpty()) {
                    signature = "render " + box.renderProblems.get(0).lines().findFirst().orElse("");
                }
            }
            if (!box.fmtProblems.isEmpty()) {
                problems.addAll(box.fmtProblems);
                if (signature.isEmpty()) {
                    signature = "fmt " + box.fmtProblems.get(0).lines().findFirst().orElse("");
                }
            }
            if (strictUtf8(input.files().get(input.root())) == null && !codes.contains("E0108")) {
                problems.add("the source is not UTF-8 but there is no E0108: " + codes);
                if (signature.isEmpty()) {
                    signature = "no E0108";
                }
            }
            Set<String> after = listing(dir);
            if (!after.equals(before)) {
                Set<String> changed = new TreeSet<>(after);
                changed.removeAll(before);
                problems.add("check mode wrote " + changed);
                if (signature.isEmpty()) {
                    signature = "wrote files";
                }
            }
            return new Outcome(problems, signature, codes, millis, r.files() != null);
        }

        static void checkDiagnostic(Diagnostic d, Map<String, String> texts, List<String> bad) {
            if (d.code() == null) {
                bad.add("no code");
            }
            if (d.message() == null || d.message().isBlank()) {
                bad.add("no message");
            }
            checkSpan("span", d.span(), texts, bad);
            for (Label l : d.secondary()) {
                checkSpan("secondary label `" + l.message() + "`", l.span(), texts, bad);
            }
        }

        static void checkSpan(String what, Span s, Map<String, String> texts, List<String> bad) {
            if (s == null || s.file() == null || s.file().text() == null) {
                bad.add(what + " is missing or has no file");
                return;
            }
            int length = s.file().text().length();
            if (s.start() < 0 || s.start() > s.end() || s.end() > length) {
                bad.add(what + " " + s.start() + ".." + s.end() + " is outside `" + s.file().displayName() + "` (" + length + " chars)");
            }
            try {
                if (s.line() < 1 || s.column() < 1 || s.endLine() < s.line() || s.endColumn() < 1) {
                    bad.add(what + " has line/column " + s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn());
                }
                if (s.line() > s.file().lineCount()) {
                    bad.add(what + " is on line " + s.line() + " of a file of " + s.file().lineCount() + " lines");
                }
            } catch (RuntimeException e) {
                bad.add(what + ": line/column throw " + stackTrace(e));
            }
            String onDisk = texts.get(s.file().displayName());
            if (onDisk != null && !onDisk.equals(s.file().text())) {
                bad.add(what + " is in a text that differs from `" + s.file().displayName() + "` on disk");
            }
        }

        static String strictUtf8(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }

        /** A copy of an example's key store, shared (read-only in check mode) by its inputs. */
        static Path fixture(String example) {
            return fixtures.computeIfAbsent(example, ex -> {
                Path from = Corpus.ROOT.resolve("examples").resolve(ex).resolve("secrets");
                Path to = BASE.resolve("fixture-" + ex);
                try {
                    Files.createDirectories(to);
                    if (Files.isDirectory(from)) {
                        try (Stream<Path> s = Files.walk(from)) {
                            for (Path p : s.sorted().toList()) {
                                Path t = to.resolve(from.relativize(p).toString());
                                if (Files.isDirectory(p)) {
                                    Files.createDirectories(t);
                                } else {
                                    Files.copy(p, t);
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return to;
            });
        }

        static Set<String> listing(Path dir) throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                return s.map(p -> dir.relativize(p) + (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "/" : ":" + size(p)))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        }

        private static long size(Path p) {
            try {
                return Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }

        static void deleteTree(Path dir) {
            if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // Scratch space under the temporary directory: best effort.
            }
        }

        static String topFrame(StackTraceElement[] trace) {
            return Arrays.stream(trace).filter(e -> e.getClassName().startsWith("dev.vpnc.")).findFirst()
                    .or(() -> Arrays.stream(trace).findFirst()).map(StackTraceElement::toString).orElse("?");
        }

        static String stackTrace(Throwable e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            String s = w.toString();
            // A StackOverflowError has 1024 frames; the first ones and the repeating ones say enough.
            List<String> lines = s.lines().toList();
            return lines.size() <= 60 ? s : String.join("\n", lines.subList(0, 60)) + "\n\t... " + (lines.size() - 60) + " more lines";
        }

        /** Delta debugging (lines, then characters) of the mutated file, keeping the same failure. */
        static Input minimise(Input input, String signature) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            String target = input.target();
            Predicate<String> fails = text -> System.nanoTime() < deadline
                    && run(input.with(target, Mutations.latin1(text), "minimising"), BOUND_MS).signature().equals(signature);
            String s = Mutations.latin1(input.files().get(target));
            s = ddmin(s, fails, Harness::splitLines);
            s = ddmin(s, fails, Harness::splitTokens);
            s = ddmin(s, fails, x -> x.chars().mapToObj(c -> String.valueOf((char) c)).toList());
            return input.with(target, Mutations.latin1(s), "minimised " + input.label());
        }

        static List<String> splitLines(String s) {
            return Mutations.lines(s).stream().map(r -> s.substring(r[0], r[1])).toList();
        }

        static List<String> splitTokens(String s) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\\s+|[A-Za-z0-9_]+|.", Pattern.DOTALL).matcher(s);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }

        static String ddmin(String s, Predicate<String> fails, Function<String, List<String>> split) {
            List<String> units = new ArrayList<>(split.apply(s));
            int n = 2;
            while (units.size() >= 2) {
                int chunk = (units.size() + n - 1) / n;
                boolean reduced = false;
                for (int i = 0; i < units.size(); i += chunk) {
                    List<String> rest = new ArrayList<>(units.subList(0, i));
                    rest.addAll(units.subList(Math.min(units.size(), i + chunk), units.size()));
                    if (fails.test(String.join("", rest))) {
                        units = rest;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
                if (!reduced) {
                    if (n >= units.size()) {
                        break;
                    }
                    n = Math.min(units.size(), n * 2);
                }
            }
            return String.join("", units);
        }

        static String javaLiteral(String latin1) {
            StringBuilder b = new StringBuilder("\"");
            String shown = latin1.length() > 2000 ? latin1.substring(0, 2000) : latin1;
            for (char c : shown.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\r') {
                    b.append("\\r");
                } else if (c == '\t') {
                    b.append("\\t");
                } else if (c < 0x20 || c >= 0x7f) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').append(latin1.length() > 2000 ? "… (" + latin1.length() + " bytes)" : "").toString();
        }

        /** Writes the failing input (and its minimal form) under target/fuzz-failures/ to reproduce it. */
        static Path save(Input input, Input minimal) {
            try {
                Path dir = Corpus.ROOT.resolve("target/fuzz-failures")
                        .resolve(String.format("%08x", input.label().hashCode()));
                for (Map.Entry<String, Input> e : Map.of("input", input, "minimal", minimal == null ? input : minimal).entrySet()) {
                    for (Map.Entry<String, byte[]> f : e.getValue().files().entrySet()) {
                        Path p = dir.resolve(e.getKey()).resolve(f.getKey());
                        Files.createDirectories(p.getParent());
                        Files.write(p, f.getValue());
                    }
                }
                Files.writeString(dir.resolve("label.txt"), input.label() + "\n");
                return dir;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
