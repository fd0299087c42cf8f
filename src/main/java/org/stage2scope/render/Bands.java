package org.stage2scope.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The bands of the VMA, stage-2 and effective lanes in axis units, sorted by position. They depend
 * only on the evaluation, so each list is built once (on first use) and every frame only culls and
 * merges them.
 */
final class Bands {

    /**
     * One band before culling and merging.
     *
     * @param label      the full label, tried first
     * @param shortLabel what to try when the full label does not fit
     * @param blockSize  mapping granule for block ticks, 0 for none
     */
    record Band(double u0, double u1, Style style, String label, String shortLabel, Ref ref, Supplier<String> tip,
                long blockSize, long size) {}

    private static final Comparator<Band> BY_START = Comparator.comparingDouble(Band::u0);

    private final Evaluation ev;
    private final Axis hva;
    private final Axis gpa;
    private List<Band> vmas;
    private List<Band> stage2;
    private List<Band> effective;

    Bands(Evaluation ev, Axis hva, Axis gpa) {
        this.ev = ev;
        this.hva = hva;
        this.gpa = gpa;
    }

    List<Band> vmas() {
        if (vmas == null) {
            List<Band> bands = new ArrayList<>();
            List<Vma> list = ev.scenario().vmas();
            for (int i = 0; i < list.size(); i++) {
                Vma v = list.get(i);
                bands.add(new Band(hva.toUnit(v.start()), hva.endUnit(v.start(), v.size()), Styles.vma(v),
                        v.name() + "  " + U64.human(v.size()), v.name(), new Ref.Vma(i), () -> Tooltips.of(v), 0, v.size()));
            }
            bands.sort(BY_START);
            vmas = bands;
        }
        return vmas;
    }

    List<Band> stage2() {
        if (stage2 == null) {
            List<Band> bands = new ArrayList<>(ev.stage2().size());
            for (Stage2Run s : ev.stage2()) {
                Stage2Entry e = s.s2();
                String label = e != null ? e.type() : s.outcome().id();
                bands.add(new Band(gpa.toUnit(s.gpa()), gpa.endUnit(s.gpa(), s.size()), Styles.run(s),
                        label + (s.vma() == null ? "" : "  " + TextFit.withoutDetail(s.vma())), label,
                        new Ref.GpaRange(s.gpa(), s.size()), () -> Tooltips.of(s), e == null ? 0 : e.blockSize(), s.size()));
            }
            bands.sort(BY_START);
            stage2 = bands;
        }
        return stage2;
    }

    List<Band> effective() {
        if (effective == null) {
            List<Band> bands = new ArrayList<>(ev.effective().size());
            for (EffectiveRun e : ev.effective()) {
                bands.add(new Band(gpa.toUnit(e.gpa()), gpa.endUnit(e.gpa(), e.size()), Styles.memClass(e.memClass()),
                        e.name() + (e.stage1Assumed() ? "" : "  (S1 " + e.stage1().id() + ")"), e.name(),
                        new Ref.GpaRange(e.gpa(), e.size()), () -> Tooltips.of(e), 0, e.size()));
            }
            bands.sort(BY_START);
            effective = bands;
        }
        return effective;
    }
}
