package dev.vpnc.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes rendered bundles to disk the way the compiler does (scripts executable). */
public final class Bundles {
    private Bundles() {
    }

    public static void write(Map<String, String> files, Path outputDir) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = outputDir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        Emitter.isExecutable(e.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
