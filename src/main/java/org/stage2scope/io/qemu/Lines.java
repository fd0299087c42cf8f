package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits captured text into lines as a user pastes them from a terminal: a leading byte-order mark,
 * every trailing CR (CRLF, and the CR CR LF of a pty log) and terminal escape sequences (colours,
 * titles: CSI, OSC and two-byte ESC sequences) are removed. Line numbers stay those of the file.
 */
final class Lines {
    private Lines() {}

    /** What QEMU's human monitor prints before each command. */
    static final String PROMPT = "(qemu)";

    /** CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \\), or ESC and one more character. */
    private static final Pattern ESCAPE = Pattern.compile("\\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)?|.)?|\\x9b[0-?]*[ -/]*[@-~]");

    static List<String> split(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                out.add(clean(t.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < t.length()) {
            out.add(clean(t.substring(start)));
        }
        return out;
    }

    private static String clean(String line) {
        String l = line.indexOf(0x1b) >= 0 || line.indexOf(0x9b) >= 0 ? ESCAPE.matcher(line).replaceAll("") : line;
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == '\r') {
            end--;
        }
        return l.substring(0, end);
    }

    /**
     * A line with a pasted monitor prompt in front of table content: the content, as if the prompt
     * were not there; {@code null} for a bare prompt (nothing after it). A prompt followed by a
     * command ("(qemu) info ramblock") is returned unchanged: it starts the next command's output.
     */
    static String withoutPrompt(String line) {
        if (!line.startsWith(PROMPT)) {
            return line;
        }
        String rest = line.substring(PROMPT.length());
        if (rest.isBlank()) {
            return null;
        }
        return rest.length() > 1 && rest.charAt(0) == ' ' && Character.isWhitespace(rest.charAt(1)) ? rest.substring(1) : line;
    }

    /** Parses up to 16 hex digits (leading zeros beyond that allowed) as an unsigned 64-bit value; null when above 2^64 - 1. */
    static Long hex64(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        if (d.length() > 16) {
            return null;
        }
        return Long.parseUnsignedLong(d, 16);
    }
}
