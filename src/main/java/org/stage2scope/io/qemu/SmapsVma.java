package org.stage2scope.io.qemu;

import java.util.List;
import java.util.Set;
import org.stage2scope.model.Perms;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;

/**
 * One VMA as /proc/PID/smaps (or maps) shows it. Sizes are in bytes; a field the file did not
 * carry (plain maps, an older kernel) is 0, or null for THPeligible.
 *
 * @param line           line of the VMA's header in the file
 * @param end            exclusive end, as the kernel prints it
 * @param path           the mapped file or pseudo name ("[heap]", "/memfd:x (deleted)"); "" for anonymous
 * @param kernelPageSize smaps KernelPageSize (vma_kernel_pagesize: the hugetlb page size for hugetlb VMAs)
 * @param flags          decoded VmFlags; rd/wr/ex/sh are in {@link #perms}
 * @param unknownCodes   VmFlags codes Stage2Scope has no VmFlag for ("??" or a newer kernel's)
 * @param hasVmFlags     the VMA came with a VmFlags line (smaps), so an absent flag is really clear
 */
public record SmapsVma(int line, long start, long end, Perms perms, long offset, String dev, long inode, String path,
                       long kernelPageSize, long mmuPageSize, long rss, long anonHugePages, long shmemPmdMapped,
                       long filePmdMapped, Boolean thpEligible, Set<VmFlag> flags, List<String> unknownCodes,
                       boolean hasVmFlags) {

    public SmapsVma {
        flags = Set.copyOf(flags);
        unknownCodes = List.copyOf(unknownCodes);
        path = path == null ? "" : path;
    }

    public long size() {
        return end - start;
    }

    public boolean has(VmFlag flag) {
        return flags.contains(flag);
    }

    public boolean contains(long hva) {
        return U64.le(start, hva) && U64.lt(hva, end);
    }

    public boolean isAnonymous() {
        return path.isEmpty();
    }

    /** The memfd name of a {@code /memfd:NAME (deleted)} path, or null. */
    public String memfdName() {
        if (!path.startsWith("/memfd:")) {
            return null;
        }
        String n = path.substring("/memfd:".length());
        return n.endsWith(" (deleted)") ? n.substring(0, n.length() - " (deleted)".length()) : n;
    }

    @Override
    public String toString() {
        return U64.hex(start) + "-" + U64.hex(end) + " " + perms + (path.isEmpty() ? "" : " " + path);
    }
}
