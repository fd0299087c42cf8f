package org.stage2scope.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The cause of an I/O failure in the words a user expects ("disk full", "permission denied",
 * "no such directory"), without Java class names or the temp file's path. Messages of the form
 * {@code PATH: cannot write: CAUSE} are built from this everywhere a file is read or written.
 */
public final class IoCause {
    private IoCause() {}

    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "the file already exists";
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "disk full";
        }
        if (lower.contains("disk quota")) {
            return "disk quota exceeded";
        }
        if (lower.contains("permission denied")) {
            return "permission denied";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system";
        }
        if (lower.contains("broken pipe")) {
            return "broken pipe";
        }
        if (lower.contains("is a directory")) {
            return "is a directory";
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
