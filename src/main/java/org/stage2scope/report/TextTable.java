package org.stage2scope.report;

import java.io.IOException;

/**
 * A terminal table: left-aligned columns two spaces apart, a header row, no rules or borders.
 *
 * <p>Streamed: the rows are produced twice, once to measure the columns and once to write them, so
 * a table of 200,000 memslot calls never holds its cells (nor the report its text) in memory.
 */
final class TextTable {
    /** Receives the cells of one row; null cells print as "-". */
    interface RowSink {
        void row(Object... cells) throws IOException;
    }

    /** Produces every row, in order, the same each time it is called. */
    interface Rows {
        void each(RowSink sink) throws IOException;
    }

    private TextTable() {}

    /**
     * Writes the header and every row with the given indent, each column as wide as its widest cell;
     * trailing spaces are trimmed. Writes nothing and returns false when there is no row.
     */
    static boolean write(Appendable out, String indent, String[] header, Rows rows) throws IOException {
        int columns = header.length;
        int[] width = new int[columns];
        measure(width, header);
        int[] count = {0};
        rows.each(cells -> {
            measure(width, texts(columns, cells));
            count[0]++;
        });
        if (count[0] == 0) {
            return false;
        }
        line(out, indent, width, header);
        rows.each(cells -> line(out, indent, width, texts(columns, cells)));
        return true;
    }

    private static String[] texts(int columns, Object[] cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        return r;
    }

    private static void measure(int[] width, String[] cells) {
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(width[i], cells[i].length());
        }
    }

    private static void line(Appendable out, String indent, int[] width, String[] cells) throws IOException {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < width.length; i++) {
            line.append(cells[i]);
            if (i + 1 < width.length) {
                line.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Wraps a paragraph at {@code width} columns, each line starting with {@code indent}. */
    static void wrap(Appendable out, String text, String firstIndent, String indent, int width) throws IOException {
        String[] words = text.strip().split("\\s+");
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = 0;
        boolean first = true;
        for (String w : words) {
            if (!first && line.length() - lineStart + 1 + w.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
                first = true;
            }
            if (!first) {
                line.append(' ');
            }
            line.append(w);
            first = false;
        }
        out.append(line).append('\n');
    }
}
