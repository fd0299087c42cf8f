package org.stage2scope.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an input file for the command line and the app: only a regular file (a FIFO would block
 * forever, a device never ends), or standard input when the name is {@code -}; the size limit is
 * enforced while reading, so {@code /dev/zero} or an endless pipe stops at the limit instead of
 * exhausting the heap. Failures are one sentence naming the file and the cause.
 */
public final class InputFile {
    private InputFile() {}

    /** The name that means standard input. */
    public static final String STDIN = "-";

    /** Why an input cannot be read: {@link #getMessage()} is "what is wrong" without the file name. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] read(Path file, long limit, String limitHint) throws Unreadable {
        if (file.toString().equals(STDIN)) {
            return bounded(System.in, limit, limitHint);
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new Unreadable(describeMissing(file, e));
        }
        if (attrs.isDirectory()) {
            throw new Unreadable("a directory, not a file");
        }
        if (!attrs.isRegularFile()) {
            throw new Unreadable("not a regular file (a FIFO, socket or device); expected a file, or - for standard input");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in, limit, limitHint);
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + IoCause.describe(e));
        }
    }

    private static String describeMissing(Path file, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            Path parent = file.toAbsolutePath().getParent();
            return parent != null && !Files.isDirectory(parent, LinkOption.values()) ? "no such directory" : "no such file";
        }
        return "cannot read: " + IoCause.describe(e);
    }

    private static byte[] bounded(InputStream in, long limit, String limitHint) throws Unreadable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new Unreadable("the input is above the limit of " + limit + " bytes (" + (limit >> 20) + " MiB); " + limitHint);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new Unreadable("cannot read: " + IoCause.describe(e));
        }
        return out.toByteArray();
    }
}
