package org.stage2scope.engine.memslot;

import org.stage2scope.engine.VmaIndex;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * Replays a scenario's KVM_SET_USER_MEMORY_REGION2 calls in order, each judged against the slots
 * standing at that moment, as kvm_vm_ioctl_set_memory_region, kvm_set_memory_region and
 * kvm_arch_prepare_memory_region would.
 *
 * <p>The change kind of a refused call is the one the kernel had determined when it refused. Checks
 * that run before kvm_set_memory_region determines it report the kind the call asks for: DELETE for
 * size 0, CREATE when no slot has this id, otherwise MOVE (new GPA), FLAGS_ONLY (other flag bits) or NONE.
 */
public final class MemslotValidator {
    private MemslotValidator() {}

    /** Replays the scenario's memslot ioctls in order, each judged against the slots existing at that moment. */
    public static SlotTable replay(Scenario scenario, Policy policy) {
        return replay(scenario, policy, new VmaIndex(scenario.vmas()));
    }

    /** The same, over an index of the scenario's VMAs the caller already built (the evaluator shares its own). */
    public static SlotTable replay(Scenario scenario, Policy policy, VmaIndex vmas) {
        long pageSize = scenario.host().pageSize().pageSize();
        GenericChecks checks = new GenericChecks(scenario.host(), policy);
        ArchPrepare arch = ArchPrepare.of(scenario, policy, vmas);
        SlotState state = new SlotState(pageSize);
        List<MemslotCall> calls = scenario.memslots();
        List<MemslotResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            results.add(judge(i, calls.get(i), checks, arch, state));
        }
        return new SlotTable(results, state.active());
    }

    private static MemslotResult judge(int index, MemslotCall c, GenericChecks checks, ArchPrepare arch, SlotState state) {
        ActiveSlot old = state.get(c.addressSpace(), c.slot());
        Refusal early = checks.firstRefusal(c);
        if (early != null) {
            return refused(index, c, requested(c, old), early);
        }
        if (c.size() == 0) {
            return delete(index, c, old, arch, state);
        }
        ChangeKind change;
        if (old == null) {
            change = ChangeKind.CREATE;
        } else {
            Refusal r = modification(c, old);
            if (r != null) {
                return refused(index, c, requested(c, old), r);
            }
            change = requested(c, old);
            if (change == ChangeKind.NONE) {
                return new MemslotResult(index, c, change, null, MemslotRules.OK_NONE, Lazy.later(() -> "kvm_set_memory_region returns 0 for "
                        + Describe.call(c) + " without doing anything: slot " + c.slot() + " already has this GPA, size, HVA and flags ("
                        + Describe.flags(old.call().flags()) + ", set by call #" + old.callIndex() + ")."));
            }
        }
        if (change == ChangeKind.CREATE || change == ChangeKind.MOVE) {
            Refusal r = overlap(c, state);
            if (r != null) {
                return refused(index, c, change, r);
            }
        }
        ArchPrepare.Prepared p = arch.prepare(change, c);
        if (p.refusal() != null) {
            return refused(index, c, change, p.refusal());
        }
        if (old != null) {
            state.remove(old);
        }
        state.put(new ActiveSlot(index, c));
        ChangeKind done = change;
        return new MemslotResult(index, c, done, null, okRule(done),
                Lazy.later(() -> (accepted(done, c, old) + " " + p.note().get()).strip()));
    }

    /** The kind of change the call asks for, before the kernel has checked that it may. */
    static ChangeKind requested(MemslotCall c, ActiveSlot old) {
        if (c.size() == 0) {
            return ChangeKind.DELETE;
        }
        if (old == null) {
            return ChangeKind.CREATE;
        }
        if (c.gpa() != old.gpa()) {
            return ChangeKind.MOVE;
        }
        return FlagBits.of(c.flags()) != FlagBits.of(old.call().flags()) ? ChangeKind.FLAGS_ONLY : ChangeKind.NONE;
    }

    private static MemslotResult delete(int index, MemslotCall c, ActiveSlot old, ArchPrepare arch, SlotState state) {
        if (old == null) {
            return refused(index, c, ChangeKind.DELETE, Refusal.einval(MemslotRules.DELETE_MISSING, () -> "kvm_set_memory_region refuses "
                    + Describe.call(c) + ": memory_size 0 asks to delete slot " + c.slot() + " of address space "
                    + c.addressSpace() + ", but no such slot exists (id_to_memslot returns NULL)."));
        }
        arch.prepare(ChangeKind.DELETE, c);
        state.remove(old);
        return new MemslotResult(index, c, ChangeKind.DELETE, null, MemslotRules.OK_DELETE, Lazy.later(() -> "kvm_set_memory_region deletes "
                + Describe.call(old.call()) + " (created or last changed by call #" + old.callIndex()
                + "); its GFN range is free again and stage-2 mappings for it are zapped (kvm_set_memslot, KVM_MR_DELETE)."));
    }

    /** The modify-an-existing-slot branch of kvm_set_memory_region. */
    private static Refusal modification(MemslotCall c, ActiveSlot old) {
        if (c.has(MemslotFlag.KVM_MEM_GUEST_MEMFD)) {
            return Refusal.einval(MemslotRules.MODIFY_GMEM, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                    + ": slot " + c.slot() + " already exists (call #" + old.callIndex()
                    + ") and the call carries KVM_MEM_GUEST_MEMFD; guest_memfd memslots are immutable and can only be deleted.");
        }
        if (c.hva() == old.hva() && c.size() == old.size()
                && c.has(MemslotFlag.KVM_MEM_READONLY) == old.has(MemslotFlag.KVM_MEM_READONLY)) {
            return null; // changes(c, old) is empty: the sentence that lists them is written only when read
        }
        return Refusal.einval(MemslotRules.MODIFY_IMMUTABLE, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": slot " + c.slot() + " already exists (call #" + old.callIndex() + ") and an existing slot may only move or change "
                + "flags other than READONLY, but this call changes " + String.join(", ", changes(c, old))
                + "; delete the slot (size 0) and create it again instead.");
    }

    /** What the call would change that an existing slot cannot: its HVA, its size, its READONLY flag. */
    private static List<String> changes(MemslotCall c, ActiveSlot old) {
        List<String> changed = new ArrayList<>();
        if (c.hva() != old.hva()) {
            changed.add("userspace_addr " + U64.hex(old.hva()) + " -> " + U64.hex(c.hva()));
        }
        if (c.size() != old.size()) {
            changed.add("size " + U64.human(old.size()) + " -> " + U64.human(c.size()));
        }
        if (c.has(MemslotFlag.KVM_MEM_READONLY) != old.has(MemslotFlag.KVM_MEM_READONLY)) {
            changed.add("KVM_MEM_READONLY " + (c.has(MemslotFlag.KVM_MEM_READONLY) ? "set" : "cleared"));
        }
        return changed;
    }

    private static Refusal overlap(MemslotCall c, SlotState state) {
        long start = state.gfn(c.gpa());
        ActiveSlot other = state.overlapping(c.addressSpace(), c.slot(), start, start + state.npages(c.size()));
        if (other == null) {
            return null;
        }
        long lo = U64.max(c.gpa(), other.gpa());
        long hi = U64.min(c.gpa() + c.size(), other.gpa() + other.size());
        return new Refusal(Errno.EEXIST, MemslotRules.OVERLAP_RULE, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + " with -EEXIST: kvm_check_memslot_overlap finds GPA " + Describe.range(c.gpa(), c.size()) + " meets "
                + Describe.call(other.call()) + " (call #" + other.callIndex() + ") in address space " + c.addressSpace()
                + " over " + Describe.range(lo, hi - lo) + ".");
    }

    private static String accepted(ChangeKind change, MemslotCall c, ActiveSlot old) {
        return switch (change) {
            case CREATE -> "kvm_set_memory_region creates " + Describe.call(c) + " with " + Describe.flags(c.flags())
                    + ": GPA " + Describe.range(c.gpa(), c.size()) + " maps HVA " + Describe.range(c.hva(), c.size())
                    + " and meets no other slot of address space " + c.addressSpace() + ".";
            case MOVE -> "kvm_set_memory_region moves slot " + c.slot() + " from GPA " + U64.hex(old.gpa()) + " to "
                    + U64.hex(c.gpa()) + " (" + U64.human(c.size()) + ", same HVA " + U64.hex(c.hva())
                    + "); the old range is invalidated and zapped first, and the new range meets no other slot.";
            case FLAGS_ONLY -> "kvm_set_memory_region changes only the flags of " + Describe.call(c) + ": "
                    + Describe.flags(old.call().flags()) + " -> " + Describe.flags(c.flags()) + ".";
            default -> throw new IllegalStateException("no acceptance text for " + change);
        };
    }

    private static Rule okRule(ChangeKind change) {
        return switch (change) {
            case CREATE -> MemslotRules.OK_CREATE;
            case MOVE -> MemslotRules.OK_MOVE;
            case FLAGS_ONLY -> MemslotRules.OK_FLAGS_ONLY;
            case DELETE -> MemslotRules.OK_DELETE;
            case NONE -> MemslotRules.OK_NONE;
        };
    }

    private static MemslotResult refused(int index, MemslotCall c, ChangeKind change, Refusal r) {
        return new MemslotResult(index, c, change, r.errno(), r.rule(), r.why());
    }
}
