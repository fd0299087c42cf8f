package org.stage2scope.engine.memslot;

import org.stage2scope.engine.ChangeKind;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * x86 kvm_arch_prepare_memory_region (AMD and Intel alike): CREATE and MOVE must end at or below
 * kvm_mmu_max_gfn(). The kernel derives that bound from the host MAXPHYADDR (shadow_phys_bits) when
 * TDP is on; scenarios carry no host MAXPHYADDR, so the VM's physical address bits stand in for it.
 * Not modelled: a MOVE with an external page tracker (KVMGT) and the TDX shared-bit alias test.
 */
final class X86Prepare implements ArchPrepare {
    private final int physBits;
    private final long pageSize;

    X86Prepare(Scenario scenario) {
        this.physBits = scenario.vm().ipaBits();
        this.pageSize = scenario.host().pageSize().pageSize();
    }

    @Override
    public Prepared prepare(ChangeKind change, MemslotCall c) {
        if (change != ChangeKind.CREATE && change != ChangeKind.MOVE) {
            return Prepared.ok();
        }
        long maxGfn = (1L << physBits) / pageSize - 1;
        long lastGfn = Long.divideUnsigned(c.gpa(), pageSize) + Long.divideUnsigned(c.size(), pageSize) - 1;
        if (lastGfn <= maxGfn) {
            return Prepared.ok(() -> "kvm_arch_prepare_memory_region (x86) found the last GFN " + U64.hex(lastGfn)
                    + " within kvm_mmu_max_gfn() = " + U64.hex(maxGfn) + " (" + physBits + " physical address bits).");
        }
        return Prepared.refused(Refusal.einval(MemslotRules.X86_MAX_GFN, () -> "kvm_arch_prepare_memory_region (x86) refuses "
                + Describe.call(c) + ": its last GFN " + U64.hex(lastGfn) + " is beyond kvm_mmu_max_gfn() = "
                + U64.hex(maxGfn) + "; EPT/NPT cannot map GPAs at or above 2^" + physBits
                + " (the model uses the VM's physical address bits for the host MAXPHYADDR)."));
    }
}
