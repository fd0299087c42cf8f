package org.stage2scope.ui;

import java.util.List;
import java.util.stream.Collectors;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.EvaluationDiff;

/** The words the status line says about an edit's changes (the rule that finds them is engine.EvaluationDiff). */
final class ChangeSummary {
    /** Changes named on the status line itself; the rest are counted and live in its tooltip. */
    static final int NAMED = 4;

    private ChangeSummary() {}

    /** "Changed: 4 lanes — a; b; c; +5 more", or "No outcome changed" so a toggle that did nothing says so. */
    static String line(List<Change> changes) {
        if (changes.isEmpty()) {
            return "No outcome changed";
        }
        int lanes = EvaluationDiff.lanes(changes);
        String named = firstPerLane(changes).stream().limit(NAMED).map(Change::text).collect(Collectors.joining("; "));
        int rest = changes.size() - NAMED;
        return "Changed: " + lanes + (lanes == 1 ? " lane" : " lanes") + " \u2014 " + named
                + (rest > 0 ? "; +" + rest + " more" : "");
    }

    /** One change of each lane first, so a short line still says which lanes moved; then the rest in order. */
    static List<Change> firstPerLane(List<Change> changes) {
        java.util.Set<Change.Lane> seen = java.util.EnumSet.noneOf(Change.Lane.class);
        java.util.List<Change> first = new java.util.ArrayList<>();
        java.util.List<Change> rest = new java.util.ArrayList<>();
        for (Change c : changes) {
            (seen.add(c.lane()) ? first : rest).add(c);
        }
        first.addAll(rest);
        return first;
    }

    /** Every change, one per line. */
    static String full(List<Change> changes) {
        return changes.stream().map(Change::text).collect(Collectors.joining("\n"));
    }
}
