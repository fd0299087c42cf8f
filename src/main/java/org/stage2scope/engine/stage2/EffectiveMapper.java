package org.stage2scope.engine.stage2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.Intervals;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.MemtypeCombiner;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.U64;
import org.stage2scope.model.X86MemType;

/**
 * The effective memory type of every mapped GPA: each stage-2 run intersected with the guest's
 * stage-1 ranges (a sweep over both sorted interval lists), combined by the architecture's rules.
 * Where stage-1 ranges overlap, the one listed last wins (the guest's latest mapping) and, when their
 * attributes differ, {@link Stage1Aliases} reports the mismatched alias; GPAs no
 * stage-1 range covers get the default (arm64 MAIR 0xff, x86 PAT WB) and are flagged as assumed.
 */
public final class EffectiveMapper {
    private EffectiveMapper() {}

    public record Result(List<EffectiveRun> runs, List<Finding> findings) {}

    private record Key(Stage1Attr s1, Stage2Entry s2) {}

    public static Result effective(Host host, List<Stage2Run> stage2, List<Stage1Range> stage1, MemtypeCombiner combiner) {
        int n = stage1.size();
        long[] first = new long[n];
        long[] last = new long[n];
        int[] prio = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = stage1.get(i).gpa();
            last[i] = U64.last(stage1.get(i).gpa(), stage1.get(i).size());
            prio[i] = n - 1 - i;
        }
        List<Intervals.Seg> segs = Intervals.flatten(first, last, prio);
        Stage1Attr dflt = Stage1Attr.defaultFor(host.arch());
        Map<Key, Combined> cache = new HashMap<>();

