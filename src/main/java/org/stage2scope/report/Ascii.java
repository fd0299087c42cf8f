package org.stage2scope.report;

import java.text.Normalizer;

/** Plain-ASCII text for a mailing-list reply: common typography spelled out, accents dropped, controls removed. */
final class Ascii {
    private Ascii() {}

    static String of(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        String n = Normalizer.normalize(s, Normalizer.Form.NFD);
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                sb.append(' ');
            } else if (cp >= 0x20 && cp < 0x7f) {
                sb.append((char) cp);
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                // the accent of a decomposed letter: the letter itself was kept
            } else {
                sb.append(switch (cp) {
                    case 0x2192 -> "->";
                    case 0x2190 -> "<-";
                    case 0x2014 -> "--";
                    case 0x2013, 0x2010, 0x2011, 0x2212 -> "-";
                    case 0x2018, 0x2019 -> "'";
                    case 0x201c, 0x201d -> "\"";
                    case 0x2026 -> "...";
                    case 0x00d7 -> "x";
                    case 0x2264 -> "<=";
                    case 0x2265 -> ">=";
                    case 0x2248 -> "~";
                    case 0x00a0, 0x2009, 0x202f -> " ";
                    case 0x00b5 -> "u";
                    default -> cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ? "" : "?";
                });
            }
        }
        return sb.toString();
    }
}
