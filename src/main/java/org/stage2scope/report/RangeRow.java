package org.stage2scope.report;

import java.math.BigInteger;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Backing;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Vma;

/**
 * One GPA range of an evaluation, as the range table, {@code check} and every review document show
 * it: a stage-2 run cut where the guest's effective type changes, or the range of a refused memslot
 * call. Nothing here is recomputed: every value is the engine's.
 *
 * @param size        bytes; a refused call's range may wrap past 2^64 (see {@link #endExclusive()})
 * @param vmaName     the name of the VMA behind the range, or null for a hole in the HVA space
 * @param vma         that VMA of the scenario, or null (a hole, or a name the scenario does not list)
 * @param kind        what happened to the range
 * @param refusal     the errno of a refused call ("EINVAL"), null otherwise
 * @param s2          the stage-2 entry KVM installs, null unless {@code kind == MAPPED}
 * @param effective   the effective-type run covering this range, null when nothing is mapped (or in
 *                    address space 1, which aliases space 0's GPAs)
 * @param rule        the rule that decided the outcome (stage-2 fault path, or the memslot check)
 * @param why         one line naming the kernel function that decided ({@link #reason()}); a refused call's
 *                    explanation is written only when read, as the engine's is
 * @param memslotCall the index of the refused call, -1 for a stage-2 run
 * @param finding     some finding of the evaluation points into this range
 */
public record RangeRow(int addressSpace, long gpa, long size, int slot, String vmaName, Vma vma,
                       Kind kind, String refusal, Stage2Entry s2, EffectiveRun effective, Rule rule, Lazy<String> why,
                       int memslotCall, boolean finding) {

    public String reason() {
        return why.get();
    }

    /** What happened to a range: mapped at stage 2, a fault KVM reports to the VMM, or its memslot was refused. */
    public enum Kind { MAPPED, EFAULT, SIGBUS, REFUSED }

    /** Exclusive end as an unsigned number: never wraps, so a range ending at 2^64 ends at 0x10000000000000000. */
    public BigInteger endExclusive() {
        return new BigInteger(Long.toUnsignedString(gpa)).add(new BigInteger(Long.toUnsignedString(size)));
    }

    /** "3", or "1:3" in address space 1. */
    public String slotId() {
        return MemslotCall.slotId(addressSpace, slot);
    }

    /** "mapped", "EFAULT", "SIGBUS" or "refused EINVAL". */
    public String outcome() {
        return switch (kind) {
            case MAPPED -> "mapped";
            case EFAULT, SIGBUS -> kind.name();
            case REFUSED -> "refused " + refusal;
        };
    }

    /** The guest's effective class, else the stage-2 class, else null. */
    public MemClass memClass() {
        return effective != null ? effective.memClass() : s2 != null ? s2.memClass() : null;
    }

    /**
     * The guest gets something other than what stage 2 asked for: its own stage-1 attribute made
     * the range less (or, with FWB, more) cacheable, or changed the device type.
     */
    public boolean effectiveDiffersFromStage2() {
        return s2 != null && effective != null && !effective.name().equals(s2.type());
    }

    /** Device memory: a device's memory is behind the VMA (a BAR, GPU memory), or the range is mapped Device/UC. */
    public boolean deviceMemory() {
        return (s2 != null && s2.memClass() == MemClass.DEVICE) || (effective != null && effective.memClass() == MemClass.DEVICE)
                || (vma != null && vma.backing().kind() == Backing.Kind.DEVICE);
    }
}
