package org.stage2scope.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A kernel double: answers KVM ioctls from a script, hands out fake descriptors and addresses, and
 * records every open and map so a test can check each was closed or unmapped again.
 */
public final class FakeKernel implements Kernel {
    /** One KVM_SET_USER_MEMORY_REGION(2) the fake received, decoded from the struct. */
    public record Region(boolean v2, int rawSlot, int flags, long gpa, long size, long hva, long gmemOffset, int gmemFd) {}

    public String machine = "x86_64";
    public String release = "6.18.0-fake";
    public long pageSize = 4096;
    public String cpuinfo = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu vme ss sse2\naddress sizes\t: 48 bits physical, 48 bits virtual\n";
    public int openDevKvm = 0;
    public int createVm = 0;
    public final Map<Integer, Long> caps = new HashMap<>();
    public final Map<String, String> files = new HashMap<>();
    /** The kernel's answer (0 or errno) per memslot call, in order; 0 when the script runs out. */
    public final Deque<Integer> regionAnswers = new ArrayDeque<>();
    /** When set, the n-th memslot ioctl (0-based) throws, as a JNA failure would. */
    public int throwAtRegion = -1;
    /** mmap answers: given (addr, flags), an address or -errno; default: the address asked for, or a fresh one. */
    public Function<long[], Long> mmapPolicy = null;

    public final List<Region> regions = new ArrayList<>();
    public final Set<Integer> openFds = new HashSet<>();
    public final Map<Long, Long> mapped = new HashMap<>();
    public final List<String> log = new ArrayList<>();
    private int nextFd = 3;
    private long nextAddr = 0x7f0000000000L;

    public FakeKernel() {
        caps.put(KvmAbi.KVM_CAP_NR_MEMSLOTS, 32764L);
        caps.put(KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 2L);
        caps.put(KvmAbi.KVM_CAP_USER_MEMORY2, 1L);
        caps.put(KvmAbi.KVM_CAP_GUEST_MEMFD, 1L);
        caps.put(KvmAbi.KVM_CAP_READONLY_MEM, 1L);
        caps.put(KvmAbi.KVM_CAP_DISABLE_QUIRKS2, (1L << 9) | 1L);
        files.put("/proc/cpuinfo", cpuinfo);
    }

    public static FakeKernel withoutKvm(int errno) {
        FakeKernel k = new FakeKernel();
        k.openDevKvm = -errno;
        return k;
    }

    private int newFd() {
        int fd = nextFd++;
        openFds.add(fd);
        return fd;
    }

    @Override
    public int open(String path) {
        log.add("open " + path);
        if (!path.equals("/dev/kvm")) {
            return -ENOENT;
        }
        return openDevKvm < 0 ? openDevKvm : newFd();
    }

    @Override
    public int close(int fd) {
        log.add("close " + fd);
        return openFds.remove(fd) ? 0 : -EBADF;
    }

    @Override
    public long ioctl(int fd, long request, long arg) {
        if (!openFds.contains(fd)) {
            return -EBADF;
        }
        if (request == KvmAbi.KVM_GET_API_VERSION) {
            return 12;
        }
        if (request == KvmAbi.KVM_CREATE_VM) {
            return createVm < 0 ? createVm : newFd();
        }
        if (request == KvmAbi.KVM_CHECK_EXTENSION) {
            return caps.getOrDefault((int) arg, 0L);
        }
        return -ENOTTY;
    }

    @Override
    public long ioctl(int fd, long request, byte[] struct) {
        if (!openFds.contains(fd)) {
            return -EBADF;
        }
        ByteBuffer b = ByteBuffer.wrap(struct).order(ByteOrder.LITTLE_ENDIAN);
        if (request == KvmAbi.KVM_SET_USER_MEMORY_REGION2 || request == KvmAbi.KVM_SET_USER_MEMORY_REGION) {
            boolean v2 = request == KvmAbi.KVM_SET_USER_MEMORY_REGION2;
            if (regions.size() == throwAtRegion) {
                throw new IllegalStateException("fake failure inside the ioctl");
            }
            regions.add(new Region(v2, b.getInt(0), b.getInt(4), b.getLong(8), b.getLong(16), b.getLong(24),
                    v2 ? b.getLong(32) : 0, v2 ? b.getInt(40) : -1));
            Integer answer = regionAnswers.poll();
            return answer == null || answer == 0 ? 0 : -answer;
        }
        if (request == KvmAbi.KVM_CREATE_GUEST_MEMFD) {
            return newFd();
        }
        if (request == KvmAbi.KVM_ENABLE_CAP) {
            return 0;
        }
        return -ENOTTY;
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        log.add("mmap " + Long.toHexString(addr) + " " + Long.toHexString(length));
        long at;
        if (mmapPolicy != null) {
            at = mmapPolicy.apply(new long[] {addr, flags});
        } else if ((flags & KvmAbi.MAP_FIXED) != 0) {
            at = addr;
        } else if ((flags & KvmAbi.MAP_FIXED_NOREPLACE) != 0) {
            at = addr;
        } else {
            at = nextAddr;
            nextAddr += (length + (1L << 30)) & -(1L << 30);
        }
        if (at >= 0 && (flags & KvmAbi.MAP_FIXED) == 0) {
            mapped.put(at, length);
        }
        return at;
    }

    @Override
    public int munmap(long addr, long length) {
        log.add("munmap " + Long.toHexString(addr) + " " + Long.toHexString(length));
        // Trimming the head or tail of a reservation: shrink or drop the recorded mapping.
        for (Map.Entry<Long, Long> e : new ArrayList<>(mapped.entrySet())) {
            long s = e.getKey();
            long end = s + e.getValue();
            if (addr == s && addr + length == end) {
                mapped.remove(s);
            } else if (addr == s && length < e.getValue()) {
                mapped.remove(s);
                mapped.put(s + length, end - s - length);
            } else if (addr > s && addr + length == end) {
                mapped.put(s, addr - s);
            }
        }
        return 0;
    }

    @Override
    public int memfdCreate(String name) {
        return newFd();
    }

    @Override
    public int ftruncate(int fd, long length) {
        return openFds.contains(fd) ? 0 : -EBADF;
    }

    @Override
    public Uname uname() {
        return new Uname("Linux", release, machine);
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public String readText(String path) {
        return path.equals("/proc/cpuinfo") ? cpuinfo : files.get(path);
    }
}
