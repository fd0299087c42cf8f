package org.stage2scope.engine.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.U64;

/**
 * Where an evaluated scenario lands in the memory-type grid: each effective GPA range is one guest
 * stage-1 attribute (the row) over one stage-2 entry (the column). On arm64 the entry records the
 * MemAttr KVM writes with and without FWB, so the scenario's ranges are placed in either grid; an
 * Intel range lands only in the grid with its entry's IPAT bit.
 */
public final class ScenarioCells {

    /** A grid cell by its row and column ids. */
    public record Key(String row, String column) {}

    /** One effective range and the cells it lands in, by the grid's switch (index 0 off, 1 on). */
    private record Placed(EffectiveRun run, Key[] bySwitch) {}

    private final Arch arch;
    private final List<Placed> placed;

    private ScenarioCells(Arch arch, List<Placed> placed) {
        this.arch = arch;
        this.placed = placed;
    }

    public static ScenarioCells of(Evaluation ev) {
        Arch arch = ev.scenario().host().arch();
        List<Stage2Run> mapped = new ArrayList<>();
        for (Stage2Run r : ev.stage2()) {
            if (r.outcome() == Stage2Run.Outcome.MAPPED && r.addressSpace() == 0 && r.s2() != null) {
                mapped.add(r);
            }
        }
        List<Placed> out = new ArrayList<>();
        for (EffectiveRun e : ev.effective()) {
            Stage2Entry s2 = covering(mapped, e.gpa());
            if (s2 == null) {
                continue;
            }
            String row = e.stage1().id();
            Key[] keys = new Key[2];
            if (arch == Arch.ARM64) {
                keys[0] = s2.memAttrNoFwb() == null ? null : new Key(row, Stage2Entry.bits(s2.memAttrNoFwb()));
                keys[1] = s2.memAttrFwb() == null ? null : new Key(row, Stage2Entry.bits(s2.memAttrFwb()));
            } else if (arch == Arch.X86_INTEL) {
                keys[Boolean.TRUE.equals(s2.ipat()) ? 1 : 0] = new Key(row, s2.type());
            } else {
                keys[0] = new Key(row, s2.type());
                keys[1] = keys[0];
            }
            out.add(new Placed(e, keys));
        }
        return new ScenarioCells(arch, out);
    }

    private static Stage2Entry covering(List<Stage2Run> runs, long gpa) {
        for (Stage2Run r : runs) {
            if (U64.le(r.gpa(), gpa) && U64.le(gpa, U64.last(r.gpa(), r.size()))) {
                return r.s2();
            }
        }
        return null;
    }

    public Arch arch() {
        return arch;
    }

    /** The stage-1 attributes the scenario uses, so a grid can show their rows. */
    public Set<String> rows() {
        Set<String> out = new LinkedHashSet<>();
        placed.forEach(p -> out.add(p.run().stage1().id()));
        return out;
    }

    /** Every cell the scenario's ranges land in under the switch, with those ranges in GPA order. */
    public Map<Key, List<Ref.GpaRange>> cells(boolean switchOn) {
        Map<Key, List<Ref.GpaRange>> out = new LinkedHashMap<>();
        for (Placed p : placed) {
            Key k = p.bySwitch()[switchOn ? 1 : 0];
            if (k != null) {
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(new Ref.GpaRange(p.run().gpa(), p.run().size()));
            }
        }
        return out;
    }

    /** The ranges that land in one cell (empty when none do). */
    public List<Ref.GpaRange> ranges(boolean switchOn, Key key) {
        return cells(switchOn).getOrDefault(key, List.of());
    }

    /** The cell of the effective range holding {@code gpa}, or null when the GPA has no effective type. */
    public Key cellAt(boolean switchOn, long gpa) {
        for (Placed p : placed) {
            EffectiveRun e = p.run();
            if (U64.le(e.gpa(), gpa) && U64.le(gpa, U64.last(e.gpa(), e.size()))) {
                return p.bySwitch()[switchOn ? 1 : 0];
            }
        }
        return null;
    }
}