        List<Stage2Run> mapped = new ArrayList<>();
        for (Stage2Run r : stage2) {
            // Address space 0 only: x86 SMM slots (address space 1) alias the same GPAs.
            if (r.outcome() == Stage2Run.Outcome.MAPPED && r.addressSpace() == 0) {
                mapped.add(r);
            }
        }
        mapped.sort((a, b) -> Long.compareUnsigned(a.gpa(), b.gpa()));
        List<EffectiveRun> runs = new ArrayList<>();
        List<Stage2Entry> s2Of = new ArrayList<>();
        for (Stage2Run r : mapped) {
            for (Intervals.Seg part : Intervals.cover(segs, r.gpa(), U64.last(r.gpa(), r.size()))) {
                boolean assumed = part.owner() < 0;
                Stage1Attr s1 = assumed ? dflt : stage1.get(part.owner()).attr();
                Combined c = cache.computeIfAbsent(new Key(s1, r.s2()), k -> combiner.combine(k.s1(), k.s2(), host));
                EffectiveRun e = new EffectiveRun(part.first(), part.size(), s1, assumed, c.result(), c.name(), c.memClass(),
                        c.rule(), c.reason());
                int lastIdx = runs.size() - 1;
                if (lastIdx >= 0 && mergeable(runs.get(lastIdx), e)) {
                    EffectiveRun p = runs.get(lastIdx);
                    runs.set(lastIdx, new EffectiveRun(p.gpa(), p.size() + e.size(), p.stage1(), p.stage1Assumed(), p.result(),
                            p.name(), p.memClass(), p.rule(), p.reason()));
                } else {
                    runs.add(e);
                    s2Of.add(r.s2());
                }
            }
        }
        List<Finding> findings = new ArrayList<>(Stage1Aliases.findings(stage1));
        for (int i = 0; i < runs.size(); i++) {
            finding(host, runs.get(i), s2Of.get(i), findings);
        }
        return new Result(runs, findings);
    }

    private static boolean mergeable(EffectiveRun a, EffectiveRun b) {
        return a.gpa() + a.size() == b.gpa() && a.size() != 0 && a.stage1().equals(b.stage1())
                && a.stage1Assumed() == b.stage1Assumed() && Objects.equals(a.result(), b.result())
                && Objects.equals(a.name(), b.name()) && a.memClass() == b.memClass() && Objects.equals(a.rule(), b.rule())
                && Objects.equals(a.reason(), b.reason());
    }

    private static void finding(Host host, EffectiveRun e, Stage2Entry s2, List<Finding> out) {
        if (e.stage1Assumed()) {
            return;
        }
        Ref ref = new Ref.GpaRange(e.gpa(), e.size());
        boolean downgraded = e.memClass() == MemClass.DEVICE || e.memClass() == MemClass.NON_CACHEABLE;
        if (stage1Cacheable(e.stage1()) && downgraded) {
            out.add(new Finding(Severity.WARNING, S2Rules.SILENT_DOWNGRADE, Lazy.later(() -> where(e) + ": the guest maps it " + s1Name(e.stage1())
                    + " but stage 2 forces " + s2.type() + ", so the effective type is " + e.name()
                    + ": the guest's caching request is silently lost"), ref));
        }
        if (host.arch() == Arch.ARM64 && host.has(CpuFeature.FWB) && e.stage1() instanceof Stage1Attr.Mair m
                && (m.value() >> 4) == 0 && s2.memClass() == MemClass.WRITE_BACK && e.memClass() == MemClass.WRITE_BACK) {
            out.add(new Finding(Severity.INFO, S2Rules.FWB_OVERRIDES_DEVICE, Lazy.later(() -> where(e) + ": the guest maps it " + s1Name(e.stage1())
                    + " but the host has FWB and stage 2 forces write-back (MemAttr 0b0110): with FWB stage 2 decides, the effective type is "
                    + e.name()), ref));
        }
        if (e.stage1() instanceof Stage1Attr.Pat pat && pat.type() != X86MemType.WB) {
            if (Boolean.TRUE.equals(s2.ipat())) {
                out.add(new Finding(Severity.INFO, S2Rules.X86_PAT_IGNORED, Lazy.later(() -> where(e) + ": the guest's PAT asks " + pat.type().id()
                        + " but EPT has IPAT=1 (KVM_X86_QUIRK_IGNORE_GUEST_PAT): the access is " + e.name()), ref));
            } else if (host.arch() == Arch.X86_AMD && s2.memClass() == MemClass.WRITE_BACK
                    && (pat.type() == X86MemType.UC || pat.type() == X86MemType.UC_MINUS || pat.type() == X86MemType.WC)) {
                out.add(new Finding(Severity.INFO, S2Rules.AMD_NO_FORCE_WB, Lazy.later(() -> where(e) + ": the guest maps RAM " + pat.type().id()
                        + "; NPT has no IPAT, so KVM cannot force write-back and the access is " + e.name() + " (modelled)"), ref));
            }
        }
    }

    private static String where(EffectiveRun e) {
        return "GPA " + U64.hex(e.gpa()) + ".." + U64.hex(U64.last(e.gpa(), e.size())) + " (" + U64.human(e.size()) + ")";
    }

    /** Whether a stage-1 attribute asks for a cacheable type (arm64: a WT or WB level; x86: WB, WT, WP). */
    static boolean stage1Cacheable(Stage1Attr a) {
        if (a instanceof Stage1Attr.Mair m) {
            int hi = m.value() >> 4;
            int lo = m.value() & 0xf;
            return hi != 0 && (cacheableNibble(hi) || cacheableNibble(lo));
        }
        X86MemType t = ((Stage1Attr.Pat) a).type();
        return t == X86MemType.WB || t == X86MemType.WT || t == X86MemType.WP;
    }

    private static boolean cacheableNibble(int n) {
        return n != 0 && n != 0b0100;
    }

    private static String s1Name(Stage1Attr a) {
        if (a instanceof Stage1Attr.Mair m) {
            for (Map.Entry<String, Integer> en : Stage1Attr.MAIR_NAMES.entrySet()) {
                if (en.getValue() == m.value()) {
                    return en.getKey() + " (MAIR " + m.id() + ")";
                }
            }
            return "MAIR " + m.id();
        }
        return a.id();
    }
}
