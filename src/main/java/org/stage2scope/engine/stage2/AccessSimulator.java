package org.stage2scope.engine.stage2;

import org.stage2scope.engine.VmaIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.memslot.ActiveSlot;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;

/**
 * The guest's listed accesses, each a first touch that takes a stage-2 fault:
 * kvm_handle_guest_abort (memslot, READONLY, IPA range) then the fault path of Stage2Mapper.
 * Every step is recorded in the trace, in kernel order.
 */
public final class AccessSimulator {
    private AccessSimulator() {}

    public static List<AccessResult> simulate(Host host, Vm vm, Policy policy, VmaIndex vmas, List<ActiveSlot> slots,
                                              List<GuestAccess> accesses) {
        Sim sim = new Sim(host, vm, policy, vmas);
        SlotLookup lookup = new SlotLookup(slots);
        List<AccessResult> out = new ArrayList<>(accesses.size());
        for (int i = 0; i < accesses.size(); i++) {
            out.add(one(sim, lookup, i, accesses.get(i)));
        }
        return out;
    }

    /** What every access of one evaluation looks at besides its memslot; immutable, so a later re-run decides alike. */
    private record Sim(Host host, Vm vm, Policy policy, VmaIndex vmas) {}

    /** How one access ends, and the one line that says why. */
    private record Step(AccessOutcome outcome, Stage2Entry entry, Rule rule, String why) {}

    /**
     * Decides the access once without a trace; its explanation and trace are the same walk taken
     * again with one when they are read (the walk is pure, so both agree with this decision).
     */
    private static AccessResult one(Sim sim, SlotLookup slots, int index, GuestAccess a) {
        ActiveSlot slot = beyondIpa(sim, a) ? null : slots.find(a.gpa());
        Step s = walk(sim, slot, a, null);
        return new AccessResult(index, a, s.outcome(), s.entry(), s.rule(), Lazy.later(() -> {
            List<String> trace = new ArrayList<>();
            return new AccessResult.Told(walk(sim, slot, a, trace).why(), trace);
        }));
    }

    /** kvm_handle_guest_abort's first test on arm64: the IPA lies at or above the VM's IPA size. */
    private static boolean beyondIpa(Sim sim, GuestAccess a) {
        return !sim.host().arch().isX86() && !U64.lt(a.gpa(), 1L << sim.vm().ipaBits());
    }

