package org.stage2scope.io;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one bridge from a report written to an {@link Appendable} as it is produced (what the command
 * line streams, so the largest input never becomes one string) to the whole text as a String (what
 * the window, the clipboard and the tests want): the same bytes either way.
 */
public final class Texts {
    private Texts() {}

    /** A report body that writes itself to {@code out}. */
    public interface Body {
        void writeTo(Appendable out) throws IOException;
    }

    public static String of(Body body) {
        StringBuilder sb = new StringBuilder();
        try {
            body.writeTo(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }
}
