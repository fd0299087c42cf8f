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

    public static Scene of(Layout layout, Theme theme, View gpaView, double width, Scenario origin) {
        int legendRows = layout.legendRows(theme, width);
        double height = Layout.preferredHeight(theme, true, legendRows);
        Layout.Options o = new Layout.Options(true, true, org.stage2scope.engine.Ref.NONE, java.util.List.of(), origin);
        return layout.scene(width, height, gpaView, theme, o);
    }

    public static Scene of(Evaluation ev) {
        return of(ev, Theme.light(), View.ALL, EXPORT_WIDTH);
    }
}
