package org.stage2scope.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Intervals;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/**
 * What changed between two evaluations (an old scenario and a new one, or one scenario under two
 * hosts or policies): every GPA range whose outcome changed, and every memslot call whose result
 * changed. "Here is what FWB buys you" on one slide.
 */
public final class AbDiff {
    private AbDiff() {}

    /** What a range gets on one side; {@code NONE} when no row covers it there. */
    public record Cell(String outcome, String stage2, String memAttr, String block, String cache, String effective, String vma) {
        static final Cell NONE = new Cell("none", "-", "-", "-", "-", "-", null);

        static Cell of(RangeRow r) {
            return new Cell(RangeColumns.OUTCOME.cell(r), RangeColumns.STAGE2.cell(r),
                    r.s2() != null && r.s2().ipat() != null ? RangeColumns.IPAT.cell(r) : RangeColumns.MEMATTR.cell(r),
                    RangeColumns.BLOCK.cell(r), RangeColumns.CACHE.cell(r), RangeColumns.EFFECTIVE.cell(r), r.vmaName());
        }

        /** Equal in what the guest gets; the VMA's name alone is no change. */
        boolean sameOutcome(Cell o) {
            return outcome.equals(o.outcome) && stage2.equals(o.stage2) && memAttr.equals(o.memAttr) && block.equals(o.block)
                    && cache.equals(o.cache) && effective.equals(o.effective);
        }
    }

    public record RangeChange(int addressSpace, BigInteger start, BigInteger end, Cell before, Cell after) {
        public String vma() {
            return after.vma() != null ? after.vma() : before.vma() != null ? before.vma() : "(no VMA)";
        }
    }

    public record CallChange(int index, MemslotResult before, MemslotResult after) {}

    public static final List<String> RANGE_HEADERS = List.of("gpa start", "gpa end", "size", "vma", "outcome", "stage 2",
            "MemAttr", "block", "cache maintenance", "effective");
    public static final List<String> CALL_HEADERS = List.of("#", "slot", "gpa", "size", "label", "result", "rule");

    /** Ranges whose outcome differs, per address space in GPA order, neighbours with the same change merged. */
    public static List<RangeChange> ranges(Evaluation before, Evaluation after) {
        List<RangeRow> a = RangeRows.of(before);
        List<RangeRow> b = RangeRows.of(after);
        TreeSet<Integer> spaces = new TreeSet<>();
        a.forEach(r -> spaces.add(r.addressSpace()));
        b.forEach(r -> spaces.add(r.addressSpace()));
        List<RangeChange> out = new ArrayList<>();
        for (int as : spaces) {
            Side sa = Side.of(a, as);
            Side sb = Side.of(b, as);
            TreeSet<BigInteger> bounds = new TreeSet<>();
            sa.bounds(bounds);
            sb.bounds(bounds);
            BigInteger prev = null;
            RangeChange open = null;
            for (BigInteger at : bounds) {
                if (prev != null) {
                    Cell ca = sa.cellAt(prev);
                    Cell cb = sb.cellAt(prev);
                    boolean changed = !ca.sameOutcome(cb);
                    if (open != null && (!changed || !open.before().sameOutcome(ca) || !open.after().sameOutcome(cb)
                            || !open.end().equals(prev))) {
                        out.add(open);
                        open = null;
                    }
                    if (changed) {
                        open = open == null ? new RangeChange(as, prev, at, ca, cb) : new RangeChange(as, open.start(), at, open.before(), open.after());
                    }
                }
                prev = at;
            }
            if (open != null) {
                out.add(open);
            }
        }
        return out;
    }

