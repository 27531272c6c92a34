package dev.vpnc.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * Why an I/O operation failed, in the system's words. Java's file exceptions carry only the path
 * as their message ({@code AccessDeniedException: /etc/vpnc}): a user reading "error: cannot
 * write /etc/vpnc: /etc/vpnc" learns nothing. The reason comes from the exception's kind, or the
 * reason the system gave, and the path is said once by the caller.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The system's words for the file errors Java names only by their class (none a subclass of another). */
    private static final Map<Class<? extends IOException>, String> REASONS = Map.of(
            AccessDeniedException.class, "Permission denied",
            NoSuchFileException.class, "No such file or directory",
            NotDirectoryException.class, "Not a directory",
            DirectoryNotEmptyException.class, "Directory not empty",
            FileAlreadyExistsException.class, "File exists",
            NotLinkException.class, "Not a symbolic link",
            FileSystemLoopException.class, "Too many levels of symbolic links");

    /** The reason, without the path: "Permission denied", "No such file or directory"... */
    public static String why(IOException e) {
        for (var kind : REASONS.entrySet()) {
            if (kind.getKey().isInstance(e)) {
                return kind.getValue();
            }
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "PATH: REASON", the path named by the exception when it names one. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + why(e);
        }
        return why(e);
    }
}