    /**
     * The fault path of one access in kernel order, given the memslot gfn_to_memslot finds (null for none).
     *
     * @param trace receives one line per step, or null
     */
    private static Step walk(Sim sim, ActiveSlot slot, GuestAccess a, List<String> trace) {
        Host host = sim.host();
        Vm vm = sim.vm();
        boolean x86 = host.arch().isX86();
        String entry = x86 ? "kvm_tdp_page_fault" : "kvm_handle_guest_abort";
        if (trace != null) {
            trace.add(entry + ": " + a.kind().id() + " fault at GPA " + U64.hex(a.gpa()));
        }
        if (beyondIpa(sim, a)) {
            if (trace != null) {
                trace.add("kvm_handle_guest_abort: IPA at or above 2^" + vm.ipaBits() + " (the VM's IPA size) -> abort injected");
            }
            return new Step(AccessOutcome.ABORT_INJECTED, null, S2Rules.ACCESS_IPA_RANGE,
                    "GPA " + U64.hex(a.gpa()) + " lies beyond the VM's " + vm.ipaBits()
                            + "-bit IPA space: KVM injects an abort into the guest");
        }
        if (slot == null) {
            if (trace != null) {
                trace.add("gfn_to_memslot: no memslot covers GPA " + U64.hex(a.gpa()));
            }
            if (!x86 && a.kind() == GuestAccess.Kind.EXEC) {
                if (trace != null) {
                    trace.add("kvm_handle_guest_abort: instruction abort outside any memslot -> -ENOEXEC -> kvm_inject_sea_iabt");
                }
                return new Step(AccessOutcome.ABORT_INJECTED, null, S2Rules.ACCESS_NO_SLOT_IABT,
                        "no memslot at GPA " + U64.hex(a.gpa()) + " and the access is an instruction fetch: an external abort is injected into the guest");
            }
            if (x86 && a.kind() == GuestAccess.Kind.EXEC) {
                return x86ExecNoSlot(a, trace);
            }
            if (trace != null) {
                trace.add(x86 ? "kvm_handle_noslot_fault: emulate as MMIO -> KVM_EXIT_MMIO" : "io_mem_abort: KVM_EXIT_MMIO to the VMM");
            }
            return new Step(AccessOutcome.MMIO_EXIT, null, x86 ? S2Rules.X86_ACCESS_NO_SLOT : S2Rules.ACCESS_NO_SLOT_MMIO,
                    "no memslot at GPA " + U64.hex(a.gpa()) + ": the VMM emulates the access (KVM_EXIT_MMIO)");
        }
        if (trace != null) {
            trace.add("gfn_to_memslot: " + slot.call().displayName() + " (GPA " + U64.hex(slot.gpa()) + " + " + U64.size(slot.size()) + ")");
        }
        if (a.kind() == GuestAccess.Kind.WRITE && slot.has(MemslotFlag.KVM_MEM_READONLY)) {
            if (trace != null) {
                trace.add((x86 ? "kvm_faultin_pfn" : "kvm_handle_guest_abort") + ": write to a KVM_MEM_READONLY memslot -> "
                        + (x86 ? "emulated as MMIO" : "io_mem_abort") + ": KVM_EXIT_MMIO");
            }
            return new Step(AccessOutcome.MMIO_EXIT, null, x86 ? S2Rules.X86_ACCESS_READONLY : S2Rules.ACCESS_READONLY_MMIO,
                    "write to " + slot.call().displayName() + ", which is KVM_MEM_READONLY: the VMM sees it as an MMIO write");
        }
        long hva = slot.hva() + (a.gpa() - slot.gpa());
        if (!slot.has(MemslotFlag.KVM_MEM_GUEST_MEMFD) && trace != null) {
            trace.add("gfn_to_hva_memslot_prot: HVA " + U64.hex(hva));
        }
        VmaIndex vmas = sim.vmas();
        int vi = slot.has(MemslotFlag.KVM_MEM_GUEST_MEMFD) ? -1 : vmas.lookup(hva);
        Vma vma = vi < 0 ? null : vmas.vma(vi);
        Set<Long> poison = vi < 0 ? Set.of() : toSet(vmas.poisonedPages(vi, host.pageSize().pageSize()));
        FaultContext ctx = new FaultContext(host, vm, sim.policy(), slot, vma, poison);
        Decision d = Stage2Mapper.fault(ctx, hva, a.kind(), trace);
        return new Step(d.outcome(), d.entry(), d.rule(), d.reason());
    }

