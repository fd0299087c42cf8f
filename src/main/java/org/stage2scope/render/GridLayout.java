package org.stage2scope.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;
import org.stage2scope.engine.grid.ScenarioCells;
import org.stage2scope.engine.stage2.KvmWrites;

/**
 * The memory-type grid as a picture: a title, column heads (encoding, meaning, what KVM writes
 * there), row groups, and one cell per combination with its named result. The class of a result is
 * a colour swatch with the band picture's pattern; the highlights never rely on colour: a cell less
 * cacheable than stage 2 allows gets a {@value #LESS} marker and a dashed outline, a cell the switch
 * changes a {@value #CHANGED} marker and bold text, a cell the open scenario lands in a {@value #SCENARIO}
 * marker. Widths come from the PNG painter's own font metrics (Java2D sans-serif).
 */
public final class GridLayout {
    public static final String LESS = "\u25BC";
    public static final String CHANGED = "\u0394";
    public static final String SCENARIO = "\u25CF";

    private static final double PAD = 8;
    private static final double SWATCH = 10;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private GridLayout() {}

    /** Text width as {@link PngPainter} draws it. */
    static double width(String text, double size, boolean bold) {
        Font f = new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size));
        return f.getStringBounds(text, FRC).getWidth();
    }

    /**
     * @param scenario the cells the open scenario's ranges land in (empty for none)
     */
    public static Scene scene(MemtypeGrid grid, Set<ScenarioCells.Key> scenario, Theme theme) {
        double fs = theme.fontSize();
        double line = Math.ceil(fs * 1.35);
        List<MemtypeGrid.Axis> rows = grid.rows();
        List<MemtypeGrid.Axis> cols = grid.columns();

        double rowHead = 0;
        for (MemtypeGrid.Axis r : rows) {
            rowHead = Math.max(rowHead, width(r.title(), fs, false));
            rowHead = Math.max(rowHead, width(r.group(), fs, true));
        }
        rowHead += 2 * PAD;
        double[] colW = new double[cols.size()];
        for (int k = 0; k < cols.size(); k++) {
            MemtypeGrid.Axis c = cols.get(k);
            double w = Math.max(width(c.id(), fs, true), width(c.name(), fs, false));
            for (String kvm : kvmLines(grid, k)) {
                w = Math.max(w, width(kvm, fs * 0.85, true));
            }
            for (int r = 0; r < rows.size(); r++) {
                String[] t = cellLines(grid.cell(r, k), scenario.contains(key(grid.cell(r, k))));
                w = Math.max(w, SWATCH + 4 + Math.max(width(t[0], fs, true), width(t[1], fs, true)));
            }
            colW[k] = w + 2 * PAD;
        }
        int kvmRows = 0;
        for (int k = 0; k < cols.size(); k++) {
            kvmRows = Math.max(kvmRows, kvmLines(grid, k).size());
        }
        double headH = (2 + kvmRows) * line + PAD;
        double cellH = 2 * line + PAD;
        List<String> groups = new ArrayList<>();
        rows.forEach(r -> {
            if (!groups.contains(r.group())) {
                groups.add(r.group());
            }
        });
        boolean grouped = groups.size() > 1;
        double titleH = 2 * line + PAD;
        String[] legend = legend(grid);
        double gridW = rowHead + sum(colW);
        double legendW = 0;
        for (String l : legend) {
            legendW = Math.max(legendW, width(l, fs, false));
        }
        double width = Math.max(gridW, Math.max(legendW, width(grid.title(), fs * 1.2, true))) + 2 * PAD;
        double height = titleH + headH + rows.size() * cellH + (grouped ? groups.size() * line : 0) + (legend.length + 1) * line + PAD;
        Scene s = new Scene(width, height, theme.background());

        double x0 = PAD;
        double y = PAD + line;
        s.add(new Scene.Text(x0, y, grid.title(), fs * 1.2, theme.foreground(), true, Scene.Anchor.START));
        y += titleH - line;

        // Column heads: encoding (bold), meaning, then what KVM writes there.
        double x = x0 + rowHead;
        for (int k = 0; k < cols.size(); k++) {
            MemtypeGrid.Axis c = cols.get(k);
            double cx = x + PAD;
            s.add(new Scene.Text(cx, y + line * 0.8, c.id(), fs, theme.foreground(), true, Scene.Anchor.START));
            s.add(new Scene.Text(cx, y + line * 1.8, c.name(), fs, theme.muted(), false, Scene.Anchor.START));
            List<String> kvm = kvmLines(grid, k);
            for (int i = 0; i < kvm.size(); i++) {
                s.add(new Scene.Text(cx, y + line * (2.8 + i), kvm.get(i), fs * 0.85, theme.foreground(), true, Scene.Anchor.START));
            }
            if (!kvm.isEmpty()) {
                // The columns KVM writes get a frame the height of the whole table.
                s.add(new Scene.Rect(x + 1, y, colW[k] - 2, headH + rows.size() * cellH + (grouped ? groups.size() * line : 0),
                        0, Pattern.NONE, 0, theme.foreground(), 2, false, true));
            }
            x += colW[k];
        }
        y += headH;

        String group = null;
        for (int r = 0; r < rows.size(); r++) {
            MemtypeGrid.Axis row = rows.get(r);
            if (grouped && !row.group().equals(group)) {
                group = row.group();
                s.add(new Scene.Rect(x0, y, gridW, line, theme.laneBackground(), Pattern.NONE, 0, -1, 0, false, false));
                s.add(new Scene.Text(x0 + PAD, y + line * 0.78, group, fs, theme.foreground(), true, Scene.Anchor.START));
                y += line;
            }
            s.add(new Scene.Text(x0 + PAD, y + line * 1.1, row.id(), fs, theme.foreground(), true, Scene.Anchor.START));
            s.add(new Scene.Text(x0 + PAD + width(row.id() + " ", fs, true), y + line * 1.1, row.name(), fs, theme.muted(), false,
                    Scene.Anchor.START));
            x = x0 + rowHead;
            for (int k = 0; k < cols.size(); k++) {
                cell(s, grid.cell(r, k), scenario.contains(key(grid.cell(r, k))), x, y, colW[k], cellH, line, theme);
                x += colW[k];
            }
            s.add(new Scene.Line(x0, y + cellH, x0 + gridW, y + cellH, theme.grid(), 1, false));
            y += cellH;
        }
        y += line;
        for (String l : legend) {
            s.add(new Scene.Text(x0, y, l, fs, theme.foreground(), false, Scene.Anchor.START));
            y += line;
        }
        return s;
    }

    private static void cell(Scene s, GridCell c, boolean inScenario, double x, double y, double w, double h, double line,
                             Theme theme) {
        Style style = Styles.memClass(c.combined().memClass());
        int fill = theme.fill(style);
        s.add(new Scene.Rect(x + PAD / 2, y + PAD / 2, SWATCH, h - PAD, fill, theme.pattern(style), Theme.patternOn(fill), -1, 0,
                false, false));
        if (c.lessCacheable()) {
            s.add(new Scene.Rect(x + 2, y + 2, w - 4, h - 4, 0, Pattern.NONE, 0, theme.foreground(), 1.5, true, true));
        }
        String[] t = cellLines(c, inScenario);
        double tx = x + PAD / 2 + SWATCH + 4;
        s.add(new Scene.Text(tx, y + line * 1.0, t[0], theme.fontSize(), theme.foreground(), c.switchChanges(), Scene.Anchor.START));
        s.add(new Scene.Text(tx, y + line * 2.0, t[1], theme.fontSize(), theme.foreground(), c.switchChanges() || inScenario,
                Scene.Anchor.START));
    }

    /** Two lines: the result's name, then its encoding and the markers ("0xff  ▼ Δ ●"). */
    public static String[] cellLines(GridCell c, boolean inScenario) {
        String label = c.label();
        int paren = label.endsWith(")") ? label.lastIndexOf(" (") : -1;
        String first = paren > 0 ? label.substring(0, paren) : label;
        String second = paren > 0 ? label.substring(paren + 2, label.length() - 1) : "";
        StringBuilder marks = new StringBuilder();
        if (c.lessCacheable()) {
            marks.append(' ').append(LESS);
        }
        if (c.switchChanges()) {
            marks.append(' ').append(CHANGED);
        }
        if (inScenario) {
            marks.append(' ').append(SCENARIO);
        }
        return new String[] {first, (second + marks).strip()};
    }

    private static List<String> kvmLines(MemtypeGrid grid, int column) {
        List<String> out = new ArrayList<>();
        if (grid.rows().isEmpty()) {
            return out;
        }
        for (KvmWrites.Write w : grid.cell(0, column).kvm()) {
            out.add("KVM: " + w.what());
        }
        return out;
    }

    private static ScenarioCells.Key key(GridCell c) {
        return new ScenarioCells.Key(c.row().id(), c.column().id());
    }

    private static String[] legend(MemtypeGrid grid) {
        String sw = grid.switchName();
        List<String> l = new ArrayList<>();
        l.add(LESS + "  (dashed outline) stage 1 makes the memory less cacheable than stage 2 allows"
                + (grid.arch() == org.stage2scope.model.Arch.ARM64 ? ": without FWB the host must clean caches before mapping it" : ""));
        if (sw != null) {
            l.add(CHANGED + "  (bold) flipping " + sw + " changes this cell");
        }
        l.add(SCENARIO + "  the open scenario has ranges here.   Framed columns: the values KVM writes"
                + (grid.modelled() ? ".   AMD cells are modelled." : "."));
        l.add("Swatch: colour and pattern of the result's class, as in the band picture (stripes Device, dots Normal NC, cross reserved).");
        return l.toArray(String[]::new);
    }

    private static double sum(double[] v) {
        double t = 0;
        for (double d : v) {
            t += d;
        }
        return t;
    }
}
