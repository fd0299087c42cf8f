package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one axis's view lands on screen. The axis gives every collapsed gap a fixed share of [0, 1];
 * at fit that share is a narrow break, but a zoom stretches it with everything else, and a view of a
 * GiB spanning two gaps was 1,300 px of white beside 50 px of RAM under a scale line that promised one
 * linear scale. So in any view a break is drawn at most as wide as it is at fit ({@link
 * Axis#BREAK_SHARE} of the plot), and the address ranges in view share the rest at one linear scale
 * ({@link #pxPerUnit}). Positions are piecewise linear in units; outside the view they go on at that
 * scale, so a band the view cuts still reaches past the plot's edge. The HVA and GPA lanes each get
 * their own Plot, so no painter switches views.
 */
final class Plot {
    private final View view;
    private final double left;
    private final double right;
    /** Knots of the piecewise-linear map: unit positions and their pixels, from view.u0 to view.u1. */
    private final double[] ku;
    private final double[] kx;
    private final double pxPerUnit;

    private Plot(View view, double left, double right, double[] ku, double[] kx, double pxPerUnit) {
        this.view = view;
        this.left = left;
        this.right = right;
        this.ku = ku;
        this.kx = kx;
        this.pxPerUnit = pxPerUnit;
    }

    /** A plain linear plot (no axis breaks known). */
    static Plot linear(View view, double left, double right) {
        return new Plot(view, left, right, new double[] {view.u0(), view.u1()}, new double[] {left, right},
                (right - left) / view.span());
    }

    /** The plot of {@code view} of {@code axis}: breaks in view no wider than at fit, segments at one scale. */
    static Plot of(View view, double left, double right, Axis axis) {
        double width = right - left;
        double linear = width / view.span();
        double cap = Axis.BREAK_SHARE * width;
        List<double[]> cuts = new ArrayList<>(); // visible [u0, u1] of each break in view, and its capped px
        double breakUnits = 0;
        double breakPx = 0;
        for (Axis.Break b : axis.breaks()) {
            double u0 = Math.max(b.u0(), view.u0());
            double u1 = Math.min(b.u1(), view.u1());
            if (u1 <= u0) {
                continue;
            }
            double px = Math.min((u1 - u0) * linear, cap);
            cuts.add(new double[] {u0, u1, px});
            breakUnits += u1 - u0;
            breakPx += px;
        }
        double segUnits = view.span() - breakUnits;
        if (cuts.isEmpty() || segUnits <= view.span() * 1e-9 || breakPx >= width) {
            return linear(view, left, right); // nothing to give back, or nothing in view but gaps
        }
        double s = (width - breakPx) / segUnits;
        double[] ku = new double[cuts.size() * 2 + 2];
        double[] kx = new double[ku.length];
        int k = 0;
        double u = view.u0();
        double x = left;
        ku[k] = u;
        kx[k++] = x;
        for (double[] c : cuts) {
            x += (c[0] - u) * s;
            ku[k] = c[0];
            kx[k++] = x;
            x += c[2];
            ku[k] = c[1];
            kx[k++] = x;
            u = c[1];
        }
        ku[k] = view.u1();
        kx[k] = right;
        return new Plot(view, left, right, ku, kx, s);
    }

    View view() {
        return view;
    }

    double left() {
        return left;
    }

    double right() {
        return right;
    }

    /** Pixels one unit of address range (not of a break) takes in this view: the picture's one scale. */
    double pxPerUnit() {
        return pxPerUnit;
    }

    /** Pixels of [u0, u1] that fall inside the plot (a gap the view's edge cuts shows only that much). */
    double shown(double u0, double u1) {
        return Math.min(x(u1), right) - Math.max(x(u0), left);
    }

    double x(double u) {
        return map(ku, kx, u, pxPerUnit);
    }

    /** The unit position drawn at pixel {@code px} (the inverse of {@link #x}). */
    double u(double px) {
        return map(kx, ku, px, 1 / pxPerUnit);
    }

    /** {@code v} on the knots {@code from} carried onto {@code to}; past either end at {@code slope}. */
    private static double map(double[] from, double[] to, double v, double slope) {
        int n = from.length - 1;
        if (v <= from[0]) {
            return to[0] - (from[0] - v) * slope;
        }
        if (v >= from[n]) {
            return to[n] + (v - from[n]) * slope;
        }
        int i = segment(from, v);
        double d = from[i + 1] - from[i];
        return d <= 0 ? to[i] : to[i] + (v - from[i]) / d * (to[i + 1] - to[i]);
    }

    /** The knot interval [i, i+1] holding {@code v} in the ascending {@code k} (a view can hold thousands of breaks). */
    private static int segment(double[] k, double v) {
        int lo = 0;
        int hi = k.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (k[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
