package org.stage2scope.engine.stage2;

import org.stage2scope.engine.VmaIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.Intervals;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.memslot.ActiveSlot;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * The stage-2 map of every active memslot as GPA intervals, as if the guest read and wrote every
 * page (no exec). The fault decision depends on the position inside PMD/PUD windows, so each piece
 * (memslot x VMA) is cut into zones inside which every window decides alike: the partial windows at
 * the edges, the first PMD window of a partial PUD window (where ALIGN() rounds nothing up), and the
 * whole windows in between. Each zone is decided once, at its lowest page: the model assumes the
 * guest touches each block window's lowest page first. Work is O(zones), never O(pages).
 */
public final class Stage2Mapper {
    private Stage2Mapper() {}

    public record Result(List<Stage2Run> runs, List<Finding> findings) {}

    public static Result map(Host host, Vm vm, Policy policy, VmaIndex vmas, List<ActiveSlot> slots) {
        List<ActiveSlot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingInt(ActiveSlot::addressSpace)
                .thenComparing(ActiveSlot::gpa, Long::compareUnsigned));
        List<Stage2Run> runs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ActiveSlot slot : sorted) {
            mapSlot(host, vm, policy, vmas, slot, runs, findings);
        }
        return new Result(runs, findings);
    }

    /** The fault path for the architecture: one function per arch, same signature. */
    static Decision fault(FaultContext ctx, long hva, GuestAccess.Kind kind, List<String> trace) {
        return ctx.host().arch().isX86() ? X86Fault.fault(ctx, hva, kind, trace) : Arm64Fault.fault(ctx, hva, kind, trace);
    }

    private static void mapSlot(Host host, Vm vm, Policy policy, VmaIndex vmas, ActiveSlot slot, List<Stage2Run> runs,
                                List<Finding> findings) {
        String name = slot.call().displayName();
        long page = host.pageSize().pageSize();
        if (slot.size() == 0 || !U64.fits(slot.gpa(), slot.size()) || !U64.fits(slot.hva(), slot.size())
                || !U64.isAligned(slot.size(), page)) {
            findings.add(new Finding(Severity.ERROR, S2Rules.SLOT_SHAPE, Lazy.later(() -> name + ": GPA " + U64.hex(slot.gpa()) + " + "
                    + U64.hex(slot.size()) + " / HVA " + U64.hex(slot.hva())
                    + " wraps past 2^64, is empty or not a whole number of pages; the kernel refuses such a slot, so it is not mapped"),
                    new Ref.MemslotCall(slot.callIndex())));
            return;
        }
        List<Stage2Run> out = new ArrayList<>();
        if (slot.has(MemslotFlag.KVM_MEM_GUEST_MEMFD)) {
            FaultContext ctx = new FaultContext(host, vm, policy, slot, null, Set.of());
            Decision d = fault(ctx, slot.hva(), GuestAccess.Kind.READ, null);
            out.add(run(slot, slot.gpa(), slot.size(), null, d));
            runs.addAll(out);
            return;
        }
        long hvaLast = U64.last(slot.hva(), slot.size());
        List<Intervals.Seg> pieces = vmas.cover(slot.hva(), hvaLast);
        if (pieces.size() == 1 && pieces.get(0).owner() < 0) {
            FaultContext ctx = new FaultContext(host, vm, policy, slot, null, Set.of());
            Decision d = fault(ctx, slot.hva(), GuestAccess.Kind.READ, null);
            out.add(run(slot, slot.gpa(), slot.size(), null, d));
            findings.add(new Finding(Severity.ERROR, S2Rules.SLOT_WITHOUT_VMA, Lazy.later(() -> name + ": no VMA at all behind HVA "
                    + U64.hex(slot.hva()) + ".." + U64.hex(hvaLast) + " (" + U64.human(slot.size())
                    + "); KVM accepts the slot but every guest access faults with -EFAULT to the VMM"),
                    new Ref.GpaRange(slot.gpa(), slot.size())));
            runs.addAll(out);
            return;
        }
        Set<Integer> warnedVmas = new HashSet<>();
        for (Intervals.Seg piece : pieces) {
            long gpa = slot.gpa() + (piece.first() - slot.hva());
            if (piece.owner() < 0) {
                FaultContext ctx = new FaultContext(host, vm, policy, slot, null, Set.of());
                Decision d = fault(ctx, piece.first(), GuestAccess.Kind.READ, null);
                out.add(run(slot, gpa, piece.size(), null, d));
                findings.add(new Finding(Severity.ERROR, S2Rules.NO_VMA, Lazy.later(() -> name + ": hole in the HVA range at "
                        + U64.hex(piece.first()) + ".." + U64.hex(piece.last()) + " (GPA " + U64.hex(gpa) + ", "
                        + U64.human(piece.size()) + "): accepted by the memslot ioctl, -EFAULT to the VMM when the guest touches it"),
                        new Ref.GpaRange(gpa, piece.size())));
                continue;
            }
            Vma vma = vmas.vma(piece.owner());
            if (warnedVmas.add(piece.owner())) {
                pieceFindings(host, slot, vma, piece, name, findings);
            }
            FaultContext ctx = new FaultContext(host, vm, policy, slot, vma, Set.of());
            walk(ctx, piece, vmas.poisonedPages(piece.owner(), page), out, findings, name);
        }
        runs.addAll(merge(out));
    }

    /** Zone walk over one piece (slot x VMA), then the poisoned pages cut out as SIGBUS. */
    private static void walk(FaultContext ctx, Intervals.Seg piece, long[] poisoned, List<Stage2Run> out,
                             List<Finding> findings, String name) {
        long s = piece.first();
        long l = piece.last();
        long pmd = ctx.pmdSize();
        long pud = ctx.pudSize();
        long[] cuts = {U64.alignUp(s, pmd), U64.alignUp(s, pud), U64.alignDown(l, pud), U64.alignDown(l, pud) + pmd,
                U64.alignDown(l, pmd)};
        Vma vma = ctx.vma();
        long vmaLast = U64.last(vma.start(), vma.size());
        List<long[]> spans = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        long p = s;
        boolean warnedPast = false;
        while (true) {
            Decision d = fault(ctx, p, GuestAccess.Kind.READ, null);
            long zoneLast = l;
            for (long c : cuts) {
                if (U64.lt(p, c) && U64.le(c, l) && U64.lt(c - 1, zoneLast)) {
                    zoneLast = c - 1;
                }
            }
            long segLast = zoneLast;
            if (d.outcome() == AccessOutcome.MAPPED) {
                long blockStart = U64.alignDown(p, d.blockSize());
                long blockLast = U64.last(blockStart, d.blockSize());
                if (U64.lt(segLast, blockLast)) {
                    segLast = U64.min(blockLast, l);
                }
                if (U64.lt(vmaLast, blockLast)) {
                    // Its own rule keeps this run apart from the windows that stay inside the VMA.
                    d = new Decision(d.outcome(), d.entry(), d.blockSize(), S2Rules.PFNMAP_BLOCK_PAST_VMA, d.reason()
                            + "; the block reaches past vm_end " + U64.hex(vma.end())
                            + " (assumes the guest touches the block's lowest page first, where ALIGN(hva) == hva)");
                }
                if (U64.lt(vmaLast, blockLast) && !warnedPast) {
                    warnedPast = true;
                    long gpa = ctx.gpaOf(blockStart);
                    long block = d.blockSize();
                    findings.add(new Finding(Severity.WARNING, S2Rules.PFNMAP_BLOCK_PAST_VMA, Lazy.later(() -> name + ": the "
                            + U64.size(block) + " block at GPA " + U64.hex(gpa) + " (HVA " + U64.hex(blockStart)
                            + ") reaches past the end of VMA " + vma.name() + " (" + U64.hex(vma.end())
                            + "): get_vma_page_shift tests ALIGN(hva) <= vm_end, which holds for an HVA already on the boundary,"
                            + " so a fault on the block's first page maps PFNs beyond the VMA (assuming the guest touches the block's lowest page first)"),
                            new Ref.GpaRange(gpa, d.blockSize())));
                }
                d = fixWrite(ctx, d);
            }
            spans.add(new long[] {p, segLast});
            decisions.add(d);
            if (segLast == l) {
                break;
            }
            p = segLast + 1;
        }
        // Cut poisoned pages out of the spans (__kvm_faultin_pfn reports them one page at a time).
        List<Stage2Run> pieceRuns = new ArrayList<>();
        FaultContext poisonCtx = new FaultContext(ctx.host(), ctx.vm(), ctx.policy(), ctx.slot(), vma, asSet(poisoned));
        long page = ctx.pageSize();
        for (int i = 0; i < spans.size(); i++) {
            long at = spans.get(i)[0];
            long last = spans.get(i)[1];
            boolean open = true;
            for (int k = firstAtOrAfter(poisoned, at); open && k < poisoned.length && U64.le(poisoned[k], last); k++) {
                long bad = poisoned[k];
                if (U64.lt(at, bad)) {
                    pieceRuns.add(run(ctx.slot(), ctx.gpaOf(at), bad - at, vma.name(), decisions.get(i)));
                }
                Decision sig = fault(poisonCtx, bad, GuestAccess.Kind.READ, null);
                pieceRuns.add(run(ctx.slot(), ctx.gpaOf(bad), page, vma.name(), sig));
                findings.add(new Finding(Severity.WARNING, S2Rules.HWPOISON, Lazy.later(() -> name + ": HVA " + U64.hex(bad) + " of "
                        + vma.name() + " (GPA " + U64.hex(ctx.gpaOf(bad)) + ") is hardware-poisoned: a guest access sends SIGBUS to the VMM"),
                        new Ref.GpaRange(ctx.gpaOf(bad), page)));
                if (U64.last(bad, page) == last) {
                    open = false;
                } else {
                    at = bad + page;
                }
            }
            if (open) {
                pieceRuns.add(run(ctx.slot(), ctx.gpaOf(at), last - at + 1, vma.name(), decisions.get(i)));
            }
        }
        for (Stage2Run r : pieceRuns) {
            if (r.outcome() == Stage2Run.Outcome.EFAULT) {
                findings.add(new Finding(Severity.ERROR, r.rule(), Lazy.later(() -> name + ": GPA " + U64.hex(r.gpa()) + ".."
                        + U64.hex(U64.last(r.gpa(), r.size())) + " (" + U64.human(r.size()) + ", " + vma.name() + "): " + r.reason()),
                        new Ref.GpaRange(r.gpa(), r.size())));
            }
        }
        out.addAll(pieceRuns);
    }

    /** The map shows the end state after the guest also wrote: W wherever a write fault would grant it. */
    private static Decision fixWrite(FaultContext ctx, Decision d) {
        boolean w = ctx.vma().perms().write() && !ctx.readonlySlot();
        Stage2Entry e = d.entry();
        if (e.write() == w) {
            return d;
        }
        Stage2Entry fixed = new Stage2Entry(e.type(), e.memClass(), e.memAttr(), e.memAttrNoFwb(), e.memAttrFwb(), e.ipat(),
                e.read(), w, e.exec(), e.blockSize(), e.dcacheClean(), e.icacheInval());
        return new Decision(d.outcome(), fixed, d.blockSize(), d.rule(), d.reason());
    }

    private static void pieceFindings(Host host, ActiveSlot slot, Vma vma, Intervals.Seg piece, String name,
                                      List<Finding> findings) {
        boolean x86 = host.arch().isX86();
        long pmd = host.pageSize().pmdSize();
        long pud = host.pageSize().pudSize();
        Ref ref = new Ref.GpaRange(slot.gpa() + (piece.first() - slot.hva()), piece.size());
        if (slot.has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)) {
            findings.add(new Finding(Severity.INFO, x86 ? S2Rules.X86_DIRTY_LOG_4K : S2Rules.DIRTY_LOG_4K, Lazy.later(() -> name
                    + ": dirty logging (KVM_MEM_LOG_DIRTY_PAGES) maps " + vma.name() + " with " + U64.size(host.pageSize().pageSize())
                    + " pages only" + (x86 ? "" : ", read faults map it read-only so the first write is logged")), ref));
            return;
        }
        boolean hugetlb = vma.has(VmFlag.VM_HUGETLB) && U64.le(pmd, vma.backing().pageSize());
        boolean thp = vma.backing().thp() && !vma.has(VmFlag.VM_NOHUGEPAGE) && !vma.has(VmFlag.VM_HUGETLB)
                && !vma.has(VmFlag.VM_PFNMAP);
        boolean pfnmap = vma.has(VmFlag.VM_PFNMAP) && U64.le(pmd, piece.size());
        if (!(hugetlb || thp || pfnmap)) {
            return;
        }
        String what = hugetlb ? "hugetlb (" + U64.size(vma.backing().pageSize()) + " pages)" : thp ? "THP" : "VM_PFNMAP";
        long go = slot.gpa() & (pmd - 1);
        long ho = slot.hva() & (pmd - 1);
        if (go != ho) {
            findings.add(new Finding(Severity.WARNING, x86 ? S2Rules.X86_LPAGE_MISALIGNED : S2Rules.BLOCK_MISALIGNED,
                    Lazy.later(() -> name + ": " + what + " backing of " + vma.name() + " cannot give " + U64.size(pmd)
                            + " blocks: the slot's GPA offset " + U64.hex(go) + " and HVA offset " + U64.hex(ho)
                            + " inside " + U64.size(pmd) + " differ, so every fault maps " + U64.size(host.pageSize().pageSize())),
                    ref));
        } else if (hugetlb && U64.le(pud, vma.backing().pageSize()) && (slot.gpa() & (pud - 1)) != (slot.hva() & (pud - 1))) {
            findings.add(new Finding(Severity.WARNING, x86 ? S2Rules.X86_LPAGE_MISALIGNED : S2Rules.BLOCK_MISALIGNED,
                    Lazy.later(() -> name + ": " + U64.size(vma.backing().pageSize()) + " hugetlb pages of " + vma.name() + " are mapped as "
                            + U64.size(pmd) + " blocks: the slot's GPA offset " + U64.hex(slot.gpa() & (pud - 1))
                            + " and HVA offset " + U64.hex(slot.hva() & (pud - 1)) + " inside " + U64.size(pud) + " differ"),
                    ref));
        }
    }

    private static Set<Long> asSet(long[] pages) {
        Set<Long> set = new HashSet<>();
        for (long p : pages) {
            set.add(p);
        }
        return set;
    }

    private static int firstAtOrAfter(long[] sorted, long addr) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (U64.lt(sorted[mid], addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Stage2Run run(ActiveSlot slot, long gpa, long size, String vma, Decision d) {
        Stage2Run.Outcome o = switch (d.outcome()) {
            case MAPPED -> Stage2Run.Outcome.MAPPED;
            case SIGBUS -> Stage2Run.Outcome.SIGBUS;
            default -> Stage2Run.Outcome.EFAULT;
        };
        return new Stage2Run(gpa, size, slot.slot(), slot.addressSpace(), vma, o, d.rule(), d.reason(),
                o == Stage2Run.Outcome.MAPPED ? d.entry() : null);
    }

    /**
     * Merges adjacent runs of one slot with identical outcomes (same VMA, outcome, rule and entry).
     * The reason kept is the first run's: windows at a piece's edge may reach the same entry by a
     * different path (a PUD test that passes on the boundary page, then fails the memslot test).
     */
    static List<Stage2Run> merge(List<Stage2Run> runs) {
        List<Stage2Run> out = new ArrayList<>(runs.size());
        for (Stage2Run r : runs) {
            if (!out.isEmpty()) {
                Stage2Run prev = out.get(out.size() - 1);
                if (prev.slot() == r.slot() && prev.addressSpace() == r.addressSpace() && prev.end() == r.gpa()
                        && java.util.Objects.equals(prev.vma(), r.vma()) && prev.outcome() == r.outcome()
                        && prev.rule().equals(r.rule())
                        && java.util.Objects.equals(prev.s2(), r.s2())) {
                    out.set(out.size() - 1, new Stage2Run(prev.gpa(), prev.size() + r.size(), prev.slot(), prev.addressSpace(),
                            prev.vma(), prev.outcome(), prev.rule(), prev.reason(), prev.s2()));
                    continue;
                }
            }
            out.add(r);
        }
        return Collections.unmodifiableList(out);
    }
}