    /**
     * x86 instruction fetch from a GPA without a memslot. kvm_handle_noslot_fault treats the GPA as MMIO
     * and asks for emulation (RET_PF_EMULATE), but x86_decode_emulated_instruction must first read the
     * instruction bytes from guest memory (kvm_fetch_guest_virt), and there is none at that GPA: the
     * fetch fails with X86EMUL_IO_NEEDED and decoding fails. The MMIO info is cached, so the fault is
     * not retried (no EMULTYPE_ALLOW_RETRY_PF), and handle_emulation_failure runs: it queues #UD, and
     * when the vCPU is at CPL 0 and not in guest mode (or the VMM enabled
     * KVM_CAP_EXIT_ON_EMULATION_FAILURE) it exits with KVM_EXIT_INTERNAL_ERROR, suberror
     * KVM_INTERNAL_ERROR_EMULATION. The model does not know the guest's CPL; it reports the exit and
     * says that user-mode code would only see #UD.
     */
    private static Step x86ExecNoSlot(GuestAccess a, List<String> trace) {
        if (trace != null) {
            trace.add("kvm_handle_noslot_fault: no memslot, handled as MMIO -> RET_PF_EMULATE");
            trace.add("x86_emulate_instruction: x86_decode_emulated_instruction cannot fetch the instruction bytes"
                    + " (kvm_fetch_guest_virt: no guest memory at GPA " + U64.hex(a.gpa()) + ") -> decode fails");
            trace.add("handle_emulation_failure: kvm_queue_exception(#UD)");
            trace.add("handle_emulation_failure: at CPL 0 -> KVM_EXIT_INTERNAL_ERROR, suberror KVM_INTERNAL_ERROR_EMULATION"
                    + " (at CPL 3 the guest only gets #UD)");
        }
        return new Step(AccessOutcome.EMULATION_FAILURE, null, S2Rules.X86_ACCESS_EXEC_NO_SLOT,
                "instruction fetch from GPA " + U64.hex(a.gpa()) + ", where no memslot is: KVM handles the fault as MMIO but"
                        + " its emulator cannot fetch an instruction from MMIO, so emulation fails; #UD is queued and, for"
                        + " kernel code (CPL 0), the VMM gets KVM_EXIT_INTERNAL_ERROR (KVM_INTERNAL_ERROR_EMULATION)");
    }

    private static Set<Long> toSet(long[] pages) {
        Set<Long> s = new java.util.HashSet<>();
        for (long p : pages) {
            s.add(p);
        }
        return s;
    }

    /** The address-space-0 memslot containing the GPA (gfn_to_memslot), or null: the first in list order. */
    static ActiveSlot find(List<ActiveSlot> slots, long gpa) {
        for (ActiveSlot s : slots) {
            if (covers(s, gpa)) {
                return s;
            }
        }
        return null;
    }

    private static boolean covers(ActiveSlot s, long gpa) {
        return s.addressSpace() == 0 && s.size() != 0 && U64.le(s.gpa(), gpa) && U64.fits(s.gpa(), s.size())
                && U64.le(gpa, U64.last(s.gpa(), s.size()));
    }

    /**
     * gfn_to_memslot by binary search over the address-space-0 slots sorted by GPA, as the kernel's
     * gfn tree does: a linear scan per access was 15 s of a 16 s evaluation at 32,767 slots and
     * 163,835 accesses. The slots MemslotValidator leaves standing never overlap (kvm_check_memslot_overlap);
     * if a caller hands in overlapping ones, the lookup keeps {@link #find}'s first-in-list answer.
     */
    private static final class SlotLookup {
        private final List<ActiveSlot> slots;
        private final ActiveSlot[] byGpa;

        SlotLookup(List<ActiveSlot> slots) {
            this.slots = slots;
            List<ActiveSlot> mapped = new ArrayList<>();
            for (ActiveSlot s : slots) {
                if (s.addressSpace() == 0 && s.size() != 0 && U64.fits(s.gpa(), s.size())) {
                    mapped.add(s);
                }
            }
            mapped.sort((a, b) -> Long.compareUnsigned(a.gpa(), b.gpa()));
            boolean disjoint = true;
            for (int i = 1; i < mapped.size() && disjoint; i++) {
                disjoint = U64.lt(U64.last(mapped.get(i - 1).gpa(), mapped.get(i - 1).size()), mapped.get(i).gpa());
            }
            byGpa = disjoint ? mapped.toArray(ActiveSlot[]::new) : null;
        }

        ActiveSlot find(long gpa) {
            if (byGpa == null) {
                return AccessSimulator.find(slots, gpa);
            }
            // The last slot starting at or below gpa is the only one that can cover it.
            int i = U64.floorIndex(byGpa.length, k -> byGpa[k].gpa(), gpa);
            return i >= 0 && covers(byGpa[i], gpa) ? byGpa[i] : null;
        }
    }
}
