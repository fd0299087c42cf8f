package org.stage2scope.io;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;

/**
 * The memory-type grid as CSV, one line per stage-1 row, one column per stage-2 encoding, as the
 * explorer shows it: each cell the named result followed by its markers in words ("less-cacheable",
 * "changed-by-FWB"), so a spreadsheet keeps what the picture shows with symbols.
 */
public final class GridCsv {
    private GridCsv() {}

    public static String csv(MemtypeGrid grid) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("group", "stage 1", "stage 1 name"));
        for (MemtypeGrid.Axis c : grid.columns()) {
            head.add(c.id() + " " + c.name());
        }
        line(sb, head);
        for (int r = 0; r < grid.rows().size(); r++) {
            MemtypeGrid.Axis row = grid.rows().get(r);
            List<String> cells = new ArrayList<>(List.of(row.group(), row.id(), row.name()));
            for (int k = 0; k < grid.columns().size(); k++) {
                cells.add(cell(grid, grid.cell(r, k)));
            }
            line(sb, cells);
        }
        return sb.toString();
    }

    private static String cell(MemtypeGrid grid, GridCell c) {
        StringBuilder t = new StringBuilder(c.label());
        if (c.lessCacheable()) {
            t.append("; less-cacheable");
        }
        if (c.switchChanges()) {
            t.append("; changed-by-").append(grid.switchName());
        }
        if (c.kvmWrites()) {
            t.append("; kvm-writes");
        }
        return t.toString();
    }

    /** One CSV record (RFC 4180: fields with a comma, quote or line break are quoted). */
    static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }
}
