package org.stage2scope.render;

import org.stage2scope.engine.Evaluation;

/** The exported picture of a whole evaluation: one place decides its size, so Export and the headless fallback agree. */
public final class Picture {
    private Picture() {}

    public static final double EXPORT_WIDTH = 1600;

    /** The whole scenario (or {@code view}) with caption and legend, sized to fit its legend. */
    public static Scene of(Evaluation ev, Theme theme, View view, double width) {
        return of(ev, theme, view, view, width);
    }

    public static Scene of(Evaluation ev, Theme theme, View gpaView, View hvaView, double width) {
        Layout layout = Layout.of(ev);
        int legendRows = layout.legendRows(theme, width);
        double height = Layout.preferredHeight(theme, true, legendRows);
        return layout.scene(width, height, gpaView, hvaView, theme, Layout.Options.EXPORT);
    }

    public static Scene of(Evaluation ev) {
        return of(ev, Theme.light(), View.ALL, EXPORT_WIDTH);
    }
}
