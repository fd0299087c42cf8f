package org.stage2scope.engine;

/**
 * A stage-2 page-table entry as KVM would install it.
 *
 * @param type        arm64 "Normal-WB", "Normal-NC", "Device-nGnRE"; x86 the EPT/NPT memtype ("WB", "UC")
 * @param memClass    the cacheability class of {@code type}
 * @param memAttr     arm64 MemAttr[3:0] as written with the host's FWB setting; null on x86
 * @param memAttrNoFwb arm64 MemAttr for the same mapping on a host without FWB; null on x86
 * @param memAttrFwb  arm64 MemAttr for the same mapping on a host with FWB; null on x86
 * @param ipat        x86 Intel EPT "ignore PAT" bit; null on arm64 and AMD
 * @param blockSize   bytes mapped by one entry (PAGE_SIZE, or a PMD/PUD block)
 * @param dcacheClean installing it cleans+invalidates the data cache to PoC
 * @param icacheInval installing it invalidates the instruction cache to PoU
 */
public record Stage2Entry(String type, MemClass memClass, Integer memAttr, Integer memAttrNoFwb, Integer memAttrFwb,
                          Boolean ipat, boolean read, boolean write, boolean exec, long blockSize,
                          boolean dcacheClean, boolean icacheInval) {

    /** "0b0110"-style rendering of a 4-bit MemAttr value. */
    public static String bits(Integer memAttr) {
        if (memAttr == null) {
            return null;
        }
        String b = Integer.toBinaryString(memAttr);
        return "0b" + "0000".substring(b.length()) + b;
    }

    /** "RW-", "R-X" style permissions. */
    public String perms() {
        return (read ? "R" : "-") + (write ? "W" : "-") + (exec ? "X" : "-");
    }
}
