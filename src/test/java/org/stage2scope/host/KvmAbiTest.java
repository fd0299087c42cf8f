package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ioctl numbers the _IO/_IOW/_IOWR encoding gives must be the values C userspace compiles from
 * include/uapi/linux/kvm.h on x86-64 and arm64 (the literals below are those values, as a C program
 * printing the macros shows them: size in bits 16-29, direction in 30-31).
 */
class KvmAbiTest {

    @Test
    void ioctlNumbersAreTheUapiValues() {
        assertEquals(0xae00L, KvmAbi.KVM_GET_API_VERSION);
        assertEquals(0xae01L, KvmAbi.KVM_CREATE_VM);
        assertEquals(0xae03L, KvmAbi.KVM_CHECK_EXTENSION);
        assertEquals(0x4020ae46L, KvmAbi.KVM_SET_USER_MEMORY_REGION);
        assertEquals(0x40a0ae49L, KvmAbi.KVM_SET_USER_MEMORY_REGION2);
        assertEquals(0x4068aea3L, KvmAbi.KVM_ENABLE_CAP);
        assertEquals(0xc040aed4L, KvmAbi.KVM_CREATE_GUEST_MEMFD);
    }

    @Test
    void structSizesMatchTheHeader() {
        assertEquals(32, KvmAbi.REGION_BYTES, "sizeof(struct kvm_userspace_memory_region)");
        assertEquals(160, KvmAbi.REGION2_BYTES, "sizeof(struct kvm_userspace_memory_region2)");
        assertEquals(64, KvmAbi.CREATE_GMEM_BYTES, "sizeof(struct kvm_create_guest_memfd)");
        assertEquals(104, KvmAbi.ENABLE_CAP_BYTES, "sizeof(struct kvm_enable_cap)");
    }

    @Test
    void region2PutsEveryFieldAtItsOffsetLittleEndian() {
        byte[] s = KvmAbi.region2(0x1_0003, 0x4, 0x1_0000_0000L, 0x20_0000L, 0x7f12_3400_0000L, 0x3000, 17);
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(160, s.length);
        assertEquals(0x1_0003, b.getInt(0), "slot: as_id << 16 | id");
        assertEquals(0x4, b.getInt(4), "flags");
        assertEquals(0x1_0000_0000L, b.getLong(8), "guest_phys_addr");
        assertEquals(0x20_0000L, b.getLong(16), "memory_size");
        assertEquals(0x7f12_3400_0000L, b.getLong(24), "userspace_addr");
        assertEquals(0x3000L, b.getLong(32), "guest_memfd_offset");
        assertEquals(17, b.getInt(40), "guest_memfd");
        for (int off = 44; off < 160; off++) {
            assertEquals(0, s[off], "padding byte " + off + " is zero");
        }
        assertEquals(0x03, s[0], "little-endian: the low byte of slot comes first");
    }

    @Test
    void v1RegionHasTheSameLeadingLayout() {
        byte[] v1 = KvmAbi.region(5, 2, 0xc0000L, 0x1000L, 0x7000_0000_0000L);
        byte[] v2 = KvmAbi.region2(5, 2, 0xc0000L, 0x1000L, 0x7000_0000_0000L, 0, 0);
        assertEquals(32, v1.length);
        for (int i = 0; i < 32; i++) {
            assertEquals(v1[i], v2[i], "byte " + i + " of the shared prefix");
        }
    }

    @Test
    void quirkMaskNamesTheBits() {
        assertEquals(List.of("LINT0_REENABLED", "IGNORE_GUEST_PAT", "bit 12"), KvmAbi.quirkNames(1L | 1L << 9 | 1L << 12));
    }

    @Test
    void armVmTypeCarriesTheIpaSize() {
        assertEquals(0, KvmAbi.armVmType(40));
        assertEquals(48, KvmAbi.armVmType(48));
    }
}
