package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.memslot.Fixture.GIB;
import static org.stage2scope.engine.memslot.Fixture.MIB;
import static org.stage2scope.engine.memslot.MemslotAssert.assertActive;
import static org.stage2scope.engine.memslot.MemslotAssert.assertResult;

import org.junit.jupiter.api.Test;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.model.Granule;
import org.stage2scope.model.MemslotFlag;

class GenericChecksReplayTest {
    static final long HVA = 0x7f0000000000L;

    private static Fixture ram() {
        return Fixture.arm64().ram("ram", HVA, 4 * GIB);
    }

    @Test
    void createsMovesReflagsAndDeletesLikeTheKernel() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .slot(0, 0x80000000L, GIB, HVA)
                .slot(0, 0x80000000L, GIB, HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .slot(0, 0x80000000L, GIB, HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .slot(1, 0x40000000L, MIB, HVA + GIB)
                .delete(0)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.MOVE, null, "ok.move");
        assertResult(t, 2, ChangeKind.FLAGS_ONLY, null, "ok.flags-only");
        assertResult(t, 3, ChangeKind.NONE, null, "ok.no-change");
        assertResult(t, 4, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 5, ChangeKind.DELETE, null, "ok.delete");
        assertActive(t, "0:1@0x40000000");
    }

    @Test
    void activeSlotIsTheLastAcceptedCallDescribingIt() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .slot(0, 0x80000000L, GIB, HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .replay();
        assertResult(t, 1, ChangeKind.MOVE, null, "ok.move");
        assertTrue(t.active().get(0).has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES));
        assertTrue(t.active().get(0).callIndex() == 1);
    }

    @Test
    void sizeNotPageMultipleIsEinval() {
        SlotTable t = ram().slot(0, 0x40000000L, MIB + 0x800, HVA).replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.size.unaligned");
        assertActive(t);
    }

    @Test
    void pageSizeIsTheHostGranule() {
        SlotTable t = Fixture.arm64().granule(Granule.G64K).ram("ram", HVA, GIB)
                .slot(0, 0x40000000L, 16 * 1024, HVA)
                .slot(1, 0x40004000L, 64 * 1024, HVA)
                .slot(2, 0x40000000L, 64 * 1024, HVA + 0x1000)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.size.unaligned");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.gpa.unaligned");
        assertResult(t, 2, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.unaligned");
    }

    @Test
    void hvaAboveUserLimitIsEinval() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, MIB, 1L << 48)
                .slot(1, 0x40000000L, 2 * MIB, (1L << 48) - MIB)
                .slot(2, 0x40000000L, MIB, (1L << 48) - MIB)
                .slot(3, 0x80000000L, 0x1000, 0xfffffffffffff000L)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
        assertResult(t, 2, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 3, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
    }

    @Test
    void gpaPlusSizeWrappingIsEinval() {
        SlotTable t = ram().slot(0, 0xfffffffffff00000L, 2 * MIB, HVA).replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.gpa.wrap");
        assertTrue(t.results().get(0).explanation().contains("0xfffffffffff00000"));
    }

    @Test
    void allOnesSizeFailsTheFirstCheckItBreaks() {
        SlotTable t = ram()
                .slot(0, 0, 0xffffffffffffffffL, HVA)
                .slot(1, 0xfffffffffffff000L, 0xfffffffffffff000L, 0)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.size.unaligned");
        // aligned, but access_ok fails before the GPA wrap is looked at
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.hva.not-user");
    }

    @Test
    void morePagesThanKvmMemMaxNrPagesIsEinval() {
        long hva = 0x1000;
        SlotTable t = Fixture.arm64()
                .slot(0, 0, (1L << 31) * 4096, hva)
                .slot(1, 0, ((1L << 31) - 1) * 4096, hva)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.pages.max");
        // the IPA space (40 bits) is smaller than 8 TiB: the generic check passes, the arm64 hook refuses
        assertResult(t, 1, ChangeKind.CREATE, Errno.EFAULT, "arm64.prepare.ipa-size");
    }

    @Test
    void deletingAMissingSlotIsEinval() {
        SlotTable t = ram().delete(5).replay();
        assertResult(t, 0, ChangeKind.DELETE, Errno.EINVAL, "memslot.delete.missing");
    }

    @Test
    void deletedSlotCanBeCreatedAgainAnywhere() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .delete(0)
                .delete(0)
                .slot(0, 0x100000000L, 2 * GIB, HVA + GIB)
                .replay();
        assertResult(t, 1, ChangeKind.DELETE, null, "ok.delete");
        assertResult(t, 2, ChangeKind.DELETE, Errno.EINVAL, "memslot.delete.missing");
        assertResult(t, 3, ChangeKind.CREATE, null, "ok.create");
        assertActive(t, "0:0@0x100000000");
    }

    @Test
    void changingHvaSizeOrReadonlyOfAnExistingSlotIsEinval() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .slot(0, 0x40000000L, GIB, HVA + GIB)
                .slot(0, 0x40000000L, 2 * GIB, HVA)
                .slot(0, 0x80000000L, GIB, HVA, MemslotFlag.KVM_MEM_READONLY)
                .replay();
        assertResult(t, 1, ChangeKind.NONE, Errno.EINVAL, "memslot.modify.immutable");
        assertResult(t, 2, ChangeKind.NONE, Errno.EINVAL, "memslot.modify.immutable");
        assertResult(t, 3, ChangeKind.MOVE, Errno.EINVAL, "memslot.modify.immutable");
        assertActive(t, "0:0@0x40000000");
    }

    @Test
    void modifyingAGuestMemfdSlotIsEinval() {
        SlotTable t = ram()
                .call(0, 0, 0x40000000L, GIB, HVA, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                .call(0, 0, 0x80000000L, GIB, HVA, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                .call(0, 0, 0x40000000L, GIB, HVA, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.MOVE, Errno.EINVAL, "memslot.modify.gmem");
        // even an identical call: the GUEST_MEMFD test comes before the no-change test
        assertResult(t, 2, ChangeKind.NONE, Errno.EINVAL, "memslot.modify.gmem");
    }

    @Test
    void moveOntoAnotherSlotIsEexistButMayOverlapItself() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .slot(1, 0x100000000L, GIB, HVA + GIB)
                .slot(0, 0xe0000000L, GIB, HVA)
                .slot(0, 0x60000000L, GIB, HVA)
                .replay();
        assertResult(t, 2, ChangeKind.MOVE, Errno.EEXIST, "memslot.overlap");
        assertResult(t, 3, ChangeKind.MOVE, null, "ok.move");
        assertActive(t, "0:0@0x60000000", "0:1@0x100000000");
    }

    @Test
    void flagChecksComeFirstAndNameTheOffendingBit() {
        SlotTable t = ram()
                .slot(0, 0x40000001L, MIB, HVA, MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.flags.invalid");
        assertTrue(t.results().get(0).explanation().contains("bit 3"));
    }

    @Test
    void slotsInDifferentAddressSpacesDoNotOverlapOnX86() {
        SlotTable t = Fixture.x86().ram("ram", HVA, 4 * GIB)
                .call(0, 0, 0, GIB, HVA, 0)
                .call(1, 0, 0, GIB, HVA, 0)
                .call(1, 1, 0x20000000L, GIB, HVA, 0)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 2, ChangeKind.CREATE, Errno.EEXIST, "memslot.overlap");
        assertActive(t, "0:0@0x0", "1:0@0x0");
    }

    @Test
    void addressSpaceOneIsEinvalOnArm64() {
        SlotTable t = ram().call(1, 0, 0x40000000L, GIB, HVA, 0).replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.as-id.range");
    }

    @Test
    void guestMemfdSlotReflaggedWithoutGuestMemfdIsAFlagsOnlyChange() {
        // kvm_set_memory_region only tests the new call's GUEST_MEMFD bit for immutability
        SlotTable t = ram()
                .call(0, 0, 0x40000000L, GIB, HVA, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                .slot(0, 0x40000000L, GIB, HVA)
                .replay();
        assertResult(t, 1, ChangeKind.FLAGS_ONLY, null, "ok.flags-only");
    }

    @Test
    void explanationsNameTheKernelFunctionAndTheValues() {
        SlotTable t = ram()
                .slot(0, 0x40000000L, GIB, HVA)
                .slot(1, 0x60000000L, GIB, HVA + GIB)
                .replay();
        String ok = t.results().get(0).explanation();
        assertTrue(ok.startsWith("kvm_set_memory_region creates slot 0 (GPA 0x40000000, 1 GiB, HVA 0x7f0000000000)"), ok);
        String eexist = t.results().get(1).explanation();
        assertTrue(eexist.contains("kvm_check_memslot_overlap") && eexist.contains("[0x60000000, 0x80000000)"), eexist);
        assertTrue(t.results().get(1).rule().kernelFunction().equals("kvm_check_memslot_overlap"));
    }
}
