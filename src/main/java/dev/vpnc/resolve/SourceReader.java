package dev.vpnc.resolve;

import dev.vpnc.diag.Code;
import dev.vpnc.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The input side of vpnc's trust boundary: every file the compiler reads as text (the root
 * source, its imports, the lock file) is read here, and only here. Whoever writes the .vpn files
 * may also control the files around them, so a file is read only when
 * <ul>
 * <li>its real path (links resolved) ends in {@code .vpn} (imports: the name written too), is not
 *     in the key store, and, for an import, lies under an allowed tree: the real folder of the root
 *     file, or a folder given with {@code --allow-imports};</li>
 * <li>it is a regular file, by its type read without following links before it is opened (a FIFO
 *     would block the open, a device never ends); the lock must not be a link at all;</li>
 * <li>it holds at most {@link #MAX_BYTES} bytes (at most one more is ever read), in UTF-8.</li>
 * </ul>
 * A refusal says why in words about the file's name and kind, never about its content. The lock is
 * not .vpn text: it comes back {@link SourceFile#opaque opaque}, so diagnostics locate its lines
 * without quoting them.
 */
public final class SourceReader {
    /** The largest source or lock file read: far above any real network (and 1 MB test lines). */
    public static final int MAX_BYTES = 16 << 20;
    static final String LIMIT_TEXT = "16 MiB";

    private static final String EXTENSION = ".vpn";

    private final List<Path> trees;
    private final Path keyStore;
    private final String keyStoreShown;
    /** Texts that replace what is on disk, by real path: an editor's unsaved buffers. */
    private final Map<Path, String> unsaved;

    private SourceReader(List<Path> trees, Path keyStore, String keyStoreShown, Map<Path, String> unsaved) {
        this.trees = trees;
        this.keyStore = keyStore;
        this.keyStoreShown = keyStoreShown;
        this.unsaved = Map.copyOf(unsaved);
    }

    /**
     * The same reader, reading an allowed import from {@code unsaved} (keyed by real path) when it
     * is there: the language server analyses a buffer that imports another open, modified one.
     * The policy is unchanged: an import is still located, checked and refused as on disk.
     */
    public SourceReader withUnsaved(Map<Path, String> unsaved) {
        return new SourceReader(trees, keyStore, keyStoreShown, unsaved);
    }

    /**
     * The reader for a compilation whose imports resolve from {@code sourceDir} (the root file's
     * folder): imports may reach that folder and below, and the folders in {@code allowImports}.
     * {@code keyStore} may be null (nothing to protect, as in tests of the language alone).
     */
    public static SourceReader of(Path sourceDir, List<Path> allowImports, Path keyStore) {
        List<Path> trees = new ArrayList<>();
        trees.add(real(sourceDir));
        allowImports.forEach(p -> trees.add(real(p)));
        return new SourceReader(List.copyOf(trees), keyStore == null ? null : real(keyStore),
                keyStore == null ? "" : keyStore.toString(), Map.of());
    }

    /** What a read gave: the text and the file's real path (its identity), or why it was refused. */
    public sealed interface Read permits Text, Refused {
    }

    public record Text(Path realPath, SourceFile source) implements Read {
    }

    /** Why a file was not read; built only from its name and kind, never from its bytes. */
    public record Refused(Code code, String message, String label, String help) implements Read, Lookup {
    }

    /** Where an import leads, checked against the policy but not yet read: a file allowed, or a refusal. */
    public sealed interface Lookup permits Allowed, Refused {
    }

    /** An import the policy allows; its real path identifies the file (links make one file many names). */
    public record Allowed(Path realPath, String shown) implements Lookup {
    }

    /** The file named on the command line. */
    public Read root(Path file) {
        String shown = file.toString();
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return unreadable("`" + shown + "`", "", "it does not exist", "check the path of the .vpn file");
        } catch (IOException e) {
            return unreadable("`" + shown + "`", "", "it cannot be read", "check that the file exists and is readable");
        }
        Refused refused = inKeyStore(real, "cannot read `" + shown + "` as source", "");
        if (refused == null) {
            refused = notSource(real, shown, "", "it is not a `.vpn` file");
        }
        return refused != null ? refused : readSource(real, shown, "");
    }

    /**
     * Where an import leads, if the policy allows it; {@code written} is the path as the import
     * statement has it, {@code path} the same resolved against the importing file's folder. Nothing
     * is opened: the caller may already have the file (an import seen twice, a cycle).
     */
    public Lookup locate(String written, Path path) {
        String shown = path.toString();
        String label = "imported here";
        if (!written.endsWith(EXTENSION)) {
            return new Refused(Code.E0111, "cannot import `" + written + "`: only `.vpn` files can be imported",
                    "not a .vpn file", "import a .vpn source file; vpnc reads no other file as source");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            return new Refused(Code.E0101, "file `" + written + "` not found", label,
                    "paths are relative to the importing file; this one resolves to `" + shown + "`");
        } catch (IOException e) {
            return unreadable("`" + shown + "`", label, "it cannot be read", "check that the file exists and is readable");
        }
        Refused refused = inKeyStore(real, "cannot import `" + written + "`", "in the key store");
        if (refused == null) {
            refused = notSource(real, written, "links to a file that is not .vpn source",
                    "it is a link to a file that is not a `.vpn` file");
        }
        if (refused == null && trees.stream().noneMatch(real::startsWith)) {
            refused = new Refused(Code.E0110, "cannot import `" + written + "`: it is outside the source tree",
                    "outside the source tree",
                    "imports stay in the folder of the main .vpn file and below; move the file there, "
                            + "or allow its folder with `--allow-imports DIR`");
        }
        return refused != null ? refused : new Allowed(real, shown);
    }

    /** Reads an allowed import: its type first (a FIFO or a device is never opened), then its text. */
    public Read read(Allowed file) {
        String buffer = unsaved.get(file.realPath());
        if (buffer != null) {
            return new Text(file.realPath(), new SourceFile(file.shown(), buffer));
        }
        return readSource(file.realPath(), file.shown(), "imported here");
    }

    /** The lock file, empty when there is none; never a link, and its text never quoted. */
    public static Read lock(Path file) {
        String what = "the lock file `" + file + "`";
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Text(file, SourceFile.opaque(file.toString(), ""));
        } catch (IOException e) {
            return unreadable(what, "", "it cannot be read", "check the file's permissions");
        }
        if (attributes.isSymbolicLink()) {
            return new Refused(Code.E0113, what + " is a symbolic link", "",
                    "replace the link with the lock file itself: vpnc follows no link here, since one could lead to any file");
        }
        if (!attributes.isRegularFile()) {
            return notRegular(file, attributes, what, "", "make `" + file + "` a regular file, or delete it");
        }
        return readBounded(file, attributes, what, "", "restore it from version control, or delete it to allocate everything afresh",
                text -> SourceFile.opaque(file.toString(), text));
    }

    /** {@code what}: how the message names the file, e.g. "cannot import `x.vpn`". */
    private Refused inKeyStore(Path real, String what, String label) {
        if (keyStore == null || !real.startsWith(keyStore)) {
            return null;
        }
        return new Refused(Code.E0112, what + ": the file is in the key store `" + keyStoreShown + "`, which is never read as source",
                label, "keep .vpn files out of the key store, and the key store out of imports");
    }

    private static Refused notSource(Path real, String shown, String label, String why) {
        if (real.getFileName() != null && real.getFileName().toString().endsWith(EXTENSION)) {
            return null;
        }
        return new Refused(Code.E0111, "cannot read `" + shown + "` as source: " + why, label,
                "give vpnc .vpn source files only; it reads no other file as source");
    }

    /** Checks the type, then reads: a FIFO or a device is never opened. */
    private static Read readSource(Path real, String shown, String label) {
        String what = "`" + shown + "`";
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return unreadable(what, label, "it cannot be read", "check that the file exists and is readable");
        }
        if (!attributes.isRegularFile()) {
            return notRegular(real, attributes, what, label, "use a regular .vpn file; vpnc opens no folder, device or named pipe as source");
        }
        return readBounded(real, attributes, what, label, "save the file as UTF-8", text -> new SourceFile(shown, text));
    }

    private static Refused notRegular(Path path, BasicFileAttributes attributes, String what, String label, String help) {
        return new Refused(Code.E0113, "cannot read " + what + ": it is " + kind(path, attributes) + ", not a regular file",
                label, help);
    }

    /** What a file that is not regular is, in words, from its mode (links not followed). */
    private static String kind(Path path, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (type) {
                case 0010000: return "a named pipe (FIFO)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // No unix view (not Linux or macOS): the generic words below still say what matters.
        }
        return "a special file";
    }

    /** The text, or why not; reads at most one byte over the limit, so a growing file cannot fill memory. */
    private static Read readBounded(Path path, BasicFileAttributes attributes, String what, String label,
                                    String notUtf8Help, Function<String, SourceFile> source) {
        Refused tooLarge = new Refused(Code.E0108, "cannot read " + what + ": it is larger than " + LIMIT_TEXT, label,
                "vpnc reads files of up to " + LIMIT_TEXT + "; split the source into files that import each other");
        if (attributes.size() > MAX_BYTES) {
            return tooLarge;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return unreadable(what, label, "it cannot be read", "check that the file is readable");
        }
        if (bytes.length > MAX_BYTES) {
            return tooLarge;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Text(path, source.apply(text));
        } catch (CharacterCodingException e) {
            return unreadable(what, label, "it is not valid UTF-8", notUtf8Help);
        }
    }

    private static Refused unreadable(String what, String label, String why, String help) {
        return new Refused(Code.E0108, "cannot read " + what + ": " + why, label, help);
    }

    /** The real path when there is one; else the absolute one (a folder that does not exist holds nothing). */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
