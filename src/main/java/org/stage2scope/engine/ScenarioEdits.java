package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;

/**
 * The edits the window offers, as pure functions from one scenario to the next: where a new VMA, memslot
 * call, guest access or stage-1 range goes and what it starts as, and list replacement and removal. The
 * window passes these to the document, which applies them to its current scenario.
 */
public final class ScenarioEdits {
    private ScenarioEdits() {}

    /** Where the first VMA of a new scenario goes: the usual mmap area of a 48-bit VMM process. */
    static final long FIRST_HVA = 0x7f0000000000L;
    /** QEMU's arm64 virt machine puts RAM at 1 GiB; a new memslot without a better place starts there. */
    static final long FIRST_GPA = 0x40000000L;
    private static final long GIB = 1L << 30;

    /** A starting point for New: one THP-less RAM VMA in one memslot on an FWB host, upstream policy. */
    public static Scenario blank() {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.IDC));
        Vm vm = new Vm(40, false, PolicyId.UPSTREAM, X86Quirk.defaultsFor(Arch.ARM64), false);
        Vma ram = new Vma("guest-ram", FIRST_HVA, GIB, Perms.RW_SHARED, Set.of(), MemType.defaultFor(Arch.ARM64),
                Backing.ram(Granule.G4K.pageSize()));
        MemslotCall slot = new MemslotCall(0, 0, FIRST_GPA, GIB, ram.start(), Set.of(), 0, "ram");
        return new Scenario("untitled", "", host, vm, List.of(ram), List.of(slot), Guest.EMPTY);
    }

    /**
     * Appends a 1 GiB RAM VMA, 1 GiB-aligned, a gigabyte above the highest VMA (so it never overlaps one),
     * with the arch's default memory type and base pages of the host's PAGE_SIZE.
     */
    public static Scenario addVma(Scenario s) {
        long end = FIRST_HVA;
        for (Vma v : s.vmas()) {
            end = U64.max(end, v.end());
        }
        List<Vma> l = new ArrayList<>(s.vmas());
        l.add(new Vma("vma" + l.size(), U64.alignUp(end + GIB, GIB), GIB, Perms.RW_SHARED, Set.of(),
                MemType.defaultFor(s.host().arch()), Backing.ram(s.host().pageSize().pageSize())));
        return s.withVmas(l);
    }

    /**
     * Appends a memslot call with the next unused slot id (ids are 16 bits: KVM reads the low half of
     * {@code slot} as the id, kvm_set_memory_region), mapping the given VMA (or the last one) whole at the
     * first 1 GiB boundary above every GPA range already requested.
     *
     * @param vmaIndex the VMA to map, or -1 for the last VMA
     */
    public static Scenario addMemslot(Scenario s, int vmaIndex) {
        int slot = 0;
        long gpaEnd = FIRST_GPA;
        for (MemslotCall c : s.memslots()) {
            slot = Math.max(slot, c.slot() + 1);
            gpaEnd = U64.max(gpaEnd, c.gpa() + c.size());
        }
        Vma target = vmaIndex >= 0 && vmaIndex < s.vmas().size() ? s.vmas().get(vmaIndex)
                : s.vmas().isEmpty() ? null : s.vmas().get(s.vmas().size() - 1);
        long size = target == null ? GIB : target.size();
        long hva = target == null ? FIRST_HVA : target.start();
        List<MemslotCall> l = new ArrayList<>(s.memslots());
        l.add(new MemslotCall(Math.min(slot, 0xffff), 0, U64.alignUp(gpaEnd, GIB), size, hva, Set.of(), 0, ""));
        return s.withMemslots(l);
    }

    /** Appends a guest read at the given GPA, or, when none is given (null), at the first memslot's GPA. */
    public static Scenario addAccess(Scenario s, Long gpa) {
        long at = gpa != null ? gpa : s.memslots().isEmpty() ? FIRST_GPA : s.memslots().get(0).gpa();
        List<GuestAccess> l = new ArrayList<>(s.guest().accesses());
        l.add(new GuestAccess(at, GuestAccess.Kind.READ, ""));
        return s.withGuest(new Guest(s.guest().stage1(), l));
    }

    /**
     * Appends a stage-1 range over [gpa, gpa+size) with the attribute a guest gets where it maps nothing
     * explicitly ({@link Stage1Attr#defaultFor}); appended, so it wins where it overlaps earlier ranges,
     * as EffectiveMapper reads the list (last listed wins).
     */
    public static Scenario addStage1(Scenario s, long gpa, long size) {
        List<Stage1Range> l = new ArrayList<>(s.guest().stage1());
        l.add(new Stage1Range(gpa, size, Stage1Attr.defaultFor(s.host().arch())));
        return s.withGuest(new Guest(l, s.guest().accesses()));
    }

    public static Scenario replaceVma(Scenario s, int i, Vma v) {
        List<Vma> l = new ArrayList<>(s.vmas());
        l.set(i, v);
        return s.withVmas(l);
    }

    public static Scenario replaceCall(Scenario s, int i, MemslotCall c) {
        List<MemslotCall> l = new ArrayList<>(s.memslots());
        l.set(i, c);
        return s.withMemslots(l);
    }

    public static Scenario replaceAccess(Scenario s, int i, GuestAccess a) {
        List<GuestAccess> l = new ArrayList<>(s.guest().accesses());
        l.set(i, a);
        return s.withGuest(new Guest(s.guest().stage1(), l));
    }

    public static Scenario replaceStage1(Scenario s, int i, Stage1Range r) {
        List<Stage1Range> l = new ArrayList<>(s.guest().stage1());
        l.set(i, r);
        return s.withGuest(new Guest(l, s.guest().accesses()));
    }

    public static Scenario removeVma(Scenario s, int i) {
        List<Vma> l = new ArrayList<>(s.vmas());
        l.remove(i);
        return s.withVmas(l);
    }

    public static Scenario removeCall(Scenario s, int i) {
        List<MemslotCall> l = new ArrayList<>(s.memslots());
        l.remove(i);
        return s.withMemslots(l);
    }

    public static Scenario removeAccess(Scenario s, int i) {
        List<GuestAccess> l = new ArrayList<>(s.guest().accesses());
        l.remove(i);
        return s.withGuest(new Guest(s.guest().stage1(), l));
    }

    public static Scenario removeStage1(Scenario s, int i) {
        List<Stage1Range> l = new ArrayList<>(s.guest().stage1());
        l.remove(i);
        return s.withGuest(new Guest(l, s.guest().accesses()));
    }

    /** The host with one CPU feature on or off (the toolbar's FWB and DIC toggles). */
    public static Scenario withFeature(Scenario s, CpuFeature f, boolean on) {
        Host h = s.host();
        return s.withHost(h.withFeatures(toggle(h.features(), f, on, CpuFeature.class)));
    }

    /** A copy of the set with e added or removed. */
    public static <E extends Enum<E>> Set<E> toggle(Set<E> set, E e, boolean on, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        out.addAll(set);
        if (on) {
            out.add(e);
        } else {
            out.remove(e);
        }
        return out;
    }
}
