package org.stage2scope.render;

/**
 * Where one axis's view lands on screen: unit positions in {@code view} map linearly onto
 * [left, right] pixels. The HVA and GPA lanes each get their own Plot, so no painter switches views.
 */
record Plot(View view, double left, double right) {
    double x(double u) {
        return left + (u - view.u0()) / view.span() * (right - left);
    }
}
