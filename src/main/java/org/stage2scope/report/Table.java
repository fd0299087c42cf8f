package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;

/** Rows with their columns: what the window shows, {@code check} prints and the exports write. */
public record Table<R>(List<Column<R>> columns, List<R> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** Every row's cells, in column order. */
    public List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (R r : rows) {
            List<String> line = new ArrayList<>(columns.size());
            for (Column<R> c : columns) {
                line.add(c.cell(r));
            }
            out.add(line);
        }
        return out;
    }

    /** The same columns over other rows (a selection, a filtered view). */
    public Table<R> withRows(List<R> subset) {
        return new Table<>(columns, subset);
    }

    public String format(TableFormat f) {
        return f.write(headers(), cells());
    }
}
