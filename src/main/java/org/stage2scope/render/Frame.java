package org.stage2scope.render;

/**
 * Everything one frame's painters share: the scene they add to, the theme, the rows, and the two
 * plots (GPA lanes and HVA lane).
 */
record Frame(Scene scene, Theme theme, Layout.Rows rows, Plot gpa, Plot hva) {

    /** Left edge of the plot area (after the lane titles). */
    double left() {
        return gpa.left();
    }

    /** Right edge of the plot area. */
    double right() {
        return gpa.right();
    }

    double font() {
        return rows.font();
    }

    /** A plain filled rectangle without outline. */
    Scene.Rect rect(double x, double y, double w, double h, int fill) {
        return new Scene.Rect(x, y, w, h, fill, Pattern.NONE, 0, -1, 0, false, false);
    }

    /** Keeps a coordinate just outside the plot area, so far-off vertices do not reach the margins. */
    double clip(double v) {
        return Math.max(left() - 2, Math.min(right() + 2, v));
    }
}
