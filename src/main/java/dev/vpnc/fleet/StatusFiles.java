package dev.vpnc.fleet;

import dev.vpnc.io.IoErrors;
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
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads {@code DIR/HOST.json} for each host. The files were written from what the hosts printed:
 * a file is read only when it is a regular file (a symbolic link could lead to any file of the
 * controller, a named pipe would block), of at most {@link #MAX_BYTES}, in UTF-8.
 */
public final class StatusFiles {
    /** status.sh of a gateway with a hundred tunnels prints about 100 KiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private StatusFiles() {
    }

    /** Each host's file, by host name. */
    public static SortedMap<String, Collected> read(Path dir, Collection<String> hosts) {
        SortedMap<String, Collected> out = new TreeMap<>();
        hosts.forEach(h -> out.put(h, read(dir, h)));
        return out;
    }

    static Collected read(Path dir, String host) {
        String name = host + ".json";
        Path file = dir.resolve(name);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Collected.Missing("no file " + name + " in " + StatusJson.safe(dir.toString()));
        } catch (IOException e) {
            return new Collected.Refused(name + " cannot be read: " + StatusJson.safe(IoErrors.why(e)));
        }
        if (attributes.isSymbolicLink()) {
            return new Collected.Refused(name + " is a symbolic link, which is not followed");
        }
        if (!attributes.isRegularFile()) {
            return new Collected.Refused(name + " is " + (attributes.isDirectory() ? "a directory" : "a special file")
                    + ", not a regular file");
        }
        String tooLarge = name + " is larger than " + MAX_BYTES / 1024 / 1024 + " MiB";
        if (attributes.size() > MAX_BYTES) {
            return new Collected.Refused(tooLarge);
        }
        byte[] bytes;
        // Not followed here either: a link put in place since the check is refused by the open.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return new Collected.Refused(name + " cannot be read: " + StatusJson.safe(IoErrors.why(e)));
        }
        if (bytes.length > MAX_BYTES) {
            return new Collected.Refused(tooLarge);
        }
        try {
            return new Collected.Json(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return new Collected.Refused(name + " is not UTF-8 text");
        }
    }
}
