package org.stage2scope.host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what this machine's kernel and CPU say: uname, the page size, /proc/cpuinfo and
 * KVM_CHECK_EXTENSION, asked on a scratch VM (KVM_CREATE_VM type 0) when one can be created. Never
 * fails: whatever cannot be read becomes one sentence in {@link HostFacts#unreadable()}.
 */
public final class Probe {
    public static final String DEV_KVM = "/dev/kvm";

    private Probe() {}

    public static HostFacts run(Kernel kernel) {
        List<String> unreadable = new ArrayList<>();
        Kernel.Uname u = kernel.uname();
        long pageSize = kernel.pageSize();
        String cpuinfo = kernel.readText("/proc/cpuinfo");
        String vendor = "";
        Set<String> flags = Set.of();
        int phys = 0;
        int virt = 0;
        if (cpuinfo == null) {
            unreadable.add("/proc/cpuinfo could not be read, so the CPU vendor and flags are unknown.");
        } else {
            vendor = firstValue(cpuinfo, "vendor_id");
            String f = firstValue(cpuinfo, "flags");
            flags = words(f.isEmpty() ? firstValue(cpuinfo, "Features") : f);
            int[] sizes = addressSizes(firstValue(cpuinfo, "address sizes"));
            phys = sizes[0];
            virt = sizes[1];
        }
        if (!KvmAbi.supports(u.machine())) {
            unreadable.add("This host is " + (u.machine().isEmpty() ? "of an unknown architecture" : u.machine())
                    + "; Stage2Scope knows the KVM ABI of x86_64 and aarch64 only, so KVM was not asked.");
            return new HostFacts(u.release(), u.machine(), pageSize, vendor, flags, phys, virt, null, unreadable);
        }
        if ("x86_64".equals(u.machine()) && !vendor.equals("GenuineIntel") && !vendor.equals("AuthenticAMD")
                && !vendor.equals("HygonGenuine") && cpuinfo != null) {
            unreadable.add("The CPU vendor \"" + vendor + "\" is neither Intel nor AMD, so no scenario arch fits it.");
        }
        KvmFacts kvm = askKvm(kernel, u.machine(), unreadable);
        return new HostFacts(u.release(), u.machine(), pageSize, vendor, flags, phys, virt, kvm, unreadable);
    }

    private static KvmFacts askKvm(Kernel kernel, String machine, List<String> unreadable) {
        try (Scratch s = new Scratch(kernel)) {
            int sys = kernel.open(DEV_KVM);
            if (sys < 0) {
                unreadable.add(DEV_KVM + ": " + Kernel.describe(-sys) + hint(-sys)
                        + ", so no KVM capability could be read (memslot limits and flags stay at the upstream defaults).");
                return null;
            }
            s.fd(DEV_KVM, sys);
            long api = kernel.ioctl(sys, KvmAbi.KVM_GET_API_VERSION, 0);
            if (api != KvmAbi.API_VERSION) {
                unreadable.add(DEV_KVM + ": KVM_GET_API_VERSION returned " + api + " instead of " + KvmAbi.API_VERSION
                        + ", so its capabilities were not read.");
                return null;
            }
            List<String> notes = new ArrayList<>();
            int vm = s.fd("scratch VM", (int) kernel.ioctl(sys, KvmAbi.KVM_CREATE_VM, 0));
            int fd = vm >= 0 ? vm : sys;
            if (vm < 0) {
                notes.add("KVM_CREATE_VM failed (" + Kernel.describe(-vm)
                        + "): capabilities were read on /dev/kvm, which answers for the most capable VM type, and "
                        + "KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED could not be read.");
            }
            boolean arm = "aarch64".equals(machine);
            long cap243 = arm && vm >= 0 ? kernel.ioctl(vm, KvmAbi.KVM_CHECK_EXTENSION, KvmAbi.KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED) : -1;
            KvmFacts facts = new KvmFacts((int) api, vm >= 0,
                    cap(kernel, fd, KvmAbi.KVM_CAP_NR_MEMSLOTS),
                    cap(kernel, fd, KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE),
                    cap(kernel, fd, KvmAbi.KVM_CAP_USER_MEMORY2) > 0,
                    cap(kernel, fd, KvmAbi.KVM_CAP_GUEST_MEMFD) > 0,
                    cap(kernel, fd, KvmAbi.KVM_CAP_GUEST_MEMFD_FLAGS),
                    cap(kernel, fd, KvmAbi.KVM_CAP_READONLY_MEM) > 0,
                    arm ? 0 : cap(kernel, sys, KvmAbi.KVM_CAP_DISABLE_QUIRKS2),
                    arm ? cap(kernel, sys, KvmAbi.KVM_CAP_ARM_VM_IPA_SIZE) : 0,
                    arm && cap(kernel, fd, KvmAbi.KVM_CAP_ARM_MTE) > 0,
                    cap243 < 0 ? null : cap243 > 0,
                    notes);
            return facts;
        }
    }

    /** KVM_CHECK_EXTENSION: 0 for "no" and for a failed ioctl alike, as userspace must read it. */
    private static long cap(Kernel kernel, int fd, int cap) {
        return Math.max(0, kernel.ioctl(fd, KvmAbi.KVM_CHECK_EXTENSION, cap));
    }

    private static String hint(int errno) {
        return switch (errno) {
            case Kernel.ENOENT -> " (the kvm module is not loaded, or this is a container or guest without KVM)";
            case Kernel.EACCES, Kernel.EPERM -> " (add this user to the kvm group)";
            case Kernel.ENODEV, Kernel.ENXIO -> " (no hardware virtualization here, e.g. a guest without nested KVM)";
            default -> "";
        };
    }

    /** The value of the first "key : value" line of /proc/cpuinfo with this key, or "". */
    static String firstValue(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : s.split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** "48 bits physical, 48 bits virtual" -> {48, 48}; zeros when absent. */
    static int[] addressSizes(String s) {
        int[] out = new int[2];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bits physical, (\\d+) bits virtual").matcher(s);
        if (m.find()) {
            out[0] = Integer.parseInt(m.group(1));
            out[1] = Integer.parseInt(m.group(2));
        }
        return out;
    }
}
