package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The strokes of a pattern over a rectangle, shared by the Java2D and JavaFX painters so both draw
 * the same marks. A 4-element array is a line (x1, y1, x2, y2); a 2-element array is a dot.
 * Anchored to absolute coordinates so neighbouring bands' patterns line up while panning.
 */
public final class PatternGeometry {
    private PatternGeometry() {}

    static final double STEP = 8;

    public static List<double[]> segments(Pattern p, double x, double y, double w, double h) {
        List<double[]> out = new ArrayList<>();
        if (w <= 0 || h <= 0) {
            return out;
        }
        switch (p) {
            case HATCH -> diagonals(out, x, y, w, h, 1);
            case CROSS -> {
                diagonals(out, x, y, w, h, 1);
                diagonals(out, x, y, w, h, -1);
            }
            case STRIPES -> {
                for (double sx = Math.ceil(x / STEP) * STEP; sx < x + w; sx += STEP) {
                    out.add(new double[] {sx, y, sx, y + h});
                }
            }
            case DOTS -> {
                for (double dy = Math.ceil(y / STEP) * STEP + STEP / 2; dy < y + h; dy += STEP) {
                    for (double dx = Math.ceil(x / STEP) * STEP + STEP / 2; dx < x + w; dx += STEP) {
                        out.add(new double[] {dx, dy});
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    private static void diagonals(List<double[]> out, double x, double y, double w, double h, int dir) {
        // Lines x - dir*y = c for c on the STEP grid, long enough to cross the box (clipped by the painter).
        double cMin = dir > 0 ? x - (y + h) : x + y;
        double cMax = dir > 0 ? x + w - y : x + w + y + h;
        for (double c = Math.floor(cMin / STEP) * STEP; c <= cMax; c += STEP) {
            if (dir > 0) {
                out.add(new double[] {c + y, y, c + y + h, y + h});
            } else {
                out.add(new double[] {c - y, y, c - y - h, y + h});
            }
        }
    }
}
