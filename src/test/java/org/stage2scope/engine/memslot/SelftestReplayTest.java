package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stage2scope.engine.memslot.Fixture.MIB;
import static org.stage2scope.engine.memslot.MemslotAssert.assertActive;
import static org.stage2scope.engine.memslot.MemslotAssert.assertResult;

import org.junit.jupiter.api.Test;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.model.MemslotFlag;

/** The cases of tools/testing/selftests/kvm/set_memory_region_test.c, replayed. */
class SelftestReplayTest {
    static final long MEM_REGION_SIZE = 2 * MIB;
    static final long MEM_REGION_GPA = 0xc0000000L;
    static final int MEM_REGION_SLOT = 10;
    static final long MEM = 0x7f0000000000L;

    @Test
    void dirtyLoggingOrReadonlyWithGuestMemfdIsEinvalOnBothArches() {
        for (Fixture f : new Fixture[] {Fixture.arm64(), Fixture.x86()}) {
            SlotTable t = f
                    .call(0, 0, 0, MEM_REGION_SIZE, 0, 0, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                    .call(0, 0, 0, MEM_REGION_SIZE, 0, 0, MemslotFlag.KVM_MEM_READONLY, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                    .call(0, 0, 0, MEM_REGION_SIZE, 0, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)
                    .replay();
            assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.flags.invalid");
            assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "memslot.flags.invalid");
            assertResult(t, 2, ChangeKind.CREATE, null, "ok.create");
            assertActive(t, "0:0@0x0");
        }
    }

    @Test
    void arm64TakesKvmCapNrMemslotsSlotsOf2MiBAndRefusesOneMore() {
        addMaxMemoryRegions(Fixture.arm64(), 32767);
    }

    @Test
    void x86TakesKvmCapNrMemslotsSlotsOf2MiBAndRefusesOneMore() {
        addMaxMemoryRegions(Fixture.x86(), 32764);
    }

    private static void addMaxMemoryRegions(Fixture f, int maxMemSlots) {
        f.ram("mem", MEM, maxMemSlots * MEM_REGION_SIZE);
        for (int slot = 0; slot < maxMemSlots; slot++) {
            f.slot(slot, slot * MEM_REGION_SIZE, MEM_REGION_SIZE, MEM + slot * MEM_REGION_SIZE);
        }
        f.slot(maxMemSlots, maxMemSlots * MEM_REGION_SIZE, MEM_REGION_SIZE, MEM);
        SlotTable t = f.replay();
        for (int slot = 0; slot < maxMemSlots; slot++) {
            MemslotResult r = t.results().get(slot);
            assertNull(r.errno(), r.explanation());
        }
        assertResult(t, maxMemSlots, ChangeKind.CREATE, Errno.EINVAL, "memslot.id.range");
        assertEquals(maxMemSlots, t.active().size());
        assertEquals(maxMemSlots - 1, t.active().get(maxMemSlots - 1).slot());
    }

    @Test
    void everyMisalignedGuestMemfdOffsetIsEinval() {
        Fixture f = Fixture.x86();
        for (long off = 1; off < 4096; off++) {
            f.call(0, MEM_REGION_SLOT, MEM_REGION_GPA, MEM_REGION_SIZE, 0, off, MemslotFlag.KVM_MEM_GUEST_MEMFD);
        }
        f.call(0, MEM_REGION_SLOT, MEM_REGION_GPA, MEM_REGION_SIZE, 0, 0xfffffffffffff000L, MemslotFlag.KVM_MEM_GUEST_MEMFD);
        f.call(0, MEM_REGION_SLOT, MEM_REGION_GPA, MEM_REGION_SIZE, 0, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD);
        SlotTable t = f.replay();
        for (int i = 0; i < 4096; i++) {
            assertResult(t, i, ChangeKind.CREATE, Errno.EINVAL, "memslot.gmem.offset");
        }
        assertResult(t, 4096, ChangeKind.CREATE, null, "ok.create");
    }

    @Test
    void offsetIsIgnoredWithoutGuestMemfd() {
        SlotTable t = Fixture.arm64().call(0, 0, 0, MEM_REGION_SIZE, 0, 3).replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
    }

    @Test
    void recreatingASlotOverlappingAnotherIsEexist() {
        for (Fixture base : new Fixture[] {Fixture.arm64(), Fixture.x86()}) {
            MemslotFlag gmem = MemslotFlag.KVM_MEM_GUEST_MEMFD;
            long other = MEM_REGION_GPA * 2;
            SlotTable t = base
                    .call(0, MEM_REGION_SLOT, MEM_REGION_GPA, MEM_REGION_SIZE * 2, 0, 0, gmem)
                    .call(0, MEM_REGION_SLOT + 1, other, MEM_REGION_SIZE * 2, 0, MEM_REGION_SIZE * 2, gmem)
                    .call(0, MEM_REGION_SLOT, MEM_REGION_GPA, 0, 0, 0, gmem)
                    // front half of the other slot
                    .call(0, MEM_REGION_SLOT, other - MEM_REGION_SIZE, MEM_REGION_SIZE * 2, 0, 0, gmem)
                    // back half of the other slot
                    .call(0, MEM_REGION_SLOT, other + MEM_REGION_SIZE, MEM_REGION_SIZE * 2, 0, 0, gmem)
                    // same GPA, containing, contained
                    .call(0, MEM_REGION_SLOT, other, MEM_REGION_SIZE * 2, 0, 0, gmem)
                    .call(0, MEM_REGION_SLOT, other - MEM_REGION_SIZE, MEM_REGION_SIZE * 4, 0, 0, gmem)
                    .call(0, MEM_REGION_SLOT, other + 0x1000, 0x1000, 0, 0, gmem)
                    // touching at either end is no overlap
                    .call(0, MEM_REGION_SLOT, other - MEM_REGION_SIZE, MEM_REGION_SIZE, 0, 0, gmem)
                    .replay();
            assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
            assertResult(t, 1, ChangeKind.CREATE, null, "ok.create");
            assertResult(t, 2, ChangeKind.DELETE, null, "ok.delete");
            for (int i = 3; i <= 7; i++) {
                assertResult(t, i, ChangeKind.CREATE, Errno.EEXIST, "memslot.overlap");
            }
            assertResult(t, 8, ChangeKind.CREATE, null, "ok.create");
            assertActive(t, "0:10@0x17fe00000", "0:11@0x180000000");
        }
    }
}
