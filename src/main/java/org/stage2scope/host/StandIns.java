package org.stage2scope.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stage2scope.model.Arch;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * Mappings of this process that stand in for the scenario's VMAs: anonymous private memory, or a
 * memfd for shared VMAs, always MAP_NORESERVE so a 95 GiB slot costs no memory, hugetlb where the
 * VMA is. VMAs that touch or overlap form one cluster, reserved as one PROT_NONE range at the
 * scenario's HVA when that range is free (MAP_FIXED_NOREPLACE), else at an address with the same
 * offset inside 1 GiB; every VMA is then mapped MAP_FIXED over its part of our own reservation.
 * An HVA inside a cluster is translated by the cluster's shift; any other HVA is passed unchanged.
 */
final class StandIns {
    private static final long ALIGN = 1L << 30;

    private record Cluster(long start, long end, long shift) {}

    private final Kernel kernel;
    private final Scratch scratch;
    private final long pageSize;
    private final List<Cluster> clusters = new ArrayList<>();
    private final Map<Vma, String> failed = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    StandIns(Kernel kernel, Scratch scratch, long pageSize) {
        this.kernel = kernel;
        this.scratch = scratch;
        this.pageSize = pageSize;
    }

    /** Maps every VMA in the list; a VMA that cannot be mapped is remembered with the reason. */
    void map(List<Vma> vmas, Arch arch) {
        List<Vma> sorted = new ArrayList<>(vmas);
        sorted.sort(Comparator.comparing(Vma::start, Long::compareUnsigned));
        int i = 0;
        while (i < sorted.size()) {
            long start = sorted.get(i).start();
            long end = sorted.get(i).end();
            int j = i + 1;
            while (j < sorted.size() && U64.le(sorted.get(j).start(), end)) {
                end = U64.max(end, sorted.get(j).end());
                j++;
            }
            List<Vma> members = sorted.subList(i, j);
            Cluster c = reserve(start, end, members);
            if (c != null) {
                clusters.add(c);
                for (Vma v : members) {
                    overlay(v, c, arch);
                }
            }
            i = j;
        }
    }

    private Cluster reserve(long start, long end, List<Vma> members) {
        long length = end - start;
        int flags = KvmAbi.MAP_PRIVATE | KvmAbi.MAP_ANONYMOUS | KvmAbi.MAP_NORESERVE;
        long at = kernel.mmap(start, length, KvmAbi.PROT_NONE, flags | KvmAbi.MAP_FIXED_NOREPLACE, -1, 0);
        if (at == start) {
            scratch.mapping("reservation " + U64.hex(start), at, length);
            return new Cluster(start, end, 0);
        }
        if (at >= 0) {
            // A kernel older than 4.17 treats MAP_FIXED_NOREPLACE as a hint and maps elsewhere.
            kernel.munmap(at, length);
        }
        long offset = start & (ALIGN - 1);
        long over = kernel.mmap(0, length + ALIGN, KvmAbi.PROT_NONE, flags, -1, 0);
        if (over < 0) {
            for (Vma v : members) {
                failed.put(v, "no room for a " + U64.human(length) + " stand-in here (" + Kernel.describe((int) -over) + ")");
            }
            return null;
        }
        long placed = ((over + ALIGN - 1) & -ALIGN) + offset;
        if (placed + length > over + length + ALIGN) {
            placed -= ALIGN;
        }
        // Trim the slack first and hold only the exact range, so the final munmap can never reach
        // memory this process maps later into the trimmed parts.
        if (placed != over) {
            kernel.munmap(over, placed - over);
        }
        if (placed + length != over + length + ALIGN) {
            kernel.munmap(placed + length, over + length + ALIGN - (placed + length));
        }
        scratch.mapping("reservation " + U64.hex(placed), placed, length);
        long shift = placed - start;
        notes.add("HVA [" + U64.hex(start) + ", " + U64.hex(end) + ") is taken in this process, so its stand-ins sit at "
                + U64.hex(placed) + " (same offset inside 1 GiB) and calls there are issued with HVAs shifted by "
                + (shift < 0 ? "-" + U64.hex(-shift) : U64.hex(shift)) + ".");
        return new Cluster(start, end, shift);
    }

    private void overlay(Vma v, Cluster c, Arch arch) {
        long addr = v.start() + c.shift();
        int prot = (v.perms().read() ? KvmAbi.PROT_READ : 0) | (v.perms().write() ? KvmAbi.PROT_WRITE : 0);
        int flags = KvmAbi.MAP_FIXED | KvmAbi.MAP_NORESERVE;
        int fd = -1;
        boolean huge = v.has(VmFlag.VM_HUGETLB) || v.backing().pageSize() > pageSize;
        if (huge) {
            long hp = v.backing().pageSize();
            long free = freeHugePages(hp);
            long needed = Long.divideUnsigned(v.size() + hp - 1, hp);
            if (free < needed) {
                failed.put(v, "hugetlb VMA " + v.name() + " needs " + needed + " huge pages of " + U64.human(hp) + " and "
                        + (free < 0 ? "this host has no such pool" : "only " + free + " are free here"));
                return;
            }
            // NORESERVE: the pages are counted free above but not taken; the memslot call never faults them in.
            flags |= KvmAbi.MAP_HUGETLB | (Long.numberOfTrailingZeros(hp) << KvmAbi.MAP_HUGE_SHIFT) | KvmAbi.MAP_ANONYMOUS
                    | (v.perms().shared() ? KvmAbi.MAP_SHARED : KvmAbi.MAP_PRIVATE);
        } else if (v.perms().shared()) {
            fd = scratch.fd("memfd for " + v.name(), kernel.memfdCreate("stage2scope-standin"));
            if (fd < 0) {
                failed.put(v, "memfd_create failed (" + Kernel.describe(-fd) + ")");
                return;
            }
            int rc = kernel.ftruncate(fd, v.size());
            if (rc < 0) {
                failed.put(v, "ftruncate of its memfd to " + U64.human(v.size()) + " failed (" + Kernel.describe(-rc) + ")");
                return;
            }
            flags |= KvmAbi.MAP_SHARED;
        } else {
            flags |= KvmAbi.MAP_PRIVATE | KvmAbi.MAP_ANONYMOUS;
        }
        long got = kernel.mmap(addr, v.size(), prot, flags, fd, 0);
        if (got != addr) {
            int errno = got < 0 ? (int) -got : Kernel.EINVAL;
            failed.put(v, "its stand-in mapping failed (" + Kernel.describe(errno) + ")");
        }
    }

    /** free_hugepages of the pool of this size, or -1 when the host has no such pool. */
    private long freeHugePages(long size) {
        String text = kernel.readText("/sys/kernel/mm/hugepages/hugepages-" + (size >>> 10) + "kB/free_hugepages");
        try {
            return text == null ? -1 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The HVA to pass for a scenario HVA: shifted when it lies in a cluster. */
    long translate(long hva) {
        for (Cluster c : clusters) {
            if (U64.le(c.start(), hva) && U64.lt(hva, c.end())) {
                return hva + c.shift();
            }
        }
        return hva;
    }

    String failure(Vma v) {
        return failed.get(v);
    }

    List<String> notes() {
        return notes;
    }
}
