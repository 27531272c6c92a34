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

/**
 * Why an I/O operation failed, in the system's words. Java's file exceptions carry only the path
 * as their message ({@code AccessDeniedException: /etc/vpnc}): a user reading "error: cannot
 * write /etc/vpnc: /etc/vpnc" learns nothing. The reason comes from the exception's kind, or the
 * reason the system gave, and the path is said once by the caller.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason, without the path: "Permission denied", "No such file or directory"... */
    public static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotLinkException) {
            return "Not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
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
