package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.List;

/** Splits captured text into lines, dropping the CR of CRLF transcripts (terminal copies keep them). */
final class Lines {
    private Lines() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(stripCr(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(stripCr(text.substring(start)));
        }
        return out;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
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
