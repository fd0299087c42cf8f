package org.stage2scope.io;

import java.io.IOException;

/**
 * Text for a terminal: every control character (C0 except newline and tab, DEL, C1) is written as a
 * visible escape, so a VMA named "ESC ]0;PWNED BEL" cannot retitle or clear the
 * user's terminal when a report or an error message prints it. JSON output is escaped by JSON.
 */
public final class ControlChars {
    private ControlChars() {}

    /** {@code text} with each control character written as {@code \x1b}. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * An {@link Appendable} that writes everything it is given to {@code out} escaped as
     * {@link #escape} would: the same bytes as escaping the whole text at once (each character is
     * escaped on its own), for a report streamed to its output instead of built as one string.
     */
    public static Appendable escaping(Appendable out) {
        return new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws IOException {
                out.append(escape(String.valueOf(csq)));
                return this;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws IOException {
                return append(String.valueOf(csq).substring(start, end));
            }

            @Override
            public Appendable append(char c) throws IOException {
                return append(String.valueOf(c));
            }
        };
    }

    /** The same, and newlines and tabs escaped too: for a value that must stay on one line. */
    public static String escapeLine(String text) {
        return text == null ? null : escape(text).replace("\n", "\\n").replace("\t", "\\t");
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }
}
