package org.stage2scope.io.qemu;

import java.util.List;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.MemType;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;

/**
 * Turns an smaps VMA into a scenario VMA. smaps shows neither the pgprot memory type nor
 * VM_ALLOW_ANY_UNCACHED, so those are inferred here and every inference is reported.
 */
final class VmaInference {
    private VmaInference() {}

    /**
     * vfio-pci maps BARs with remap_pfn_range / vmf_insert_pfn (VM_IO | VM_PFNMAP) through either the
     * cdev ({@code /dev/vfio/devices/vfioN}) or the group's device fd ({@code anon_inode:[vfio-device]}).
     */
    static boolean isVfioBar(SmapsVma v) {
        boolean vfioPath = v.path().startsWith("/dev/vfio/") || v.path().contains("[vfio-device]");
        return vfioPath && v.has(VmFlag.VM_PFNMAP) && v.has(VmFlag.VM_IO);
    }

    static Vma convert(SmapsVma v, String name, Arch arch, Granule granule, String role, ImportReport report) {
        long base = granule.pageSize();
        MemType memType = MemType.defaultFor(arch);
        Backing backing;
        String what;
        if (isVfioBar(v)) {
            // vfio_pci_core_mmap sets pgprot_noncached: Device-nGnRnE on arm64, UC- on x86.
            memType = arch == Arch.ARM64 ? MemType.MT_DEVICE_nGnRnE : MemType.UC_MINUS;
            backing = new Backing(Backing.Kind.DEVICE, null, base, false, List.of());
            what = "vfio BAR (pf io on " + v.path() + "): inferred device backing and memType " + memType.id()
                    + " (vfio-pci maps BARs pgprot_noncached); smaps cannot show VM_ALLOW_ANY_UNCACHED, add it if the kernel sets it";
        } else {
            boolean hugetlb = v.kernelPageSize() > base && (v.has(VmFlag.VM_HUGETLB) || !v.hasVmFlags());
            long pageSize = hugetlb ? v.kernelPageSize() : base;
            boolean thp = !hugetlb && !v.has(VmFlag.VM_NOHUGEPAGE)
                    && (v.anonHugePages() > 0 || v.shmemPmdMapped() > 0 || Boolean.TRUE.equals(v.thpEligible()));
            backing = new Backing(Backing.Kind.RAM, null, pageSize, thp, List.of());
            what = (hugetlb ? "hugetlb " + U64.human(pageSize) + " pages (KernelPageSize)" : U64.human(pageSize) + " pages")
                    + (thp ? ", THP" : "") + ", memType " + memType.id();
            if (v.has(VmFlag.VM_PFNMAP)) {
                what += "; VM_PFNMAP but not a vfio device: smaps shows neither its memory type nor whether it maps RAM or device memory,"
                        + " assumed cacheable RAM, correct memType/backing if it is device memory";
            }
        }
        report.add("vma " + name + " " + U64.hex(v.start()) + "+" + U64.human(v.size()) + " " + v.perms()
                + (role.isEmpty() ? "" : " (" + role + ")") + ": " + what);
        return new Vma(name, v.start(), v.size(), v.perms(), v.flags(), memType, backing);
    }
}
