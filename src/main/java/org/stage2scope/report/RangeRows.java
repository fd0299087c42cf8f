package org.stage2scope.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.VmaIndex;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Builds the range rows of an evaluation: each stage-2 run cut at the boundaries of the effective
 * runs over it, plus one row per refused memslot call, ordered by address space and GPA.
 */
public final class RangeRows {
    private RangeRows() {}

    /** Rows sorted by (address space, GPA, refused last); a run and a refused call may overlap. */
    public static List<RangeRow> of(Evaluation ev) {
        Map<String, Vma> vmaByName = new HashMap<>();
        for (Vma v : ev.scenario().vmas()) {
            vmaByName.putIfAbsent(v.name(), v);
        }
        FindingRanges findings = FindingRanges.of(ev);
        List<EffectiveRun> eff = new ArrayList<>(ev.effective());
        eff.sort((a, b) -> Long.compareUnsigned(a.gpa(), b.gpa()));

        List<RangeRow> rows = new ArrayList<>();
        for (Stage2Run r : ev.stage2()) {
            Vma vma = r.vma() == null ? null : vmaByName.get(r.vma());
            RangeRow.Kind kind = switch (r.outcome()) {
                case MAPPED -> RangeRow.Kind.MAPPED;
                case EFAULT -> RangeRow.Kind.EFAULT;
                case SIGBUS -> RangeRow.Kind.SIGBUS;
            };
            // EffectiveMapper combines only address space 0: x86 SMM slots alias the same GPAs.
            if (kind != RangeRow.Kind.MAPPED || r.addressSpace() != 0) {
                rows.add(new RangeRow(r.addressSpace(), r.gpa(), r.size(), r.slot(), r.vma(), vma, kind, null, r.s2(), null, r.rule(),
                        Lazy.of(r.reason()), -1, findings.touches(r.gpa(), r.size())));
                continue;
            }
            long last = U64.last(r.gpa(), r.size());
            long at = r.gpa();
            int i = Math.max(0, firstEndingAfter(eff, at));
            while (true) {
                EffectiveRun e = i < eff.size() && U64.le(eff.get(i).gpa(), at) && U64.le(at, U64.last(eff.get(i).gpa(), eff.get(i).size()))
                        ? eff.get(i) : null;
                // Up to the end of this effective run, or of the stage-2 run, or (in a gap) to the next effective run.
                long pieceLast = last;
                if (e != null) {
                    pieceLast = U64.min(last, U64.last(e.gpa(), e.size()));
                } else if (i < eff.size() && U64.le(eff.get(i).gpa(), last) && U64.lt(at, eff.get(i).gpa())) {
                    pieceLast = eff.get(i).gpa() - 1;
                }
                long size = pieceLast - at + 1;
                rows.add(new RangeRow(0, at, size, r.slot(), r.vma(), vma, kind, null, r.s2(), e, r.rule(), Lazy.of(r.reason()), -1,
                        findings.touches(at, size)));
                if (pieceLast == last) {
                    break;
                }
                at = pieceLast + 1;
                if (e != null) {
                    i++;
                }
            }
        }
        VmaIndex index = null;
        for (MemslotResult m : ev.memslotCalls()) {
            if (m.ok() || m.call().size() == 0) {
                continue;
            }
            if (index == null) {
                index = new VmaIndex(ev.scenario().vmas());
            }
            int v = index.lookup(m.call().hva());
            Vma vma = v < 0 ? null : index.vma(v);
            rows.add(new RangeRow(m.call().addressSpace(), m.call().gpa(), m.call().size(), m.call().slot(),
                    vma == null ? null : vma.name(), vma, RangeRow.Kind.REFUSED, m.resultName(), null, null, m.rule(), m.why(),
                    m.index(), true));
        }
        rows.sort(Comparator.comparingInt(RangeRow::addressSpace)
                .thenComparing(RangeRow::gpa, Long::compareUnsigned)
                .thenComparing(r -> r.kind() == RangeRow.Kind.REFUSED)
                .thenComparingInt(RangeRow::memslotCall));
        return List.copyOf(rows);
    }

    /** Index of the first effective run whose last byte is at or after {@code gpa} (they are disjoint and sorted). */
    private static int firstEndingAfter(List<EffectiveRun> eff, long gpa) {
        int lo = 0;
        int hi = eff.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (U64.lt(U64.last(eff.get(mid).gpa(), eff.get(mid).size()), gpa)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The GPA ranges the evaluation's findings point at, for an O(log n) "does a finding touch this range". */
    static final class FindingRanges {
        private final long[] first;
        private final long[] maxLast;

        private FindingRanges(long[] first, long[] maxLast) {
            this.first = first;
            this.maxLast = maxLast;
        }

        static FindingRanges of(Evaluation ev) {
            List<long[]> ranges = new ArrayList<>();
            for (Finding f : ev.findings()) {
                if (f.ref() instanceof Ref.GpaRange g && g.size() != 0) {
                    ranges.add(new long[] {g.gpa(), U64.last(g.gpa(), g.size())});
                } else if (f.ref() instanceof Ref.Access a && a.index() >= 0 && a.index() < ev.accesses().size()) {
                    AccessResult r = ev.accesses().get(a.index());
                    ranges.add(new long[] {r.access().gpa(), r.access().gpa()});
                }
            }
            ranges.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
            long[] first = new long[ranges.size()];
            long[] maxLast = new long[ranges.size()];
            for (int i = 0; i < first.length; i++) {
                first[i] = ranges.get(i)[0];
                maxLast[i] = i == 0 ? ranges.get(i)[1] : U64.max(maxLast[i - 1], ranges.get(i)[1]);
            }
            return new FindingRanges(first, maxLast);
        }

        /** Whether a finding's range overlaps [gpa, gpa + size). */
        boolean touches(long gpa, long size) {
            if (size == 0 || first.length == 0) {
                return false;
            }
            long last = U64.last(gpa, size);
            // Findings starting at or before our last byte; the furthest any of them reaches must be >= our first.
            int lo = 0;
            int hi = first.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (U64.le(first[mid], last)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo > 0 && U64.le(gpa, maxLast[lo - 1]);
        }
    }
}
