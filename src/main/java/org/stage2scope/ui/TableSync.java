package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;
import org.stage2scope.report.RangeRow;

/** How a table row and the picture's selection name each other: a row selects a band, a band selects its rows. */
final class TableSync {
    private TableSync() {}

    /** What selecting a range row selects in the picture: its GPA range, or the refused call's ghost slot. */
    static Ref refOf(RangeRow r) {
        return r.kind() == RangeRow.Kind.REFUSED ? new Ref.MemslotCall(r.memslotCall()) : new Ref.GpaRange(r.gpa(), r.size());
    }

    /** The range rows a picture selection covers (a band, a slot, a VMA, an access's page). */
    static List<RangeRow> rowsFor(Evaluation ev, List<RangeRow> rows, Ref ref) {
        List<RangeRow> out = new ArrayList<>();
        if (ev == null || ref == null) {
            return out;
        }
        if (ref instanceof Ref.GpaRange g) {
            for (RangeRow r : rows) {
                if (r.kind() != RangeRow.Kind.REFUSED && r.addressSpace() == 0 && overlaps(r, g.gpa(), g.size())) {
                    out.add(r);
                }
            }
        } else if (ref instanceof Ref.MemslotCall m && m.index() < ev.memslotCalls().size()) {
            MemslotResult call = ev.memslotCalls().get(m.index());
            MemslotCall c = call.call();
            for (RangeRow r : rows) {
                boolean mine = call.ok() ? r.kind() != RangeRow.Kind.REFUSED && r.slot() == c.slot() && r.addressSpace() == c.addressSpace()
                        : r.memslotCall() == m.index();
                if (mine) {
                    out.add(r);
                }
            }
        } else if (ref instanceof Ref.Vma v && v.index() < ev.scenario().vmas().size()) {
            Vma vma = ev.scenario().vmas().get(v.index());
            for (RangeRow r : rows) {
                if (r.vma() == vma) {
                    out.add(r);
                }
            }
        } else if (ref instanceof Ref.Access a && a.index() < ev.scenario().guest().accesses().size()) {
            long gpa = ev.scenario().guest().accesses().get(a.index()).gpa();
            for (RangeRow r : rows) {
                if (r.kind() != RangeRow.Kind.REFUSED && r.addressSpace() == 0 && overlaps(r, gpa, 1)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The memslot call a picture selection names, if any. */
    static int callFor(Ref ref) {
        return ref instanceof Ref.MemslotCall m ? m.index() : -1;
    }

    private static boolean overlaps(RangeRow r, long gpa, long size) {
        if (size == 0) {
            return false;
        }
        long last = U64.last(gpa, size);
        long rLast = U64.lastClipped(r.gpa(), r.size());
        return U64.le(r.gpa(), last) && U64.le(gpa, rLast);
    }
}
