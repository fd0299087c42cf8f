package org.stage2scope.render;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Vma;

/** The legend: one swatch per style the picture uses, wrapped into rows that fit the width. */
final class Legend {
    private final Set<Style> styles;

    Legend(Evaluation ev, List<MemslotResult> shownCalls) {
        styles = stylesUsed(ev, shownCalls);
    }

    /** Styles drawn for this evaluation, in legend order. */
    private static Set<Style> stylesUsed(Evaluation ev, List<MemslotResult> shownCalls) {
        Set<Style> used = EnumSet.noneOf(Style.class);
        for (Vma v : ev.scenario().vmas()) {
            used.add(Styles.vma(v));
        }
        for (MemslotResult m : shownCalls) {
            used.add(m.ok() ? Style.SLOT_OK : Style.SLOT_REFUSED);
        }
        for (Stage2Run s : ev.stage2()) {
            used.add(Styles.run(s));
        }
        for (EffectiveRun e : ev.effective()) {
            used.add(Styles.memClass(e.memClass()));
        }
        Set<Style> ordered = new LinkedHashSet<>();
        for (Style s : Style.values()) {
            if (used.contains(s) && s != Style.MIXED && !s.name().startsWith("ACCESS")) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    Set<Style> styles() {
        return styles;
    }

    /** Legend lines needed at this width. */
    int rows(Theme t, double width) {
        double x = 0;
        int rowsNeeded = 1;
        double avail = width - Layout.rows(t, width, false).left() - 16;
        for (Style s : styles) {
            double w = t.fontSize() * 2 + TextFit.width(s.label(), t.fontSize()) + t.fontSize() * 1.5;
            if (x + w > avail && x > 0) {
                rowsNeeded++;
                x = 0;
            }
            x += w;
        }
        return rowsNeeded;
    }

    void draw(Frame f, double y) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        Scene sc = f.scene();
        double fs = r.font() * 0.85;
        double x = f.left();
        double sw = r.font() * 1.6;
        double rowH = r.font() * 1.9;
        sc.add(new Scene.Text(8, y + rowH * 0.6, "Legend", r.font(), t.foreground(), true, Scene.Anchor.START));
        for (Style s : styles) {
            double w = sw + 6 + TextFit.width(s.label(), fs) + r.font() * 1.5;
            if (x + w > f.right() && x > f.left()) {
                x = f.left();
                y += rowH;
            }
            int fill = t.fill(s);
            sc.add(new Scene.Rect(x, y + 4, sw, rowH - 10, fill, t.pattern(s), Theme.patternOn(fill), t.muted(), 1,
                    s == Style.SLOT_REFUSED, false));
            sc.add(new Scene.Text(x + sw + 6, y + rowH * 0.6, s.label(), fs, t.foreground(), false, Scene.Anchor.START));
            x += w;
        }
    }
}
