package org.stage2scope.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * The bands of the VMA, stage-2 and effective lanes in axis units, sorted by position, each with
 * its label candidates from the most telling to the shortest. They depend only on the evaluation,
 * so each list is built once (on first use) and every frame only culls and merges them.
 */
final class Bands {

    /**
     * One band before culling and merging.
     *
     * @param labelsFor label candidates, longest first, for a given size text (the band's own size, or
     *                  "2 GiB of 16 GiB" when the view clips it); the last is ellipsized when none fits
     * @param blockSize mapping granule for block ticks, 0 for none
     * @param outcome   what the engine concluded for it (semantic SVG)
     */
    record Band(double u0, double u1, Style style, Function<String, List<String>> labelsFor, Ref ref, Supplier<String> tip,
                long blockSize, long start, long size, String outcome) {
        /** The candidates naming the band's whole size. */
        List<String> labels() {
            return labelsFor.apply(U64.human(size));
        }
    }

    /** VMA flags that decide the stage-2 mapping (kvm_s2_resolve_vma_size, kvm_vma_is_cacheable, user_mem_abort). */
    static final List<VmFlag> DECISIVE_FLAGS = List.of(VmFlag.VM_PFNMAP, VmFlag.VM_ALLOW_ANY_UNCACHED, VmFlag.VM_MTE_ALLOWED);

    private static final Comparator<Band> BY_START = Comparator.comparingDouble(Band::u0);

    private final Evaluation ev;
    private final Axis hva;
    private final Axis gpa;
    private List<Band> vmas;
    private List<Band> stage2;
    private List<Band> effective;
    private List<Unmapped.Hole> unmapped;

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
                bands.add(new Band(hva.toUnit(v.start()), hva.endUnit(v.start(), v.size()), Styles.vma(v), size -> vmaLabels(v, size),
                        new Ref.Vma(i), () -> Tooltips.of(v), 0, v.start(), v.size(), v.memType().id()));
            }
            bands.sort(BY_START);
            vmas = bands;
        }
        return vmas;
    }

    /** Name, size, the pgprot memory type and the flags that decide ("the VMA's pgprot decides"). */
    static List<String> vmaLabels(Vma v) {
        return vmaLabels(v, U64.human(v.size()));
    }

    static List<String> vmaLabels(Vma v, String size) {
        String bare = TextFit.withoutDetail(v.name());
        String decides = v.memType().id() + flags(v);
        // Index 2, the bare name with what decides, is what a widened VMA's side label tries first (BandLane).
        return List.of(v.name() + "  " + size + "  " + decides, bare + "  " + size + "  " + decides, bare + "  " + decides,
                bare + "  " + v.memType().id(), decides + "  " + size, decides, v.memType().id(), bare);
    }

    private static String flags(Vma v) {
        StringBuilder sb = new StringBuilder();
        for (VmFlag f : DECISIVE_FLAGS) {
            if (v.has(f)) {
                sb.append(' ').append(f.id().substring(3)); // "PFNMAP", "ALLOW_ANY_UNCACHED", "MTE_ALLOWED"
            }
        }
        return sb.toString();
    }

    List<Band> stage2() {
        if (stage2 == null) {
            List<Band> bands = new ArrayList<>(ev.stage2().size());
            for (Stage2Run s : ev.stage2()) {
                Stage2Entry e = s.s2();
                String outcome = e != null ? e.type() : s.outcome().id();
                bands.add(new Band(gpa.toUnit(s.gpa()), gpa.endUnit(s.gpa(), s.size()), Styles.run(s), size -> stage2Labels(s, size),
                        new Ref.GpaRange(s.gpa(), s.size()), () -> Tooltips.of(s), e == null ? 0 : e.blockSize(), s.gpa(),
                        s.size(), outcome));
            }
            bands.sort(BY_START);
            stage2 = FindingTags.tag(bands, ev, true);
        }
        return stage2;
    }

    /** Type, VMA, size, block size and MemAttr: THP vs misaligned, 1G vs 2M readable without zooming. */
    static List<String> stage2Labels(Stage2Run s) {
        return stage2Labels(s, U64.human(s.size()));
    }

    static List<String> stage2Labels(Stage2Run s, String size) {
        Stage2Entry e = s.s2();
        String vma = s.vma() == null ? "" : "  " + TextFit.withoutDetail(s.vma());
        if (e == null) {
            String what = s.outcome().id();
            return List.of(what + vma + "  " + size, what + "  " + size, what);
        }
        // A read-only mapping (KVM_MEM_READONLY) says so on the band: the type alone hid the edit.
        String type = e.write() ? e.type() : e.type() + "  " + e.perms();
        String blocks = shortSize(e.blockSize()) + " blocks";
        String attr = e.memAttr() == null ? "" : "  MemAttr " + Stage2Entry.bits(e.memAttr());
        // Narrower and narrower, dropping first the VMA, then MemAttr, then the size, then the block size: a
        // band prints its size where "type  size" fits (the 16 GiB RAM band at 140 px read only "Normal-WB"),
        // but a block size ("2M blocks") is the THP and hugetlb story and goes last.
        return List.of(type + vma + "  " + size + "  " + blocks + attr, type + "  " + size + "  " + blocks + attr,
                type + "  " + size + "  " + blocks, type + "  " + blocks, type + "  " + size,
                type, TextFit.shortType(e.type()) + " " + shortSize(e.blockSize()), TextFit.shortType(e.type()));
    }

    List<Band> effective() {
        if (effective == null) {
            List<Band> bands = new ArrayList<>(ev.effective().size());
            for (EffectiveRun e : ev.effective()) {
                String s1 = e.stage1Assumed() ? "" : "  (S1 " + e.stage1().id() + ")";
                bands.add(new Band(gpa.toUnit(e.gpa()), gpa.endUnit(e.gpa(), e.size()), Styles.memClass(e.memClass()),
                        size -> List.of(e.name() + s1 + "  " + size, e.name() + s1, e.name() + "  " + size, e.name(),
                                TextFit.shortType(e.name())),
                        new Ref.GpaRange(e.gpa(), e.size()), () -> Tooltips.of(e), 0, e.gpa(), e.size(), e.name()));
            }
            bands.sort(BY_START);
            effective = FindingTags.tag(bands, ev, false);
        }
        return effective;
    }

    /** GPA that refused memslot calls asked for and no stage-2 run covers. */
    List<Unmapped.Hole> unmapped() {
        if (unmapped == null) {
            unmapped = Unmapped.holes(ev, gpa, stage2());
        }
        return unmapped;
    }

    /** "2M", "1G", "4K", "64K": a block or page size as kernel engineers say it. */
    static String shortSize(long bytes) {
        String[] units = {"", "K", "M", "G", "T", "P", "E"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && (v & 1023) == 0) {
            v >>>= 10;
            u++;
        }
        return u == 0 && bytes != v ? U64.human(bytes) : Long.toUnsignedString(v) + units[u];
    }
}
