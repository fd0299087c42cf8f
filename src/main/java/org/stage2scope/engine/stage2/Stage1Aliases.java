package org.stage2scope.engine.stage2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.U64;

/**
 * Guest stage-1 ranges that overlap with different attributes map the same GPA twice with different
 * memory types: mismatched aliases. The Arm ARM ("Mismatched memory attributes") makes coherency
 * between such aliases unpredictable unless the software maintains it, and the Intel SDM (vol. 3A
 * 11.12.4) warns that mapping one page with different PAT types can corrupt data. The picture can
 * show one attribute per GPA, the range listed last; each overlap gets a finding that says which.
 */
final class Stage1Aliases {
    private Stage1Aliases() {}

    static List<Finding> findings(List<Stage1Range> ranges) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> ranges.get(i).gpa(), Long::compareUnsigned));
        List<Finding> out = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i : order) {
            Stage1Range r = ranges.get(i);
            open.removeIf(o -> U64.lt(last(ranges.get(o)), r.gpa()));
            for (int o : open) {
                Stage1Range p = ranges.get(o);
                if (!p.attr().equals(r.attr())) {
                    out.add(finding(Math.min(o, i), Math.max(o, i), ranges));
                }
            }
            open.add(i);
        }
        out.sort(Comparator.comparing((Finding f) -> ((Ref.GpaRange) f.ref()).gpa(), Long::compareUnsigned));
        return out;
    }

    private static Finding finding(int earlier, int later, List<Stage1Range> ranges) {
        Stage1Range a = ranges.get(earlier);
        Stage1Range b = ranges.get(later);
        long first = U64.max(a.gpa(), b.gpa());
        long lastByte = U64.min(last(a), last(b));
        long size = lastByte - first + 1;
        return new Finding(Severity.WARNING, S2Rules.MISMATCHED_ALIAS, "GPA " + U64.hex(first) + ".." + U64.hex(lastByte)
                + " (" + U64.human(size) + "): guest stage-1 ranges " + earlier + " (" + a.attr().id() + ") and " + later
                + " (" + b.attr().id() + ") map it with different memory attributes, a mismatched alias; the picture shows "
                + b.attr().id() + ", the range listed later", new Ref.GpaRange(first, size));
    }

    private static long last(Stage1Range r) {
        return U64.last(r.gpa(), r.size());
    }
}