    /** Calls paired by position whose result, change kind or arguments differ. */
    public static List<CallChange> calls(Evaluation before, Evaluation after) {
        List<CallChange> out = new ArrayList<>();
        int n = Math.max(before.memslotCalls().size(), after.memslotCalls().size());
        for (int i = 0; i < n; i++) {
            MemslotResult x = i < before.memslotCalls().size() ? before.memslotCalls().get(i) : null;
            MemslotResult y = i < after.memslotCalls().size() ? after.memslotCalls().get(i) : null;
            if (x == null || y == null || !x.resultName().equals(y.resultName()) || x.change() != y.change()
                    || !sameCall(x.call(), y.call())) {
                out.add(new CallChange(i, x, y));
            }
        }
        return out;
    }

    private static boolean sameCall(MemslotCall x, MemslotCall y) {
        return x.slot() == y.slot() && x.addressSpace() == y.addressSpace() && x.gpa() == y.gpa() && x.size() == y.size()
                && x.hva() == y.hva() && x.flags().equals(y.flags());
    }

    public static List<List<String>> rangeCells(List<RangeChange> changes) {
        List<List<String>> rows = new ArrayList<>();
        for (RangeChange c : changes) {
            BigInteger size = c.end().subtract(c.start());
            rows.add(List.of(RangeColumns.hex(c.start()), RangeColumns.hex(c.end()),
                    size.bitLength() > 64 ? "16E" : U64.size(size.longValue()), c.vma(),
                    arrow(c.before().outcome(), c.after().outcome()), arrow(c.before().stage2(), c.after().stage2()),
                    arrow(c.before().memAttr(), c.after().memAttr()), arrow(c.before().block(), c.after().block()),
                    arrow(c.before().cache(), c.after().cache()), arrow(c.before().effective(), c.after().effective())));
        }
        return rows;
    }

    public static List<List<String>> callCells(List<CallChange> changes) {
        List<List<String>> rows = new ArrayList<>();
        for (CallChange c : changes) {
            MemslotResult any = c.after() != null ? c.after() : c.before();
            MemslotCall call = any.call();
            rows.add(List.of(String.valueOf(c.index()), MemslotColumns.SLOT.cell(any), U64.hex(call.gpa()), U64.size(call.size()),
                    call.label().isEmpty() ? "-" : call.label(),
                    arrow(c.before() == null ? "no call" : c.before().resultName(), c.after() == null ? "no call" : c.after().resultName()),
                    c.after() == null ? "-" : c.after().rule().id()));
        }
        return rows;
    }

    /** "old -> new" when the values differ, else the value once. */
    static String arrow(String before, String after) {
        return Objects.equals(before, after) ? before : before + " -> " + after;
    }

    /** One side's rows in one address space as disjoint segments: a stage-2 run wins over a refused call's range. */
    private record Side(List<Intervals.Seg> segs, List<RangeRow> rows) {
        static Side of(List<RangeRow> all, int as) {
            List<RangeRow> rows = all.stream().filter(r -> r.addressSpace() == as).toList();
            int n = rows.size();
            long[] first = new long[n];
            long[] last = new long[n];
            int[] prio = new int[n];
            for (int i = 0; i < n; i++) {
                RangeRow r = rows.get(i);
                first[i] = r.gpa();
                // A refused range may wrap past 2^64; the part that exists ends at the top of the space.
                last[i] = U64.lastClipped(r.gpa(), r.size());
                prio[i] = (r.kind() == RangeRow.Kind.REFUSED ? n : 0) + i;
            }
            return new Side(Intervals.flatten(first, last, prio), rows);
        }

        void bounds(TreeSet<BigInteger> out) {
            for (Intervals.Seg s : segs) {
                BigInteger f = new BigInteger(Long.toUnsignedString(s.first()));
                out.add(f);
                out.add(new BigInteger(Long.toUnsignedString(s.last())).add(BigInteger.ONE));
            }
        }

        Cell cellAt(BigInteger at) {
            long a = at.longValue();
            int lo = 0;
            int hi = segs.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (U64.lt(segs.get(mid).last(), a)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (at.bitLength() <= 64 && lo < segs.size() && segs.get(lo).contains(a)) {
                return Cell.of(rows.get(segs.get(lo).owner()));
            }
            return Cell.NONE;
        }
    }
}
