package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;

/** Horizontal spans already taken by labels in one row, so the next label can check it is free. */
final class Occupied {
    /** Past this many labels a row is full: checking more would cost more than it shows. */
    private static final int LIMIT = 200;

    private final List<double[]> spans = new ArrayList<>();

    boolean free(double from, double to) {
        if (spans.size() > LIMIT) {
            return false;
        }
        for (double[] s : spans) {
            if (from < s[1] && s[0] < to) {
                return false;
            }
        }
        return true;
    }

    void take(double from, double to) {
        spans.add(new double[] {from, to});
    }
}
