package org.stage2scope.engine.memslot;

import static org.stage2scope.engine.memslot.Fixture.GIB;
import static org.stage2scope.engine.memslot.Fixture.MIB;
import static org.stage2scope.engine.memslot.MemslotAssert.assertActive;
import static org.stage2scope.engine.memslot.MemslotAssert.assertResult;

import org.junit.jupiter.api.Test;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;

class X86ReplayTest {
    static final long HVA = 0x7f0000000000L;

    @Test
    void bit3IsInvalidOnX86UnderEveryPolicy() {
        for (PolicyId p : PolicyId.values()) {
            for (MemslotFlag flag : new MemslotFlag[] {MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP}) {
                SlotTable t = Fixture.x86().policy(p).pfnmap("bar", HVA, 64 * MIB, MemType.WB)
                        .slot(0, 0x100000000L, 64 * MIB, HVA, flag)
                        .replay();
                assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.flags.invalid");
            }
        }
    }

    @Test
    void cacheablePfnmapWithDirtyLoggingIsAcceptedOnX86() {
        SlotTable t = Fixture.x86().policy(PolicyId.UPSTREAM).pfnmap("bar", HVA, 64 * MIB, MemType.WB)
                .slot(0, 0x100000000L, 64 * MIB, HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
    }

    @Test
    void smmAddressSpaceExistsButNotAThird() {
        SlotTable t = Fixture.x86()
                .call(1, 0, 0, GIB, HVA, 0)
                .call(2, 0, 0, GIB, HVA, 0)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.as-id.range");
        assertActive(t, "1:0@0x0");
    }

    @Test
    void threeSlotIdsBelowShrtMaxAreKvmInternal() {
        SlotTable t = Fixture.x86()
                .slot(32763, 0, MIB, HVA)
                .slot(32764, 0x1000000L, MIB, HVA)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.id.range");
        SlotTable arm = Fixture.arm64().slot(32766, 0, MIB, HVA).slot(32767, 0x1000000L, MIB, HVA).replay();
        assertResult(arm, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(arm, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.id.range");
    }

    @Test
    void idRangeIsCheckedBeforeFlags() {
        SlotTable t = Fixture.x86().slot(40000, 0x1001, MIB, HVA, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP).replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.id.range");
    }

    @Test
    void createOrMoveBeyondMaxGfnIsEinvalButFlagsOnlyIsNotChecked() {
        long top = 1L << 46;
        SlotTable t = Fixture.x86()
                .slot(0, top - GIB, GIB, HVA)
                .slot(1, top, MIB, HVA + GIB)
                .slot(0, top - MIB, GIB, HVA)
                .slot(0, top - GIB, GIB, HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "x86.prepare.max-gfn");
        assertResult(t, 2, ChangeKind.MOVE, Errno.EINVAL, "x86.prepare.max-gfn");
        assertResult(t, 3, ChangeKind.FLAGS_ONLY, null, "ok.flags-only");
        assertActive(t, "0:0@0x3fffc0000000");
    }

    /** x86-64 TASK_SIZE_MAX is 2^47 minus a guard page, and access_ok compares the range's end with it. */
    @Test
    void hvaRangeMustEndBelowTheGuardPageOnX86() {
        SlotTable t = Fixture.x86()
                .slot(0, 0, MIB, (1L << 47) - MIB - 4096)
                .slot(1, GIB, MIB, (1L << 47) - MIB)
                .slot(2, 2 * GIB, MIB, 1L << 47)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
        assertResult(t, 2, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
    }
}
