package org.stage2scope.host;

import java.util.List;
import org.stage2scope.model.Arch;
import org.stage2scope.model.U64;

/** What probe prints: one fact per line, then one sentence per thing that could not be read. */
public final class HostText {
    private HostText() {}

    public static String render(HostFacts h) {
        StringBuilder sb = new StringBuilder();
        line(sb, "kernel", "Linux " + h.release() + " " + h.machine());
        Arch arch = h.arch();
        line(sb, "arch", arch == null ? "(not modelled)" : arch.id());
        line(sb, "page size", U64.human(h.pageSize()));
        if ("x86_64".equals(h.machine())) {
            line(sb, "cpu vendor", h.cpuVendor().isEmpty() ? "(unknown)" : h.cpuVendor());
            line(sb, "ss (self-snoop)", h.selfSnoop() ? "yes" : "no");
            if (h.physBits() > 0) {
                line(sb, "address sizes", h.physBits() + " bits physical, " + h.virtBits() + " bits virtual");
            }
        } else if ("aarch64".equals(h.machine())) {
            line(sb, "mte (cpu)", h.cpuFlags().contains("mte") ? "yes" : "no");
        }
        KvmFacts k = h.kvm();
        if (k != null) {
            line(sb, "KVM_GET_API_VERSION", String.valueOf(k.apiVersion()));
            line(sb, "asked on", k.onVm() ? "a scratch VM (KVM_CREATE_VM type 0)" : "/dev/kvm");
            line(sb, "KVM_CAP_NR_MEMSLOTS", String.valueOf(k.nrMemslots()));
            line(sb, "KVM_CAP_MULTI_ADDRESS_SPACE", String.valueOf(k.addressSpaces()));
            line(sb, "KVM_CAP_USER_MEMORY2", yes(k.userMemory2()));
            line(sb, "KVM_CAP_GUEST_MEMFD", yes(k.guestMemfd()));
            line(sb, "KVM_CAP_READONLY_MEM", yes(k.readonlyMem()));
            if ("aarch64".equals(h.machine())) {
                line(sb, "KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED", k.cacheablePfnmap() == null ? "(not read)" : yes(k.cacheablePfnmap()));
                line(sb, "KVM_CAP_ARM_VM_IPA_SIZE", String.valueOf(k.armIpaSize()));
                line(sb, "KVM_CAP_ARM_MTE", yes(k.armMte()));
            } else {
                List<String> q = KvmAbi.quirkNames(k.quirks());
                line(sb, "KVM_CAP_DISABLE_QUIRKS2", q.isEmpty() ? "none" : String.join(", ", q));
            }
            k.notes().forEach(n -> sb.append(n).append('\n'));
        }
        h.unreadable().forEach(n -> sb.append(n).append('\n'));
        h.assumptions().forEach(n -> sb.append(n).append('\n'));
        return sb.toString();
    }

    private static String yes(boolean b) {
        return b ? "1" : "0";
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format("%-40s %s%n", key + ":", value));
    }
}
