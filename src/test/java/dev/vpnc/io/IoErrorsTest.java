package dev.vpnc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void saysWhyAndNotOnlyWhere() {
        assertEquals("/etc/vpnc: Permission denied", IoErrors.describe(new AccessDeniedException("/etc/vpnc")));
        assertEquals("Permission denied", IoErrors.why(new AccessDeniedException("/etc/vpnc")));
        assertEquals("/x: Read-only file system", IoErrors.describe(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("disk full", IoErrors.describe(new IOException("disk full")));
    }

    @Test
    void aRealMissingFileIsNamedWithItsReason() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Files.readString(tmp.resolve("nope")));
        assertEquals(tmp.resolve("nope") + ": No such file or directory", IoErrors.describe(e));
    }
}
