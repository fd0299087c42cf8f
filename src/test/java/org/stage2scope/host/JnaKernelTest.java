package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real system calls, on this machine: none of these needs /dev/kvm. */
class JnaKernelTest {
    private static final long G = 1L << 30;
    private static Kernel k;

    @BeforeAll
    static void load() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "JNA system calls are tested on Linux only");
        k = JnaKernel.load();
    }

    private static boolean mapped(long addr) throws IOException {
        String hex = Long.toHexString(addr);
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.startsWith(hex + "-")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void unameAndPageSizeAreThisKernels() throws IOException {
        Kernel.Uname u = k.uname();
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), u.release());
        assertEquals("Linux", u.sysname());
        assertEquals(System.getProperty("os.arch").equals("amd64") ? "x86_64" : u.machine(), u.machine());
        assertEquals(4096, k.pageSize());
    }

    @Test
    void a95GiBNoreserveMappingCostsNothingAndUnmaps() throws IOException {
        long len = 95 * G;
        long a = k.mmap(0, len, KvmAbi.PROT_READ | KvmAbi.PROT_WRITE,
                KvmAbi.MAP_PRIVATE | KvmAbi.MAP_ANONYMOUS | KvmAbi.MAP_NORESERVE, -1, 0);
        assertTrue(a > 0, "mmap returned " + a);
        assertTrue(mapped(a), "the mapping shows in /proc/self/maps");
        assertEquals(0, k.munmap(a, len));
        assertFalse(mapped(a), "gone after munmap");
    }

    @Test
    void fixedNoreplaceRefusesAnOccupiedRangeWithEexist() {
        long a = k.mmap(0, 4 * 4096, KvmAbi.PROT_NONE, KvmAbi.MAP_PRIVATE | KvmAbi.MAP_ANONYMOUS | KvmAbi.MAP_NORESERVE, -1, 0);
        assertTrue(a > 0);
        try {
            long b = k.mmap(a + 4096, 4096, KvmAbi.PROT_NONE,
                    KvmAbi.MAP_PRIVATE | KvmAbi.MAP_ANONYMOUS | KvmAbi.MAP_FIXED_NOREPLACE, -1, 0);
            assertEquals(-Kernel.EEXIST, b);
        } finally {
            assertEquals(0, k.munmap(a, 4 * 4096));
        }
    }

    @Test
    void memfdOf95GiBIsSparseAndMapsShared() throws IOException {
        int fd = k.memfdCreate("stage2scope-test");
        assertTrue(fd >= 0, "memfd_create returned " + fd);
        try {
            assertEquals(0, k.ftruncate(fd, 95 * G));
            long a = k.mmap(0, 95 * G, KvmAbi.PROT_READ | KvmAbi.PROT_WRITE, KvmAbi.MAP_SHARED | KvmAbi.MAP_NORESERVE, fd, 0);
            assertTrue(a > 0, "mmap returned " + a);
            assertTrue(Files.readString(Path.of("/proc/self/maps")).contains("memfd:stage2scope-test"));
            assertEquals(0, k.munmap(a, 95 * G));
        } finally {
            assertEquals(0, k.close(fd));
        }
        assertEquals(-Kernel.EBADF, k.close(fd), "closed exactly once");
    }

    @Test
    void ioctlOnANonKvmDescriptorIsEnotty() {
        int fd = k.memfdCreate("not-kvm");
        try {
            assertEquals(-Kernel.ENOTTY, k.ioctl(fd, KvmAbi.KVM_CHECK_EXTENSION, KvmAbi.KVM_CAP_NR_MEMSLOTS));
            assertEquals(-Kernel.ENOTTY, k.ioctl(fd, KvmAbi.KVM_SET_USER_MEMORY_REGION2, new byte[KvmAbi.REGION2_BYTES]));
        } finally {
            k.close(fd);
        }
    }

    @Test
    void probeOnThisMachineSaysWhatItCouldNotRead() {
        HostFacts h = Probe.run(k);
        assertEquals(k.uname().release(), h.release());
        assertEquals(4096, h.pageSize());
        boolean devKvm = Files.exists(Path.of("/dev/kvm"));
        if (h.kvm() == null) {
            assertTrue(h.unreadable().stream().anyMatch(s -> s.startsWith("/dev/kvm: ")),
                    "one sentence names /dev/kvm: " + h.unreadable());
        } else {
            assertTrue(devKvm);
            assertTrue(h.kvm().nrMemslots() > 0);
        }
        if ("x86_64".equals(h.machine())) {
            assertFalse(h.cpuVendor().isEmpty(), "vendor_id read from /proc/cpuinfo");
        }
        String text = HostText.render(h);
        assertTrue(text.contains("Linux " + h.release()), text);
    }
}
