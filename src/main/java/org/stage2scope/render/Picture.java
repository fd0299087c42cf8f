package org.stage2scope.render;

import org.stage2scope.engine.Evaluation;
import org.stage2scope.model.Scenario;

/**
 * The exported picture of an evaluation: one place decides its size, so Export, "Export visible
 * part", the headless fallback and {@code render --gpa} draw the same picture for the same view.
 */
public final class Picture {
    private Picture() {}

    public static final double EXPORT_WIDTH = 1600;

    /** {@code gpaView} of the scenario with caption and legend, sized to fit its legend. */
    public static Scene of(Evaluation ev, Theme theme, View gpaView, double width) {
        return of(ev, theme, gpaView, width, null);
    }

    /** As above; the caption says what differs from {@code origin} (the file or sample it came from). */
    public static Scene of(Evaluation ev, Theme theme, View gpaView, double width, Scenario origin) {
        return of(Layout.of(ev), theme, gpaView, width, origin);
    }

    /**
     * Drawn at the height every legend entry would need, then cut under the rows the legend drew when the
     * view holds fewer kinds of mark than the evaluation (a zoom, a scenario without gaps), so an export ends
     * under its last legend row. Nothing in the picture depends on its height, so the cut is the picture
     * drawn at that height, without drawing it twice.
     */
    public static Scene of(Layout layout, Theme theme, View gpaView, double width, Scenario origin) {
        int most = layout.legendRows(theme, width);
        Layout.Options o = new Layout.Options(true, true, org.stage2scope.engine.Ref.NONE, java.util.List.of(), origin);
        Scene s = layout.scene(width, Layout.preferredHeight(theme, true, most), gpaView, theme, o);
        int used = layout.legendRows(s, theme, width);
        return used == most ? s : s.withHeight(Layout.preferredHeight(theme, true, used));
    }

    public static Scene of(Evaluation ev) {
        return of(ev, Theme.light(), View.ALL, EXPORT_WIDTH);
    }
}
