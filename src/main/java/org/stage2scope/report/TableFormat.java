package org.stage2scope.report;

import java.util.List;

/** How a table is written for pasting elsewhere: a forge (Markdown), a spreadsheet (CSV, TSV). */
public enum TableFormat {
    /** A GitHub-flavoured Markdown table; every cell escaped so it stays one cell and renders as written. */
    MARKDOWN("Markdown") {
        @Override
        public String write(List<String> header, List<List<String>> rows) {
            StringBuilder sb = new StringBuilder();
            markdownLine(sb, header);
            sb.append('|');
            for (int i = 0; i < header.size(); i++) {
                sb.append("---|");
            }
            sb.append('\n');
            rows.forEach(r -> markdownLine(sb, r));
            return sb.toString();
        }
    },
    /** RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes doubled. */
    CSV("CSV") {
        @Override
        public String write(List<String> header, List<List<String>> rows) {
            StringBuilder sb = new StringBuilder();
            csvLine(sb, header);
            rows.forEach(r -> csvLine(sb, r));
            return sb.toString();
        }
    },
    /** Tab-separated values (IANA text/tab-separated-values): a field may hold no tab or line break, so they become spaces. */
    TSV("TSV") {
        @Override
        public String write(List<String> header, List<List<String>> rows) {
            StringBuilder sb = new StringBuilder();
            tsvLine(sb, header);
            rows.forEach(r -> tsvLine(sb, r));
            return sb.toString();
        }
    };

    private final String title;

    TableFormat(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public abstract String write(List<String> header, List<List<String>> rows);

    private static void markdownLine(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(markdownCell(c)).append(" |");
        }
        sb.append('\n');
    }

    /**
     * A cell's text as GFM shows it literally: the pipe would end the cell (GFM needs {@code \|} even
     * inside code), and the other marks would turn into emphasis, code, links or HTML.
     */
    static String markdownCell(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\', '|', '*', '`', '<', '>', '[', ']', '~' -> sb.append('\\').append(ch);
                // Inside a word (VM_PFNMAP) an underscore is literal in GFM; only at a word's edge can it start emphasis.
                case '_' -> sb.append(inWord(text, i) ? "_" : "\\_");
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(ch);
            }
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? " " : s;
    }

    private static boolean inWord(String s, int i) {
        return i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\r') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }

    private static void tsvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(cells.get(i).replace('\t', ' ').replace('\r', ' ').replace('\n', ' '));
        }
        sb.append('\n');
    }
}
