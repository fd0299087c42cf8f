package org.stage2scope.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.stage2scope.io.IoCause;

/**
 * A UTF-8 {@link PrintStream} that remembers why a write failed. {@code PrintStream} swallows
 * {@code IOException}s and only sets a flag ({@link #checkError()}); this keeps the first exception
 * so that {@link Cli} can say "disk full" instead of "write error".
 */
public final class CheckedPrintStream extends PrintStream {
    private final Recorder recorder;

    public CheckedPrintStream(OutputStream target) {
        this(new Recorder(new BufferedOutputStream(target, 1 << 16)));
    }

    private CheckedPrintStream(Recorder recorder) {
        super(recorder, false, StandardCharsets.UTF_8);
        this.recorder = recorder;
    }

    /** The process's standard output, buffered and checked. */
    public static CheckedPrintStream stdout() {
        return new CheckedPrintStream(new FileOutputStream(FileDescriptor.out));
    }

    /** The process's standard error, flushed on every line so messages interleave with a terminal's. */
    public static PrintStream stderr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** Why the first failed write failed ("disk full"), or null when none failed. */
    String failure() {
        return recorder.failure == null ? null : IoCause.describe(recorder.failure);
    }

    private static final class Recorder extends FilterOutputStream {
        private IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }
    }
}
