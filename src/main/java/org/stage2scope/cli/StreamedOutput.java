package org.stage2scope.cli;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@link Appendable} a report is streamed to: text goes to the command's output in chunks as the
 * report produces it, so no report is ever held whole (at the largest valid scenario, {@code check}
 * writes 300 MB). As soon as the output says a write failed (a full disk, a closed pipe), the next
 * append throws {@link Failed}, which stops the report; {@link Verb} then leaves the exit code and the
 * sentence to {@link Cli}'s usual check of the output ("cannot write to the standard output: disk full").
 */
final class StreamedOutput implements Appendable {
    /** Thrown into the report once the output has failed: nothing more needs to be produced. */
    static final class Failed extends IOException {
        Failed() {
            super("the output could not be written");
        }
    }

    /** Chunks of this many characters reach the stream (its own buffer is 64 KiB of bytes). */
    static final int CHUNK = 1 << 15;

    private final PrintStream out;
    private final StringBuilder chunk = new StringBuilder(CHUNK + 1024);

    StreamedOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public Appendable append(CharSequence csq) throws IOException {
        chunk.append(csq);
        return full();
    }

    @Override
    public Appendable append(CharSequence csq, int start, int end) throws IOException {
        chunk.append(csq, start, end);
        return full();
    }

    @Override
    public Appendable append(char c) throws IOException {
        chunk.append(c);
        return full();
    }

    private Appendable full() throws IOException {
        if (chunk.length() >= CHUNK) {
            flush();
        }
        return this;
    }

    /** Hands what is buffered to the stream; throws {@link Failed} if the stream has failed. */
    void flush() throws IOException {
        out.print(chunk);
        chunk.setLength(0);
        // A CheckedPrintStream knows without flushing; checkError() on any other stream flushes it.
        boolean failed = out instanceof CheckedPrintStream c ? c.failure() != null : out.checkError();
        if (failed) {
            throw new Failed();
        }
    }
}
