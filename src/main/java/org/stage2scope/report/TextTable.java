package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.report.Table;

/** A terminal table: left-aligned columns two spaces apart, a header row, no rules or borders. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /** The shared table's headers and cells, so {@code check} prints exactly the rows the window shows. */
    static TextTable of(Table<?> table) {
        TextTable t = new TextTable(table.headers().toArray(String[]::new));
        for (List<String> r : table.cells()) {
            t.row(r.toArray());
        }
        return t;
    }

    TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    /** Renders every row with the given indent; trailing spaces are trimmed. */
    void appendTo(StringBuilder sb, String indent) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i + 1 < columns) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** Wraps a paragraph at {@code width} columns, each line starting with {@code indent}. */
    static void wrap(StringBuilder sb, String text, String firstIndent, String indent, int width) {
        String[] words = text.strip().split("\\s+");
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = 0;
        boolean first = true;
        for (String w : words) {
            if (!first && line.length() - lineStart + 1 + w.length() > width) {
                sb.append(line).append('\n');
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
        sb.append(line).append('\n');
    }
}
