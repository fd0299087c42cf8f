package org.stage2scope.render;

/** The visible window onto both axes, as a fraction [u0, u1] of [0, 1]. Immutable. */
public record View(double u0, double u1) {
    public static final View ALL = new View(0, 1);

    /** Narrowest view: 2^-40 of the axis, far below a 4 KiB page of a 2^64 space. */
    static final double MIN_SPAN = 0x1p-40;

    public View {
        double span = Math.max(MIN_SPAN, Math.min(1, u1 - u0));
        double a = Math.max(0, Math.min(1 - span, u0));
        u0 = a;
        u1 = a + span;
    }

    public double span() {
        return u1 - u0;
    }

    /** Zooms by {@code factor} (>1 zooms in) keeping {@code anchor} (a unit position) fixed on screen. */
    public View zoom(double factor, double anchor) {
        double span = span() / factor;
        double f = (anchor - u0) / span();
        return new View(anchor - f * span, anchor - f * span + span);
    }

    /** Moves by a fraction of the visible span (positive: right). */
    public View pan(double fractionOfSpan) {
        double d = fractionOfSpan * span();
        return new View(u0 + d, u1 + d);
    }

    /** A view showing [a, b] with a margin on both sides. */
    public static View around(double a, double b) {
        double span = Math.max(b - a, MIN_SPAN);
        return new View(a - span * 0.15, b + span * 0.15);
    }
}
