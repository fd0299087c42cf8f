package org.stage2scope.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Every file Stage2Scope writes for the user (scenarios, reports, pictures) goes through here: a temp
 * file beside the target, flushed to disk, then renamed over it. A failure at any step leaves the old
 * file as it was and no temp file behind.
 *
 * <p>Like a plain write would: a symlink is followed and its target replaced (the link stays), a
 * path such as {@code dir/../x} is resolved by the OS (not by string editing), a new file gets the
 * mode the umask gives (the temp file is created without explicit permissions), and a replaced file
 * keeps its mode. Temp files are {@code .NAME.DIGITS.tmp}; ones left by a killed run are removed by
 * the next successful write of the same file. Failures are IOExceptions whose message is the cause
 * in plain words ("disk full", "permission denied", "no such directory"). A target that exists but is
 * not a regular file (a device such as {@code /dev/full}, a FIFO, a socket, or a link to one) is
 * refused before anything is written: renaming over it would replace the node.
 */
public final class AtomicFile {
    private AtomicFile() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LINKS = 40; // as the kernel's MAXSYMLINKS

    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path file, Body body) throws IOException {
        if (file.toString().isEmpty()) {
            throw new IOException("an empty path names no file");
        }
        Path target = followLinks(file.toAbsolutePath());
        Path dir = target.getParent();
        Path name = target.getFileName();
        if (dir == null || name == null) {
            throw new IOException("not a file name");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // The rename below would put a regular file where the node was: as root, "-o /dev/full"
            // (or a link to it) replaced the device. A device, FIFO or socket is never ours to replace.
            throw new IOException("is " + kindOf(target) + ", not a regular file: expected a file to write");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(Files.exists(dir) ? "not a directory: " + dir : "no such directory");
        }
        Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.write(out);
                out.flush();
                // fsync before the rename: otherwise a crash can leave the new name pointing at empty data.
                ch.force(true);
            }
            if (Files.exists(target)) {
                keepPermissions(tmp, target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(IoCause.describe(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        removeStaleTemps(dir, name.toString());
    }

    /** The file a chain of symlinks ends at (possibly not existing yet), each relative link read against its own directory. */
    private static Path followLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(p); i++) {
            Path link = Files.readSymbolicLink(p);
            p = p.resolveSibling(link);
        }
        if (Files.isSymbolicLink(p)) {
            throw new IOException("too many levels of symbolic links");
        }
        return p;
    }

    /** What a non-regular node is, in lower case: callers pass the message through IoCause, which lowercases. */
    private static String kindOf(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) { // S_IFMT
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a named pipe";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static void keepPermissions(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
    }

    /** Our own leftovers for this file name from a write that was killed; never anything else. */
    private static void removeStaleTemps(Path dir, String name) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9]+\\.tmp");
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "." + name.replaceAll("[\\\\*?\\[\\]{}]", "?") + ".*.tmp")) {
            for (Path p : stream) {
                if (ours.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (NoSuchFileException e) {
                        // removed meanwhile
                    }
                }
            }
        } catch (IOException e) {
            // best effort: the write itself succeeded
        }
    }
}
