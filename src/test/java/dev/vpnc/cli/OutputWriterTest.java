package dev.vpnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All-or-nothing replacement of the output tree, on an in-memory POSIX file system. */
class OutputWriterTest {
    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
    private final Path out = fs.getPath("/work/out");

    @Test
    void unchangedFilesKeepTheirInodeAndTimeChangedOnesAreReplacedRemovedOnesGo() throws Exception {
        OutputWriter.write(out, Map.of("h/a.conf", "a", "h/b.conf", "b", "h/up.sh", "#!/bin/sh\n"), p -> p.endsWith(".sh"));
        FileTime old = FileTime.fromMillis(1000);
        Files.setLastModifiedTime(out.resolve("h/a.conf"), old);
        Object inode = Files.getAttribute(out.resolve("h/a.conf"), "unix:ino");

        int written = OutputWriter.write(out, Map.of("h/a.conf", "a", "h/up.sh", "#!/bin/sh\necho\n"), p -> p.endsWith(".sh"));

        assertEquals(1, written, "only up.sh changed");
        assertEquals(old, Files.getLastModifiedTime(out.resolve("h/a.conf")));
        assertEquals(inode, Files.getAttribute(out.resolve("h/a.conf"), "unix:ino"));
        assertFalse(Files.exists(out.resolve("h/b.conf")), "a file no longer produced is gone");
        assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("h/up.sh"))));
        assertFalse(Files.exists(fs.getPath("/work/.out.vpnc-new")));
        assertFalse(Files.exists(fs.getPath("/work/.out.vpnc-old")));
    }

    @Test
    void aRunThatDiedBetweenTheTwoRenamesIsRepaired() throws Exception {
        OutputWriter.write(out, Map.of("h/a.conf", "a"), p -> false);
        Files.move(out, fs.getPath("/work/.out.vpnc-old"));
        OutputWriter.write(out, Map.of("h/a.conf", "a2"), p -> false);
        assertEquals("a2", Files.readString(out.resolve("h/a.conf")));
        assertFalse(Files.exists(fs.getPath("/work/.out.vpnc-old")));
    }

    @Test
    void aForeignDirectoryIsRefusedAndUntouched() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThrows(OutputWriter.Refused.class, () -> OutputWriter.write(out, Map.of("h/a", "a"), p -> false));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void aPathOutsideTheOutputIsRefusedAndTheOldOutputStays() throws Exception {
        OutputWriter.write(out, Map.of("h/a.conf", "a"), p -> false);
        assertThrows(OutputWriter.Refused.class, () -> OutputWriter.write(out, Map.of("../escape", "x"), p -> false));
        assertEquals("a", Files.readString(out.resolve("h/a.conf")));
        assertTrue(Files.notExists(fs.getPath("/work/escape")));
        assertTrue(Files.notExists(fs.getPath("/work/.out.vpnc-new")), "the half-built tree is removed");
    }
}
