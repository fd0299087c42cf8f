package org.stage2scope.engine.grid;

import java.util.List;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.MemtypeRules;
import org.stage2scope.engine.stage2.KvmWrites;
import org.stage2scope.model.Arch;

/**
 * One cell of a {@link MemtypeGrid}: the combiner's answer for a stage-1 attribute and a stage-2
 * encoding, and what makes it worth a teacher's attention.
 *
 * @param switchOn      the grid's switch (arm64 FWB, Intel IPAT)
 * @param combined      the combiner's result, exactly what {@code stage2scope memtype} prints
 * @param lessCacheable stage 1 makes the memory less cacheable (in either level) than stage 2 lets it be
 * @param switched      the result with the switch flipped, or null when flipping it changes nothing
 * @param kvm           the values KVM writes that land in this cell's column (with this switch)
 * @param kvmOther      arm64, in a column KVM writes: what KVM writes for the same mapping with the switch
 *                      flipped, and the result it gives this row (null otherwise)
 */
public record GridCell(Arch arch, boolean switchOn, MemtypeGrid.Axis row, MemtypeGrid.Axis column, Combined combined,
                       boolean lessCacheable, Combined switched, List<KvmWrites.Write> kvm, Counterpart kvmOther) {

    /** What KVM writes for the same mapping on the other kind of host, and what this row gets there. */
    public record Counterpart(KvmWrites.Write write, Combined combined) {}

    public GridCell {
        kvm = List.copyOf(kvm);
    }

    /** "Normal-WB (0xff)", "Device-nGnRE", "RESERVED", "WC". */
    public String label() {
        return label(combined);
    }

    public static String label(Combined c) {
        if (c.memClass() == MemClass.RESERVED) {
            return "RESERVED";
        }
        if (c.memClass() == MemClass.DEVICE || !c.result().startsWith("0x")) {
            return c.name();
        }
        return c.name() + " (" + c.result() + ")";
    }

    public boolean switchChanges() {
        return switched != null;
    }

    public boolean kvmWrites() {
        return !kvm.isEmpty();
    }

    /**
     * What a click on the cell says: the result, the combiner's reason, the rule it follows (and where
     * KVM's own emulation of it lives), then why the cell is highlighted or marked.
     */
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        sb.append(row.title()).append(" at stage 1, ").append(column.title()).append(" at stage 2")
                .append(arch == Arch.ARM64 ? (switchOn ? " (FWB)" : " (no FWB)")
                        : arch == Arch.X86_INTEL ? " (IPAT = " + (switchOn ? 1 : 0) + ")" : "")
                .append(" gives ").append(label()).append(": ").append(combined.reason()).append('.');
        sb.append("\nRule: ").append(combined.rule().kernelFunction()).append(" [").append(combined.rule().id()).append(']');
        String mirror = kvmMirror();
        if (mirror != null) {
            sb.append("; KVM emulates it in ").append(mirror);
        }
        sb.append('.');
        if (lessCacheable) {
            sb.append("\nLess cacheable than stage 2 allows: ").append(arch == Arch.ARM64
                    ? "the guest sees the memory uncached (or write-through) while the host's linear-map alias is cacheable, "
                            + "so a host without FWB must clean the data cache to PoC before mapping it (user_mem_abort: "
                            + "clean_dcache_guest_page)."
                    : "the guest's PAT type lowers the EPT/NPT type; with non-coherent DMA that is what the device needs, "
                            + "otherwise it only slows the guest down.");
        }
        if (switched != null) {
            String other = arch == Arch.ARM64 ? (switchOn ? "Without FWB" : "With FWB")
                    : "With IPAT = " + (switchOn ? 0 : 1);
            sb.append("\n").append(other).append(" the same encodings give ").append(label(switched)).append('.');
        }
        for (KvmWrites.Write w : kvm) {
            sb.append("\nKVM writes this ").append(arch == Arch.ARM64 ? "MemAttr" : "type").append(" for ").append(w.what())
                    .append(" (").append(w.function()).append(").");
        }
        if (kvmOther != null) {
            sb.append("\nOn a host ").append(switchOn ? "without" : "with").append(" FWB, KVM writes ")
                    .append(kvmOther.write().stage2()).append(" for the same mapping, and this guest attribute gets ")
                    .append(label(kvmOther.combined())).append('.');
        }
        return sb.toString();
    }

    /** Where arch/arm64/kvm/at.c (AT emulation for nested virt) mirrors the Arm ARM rule; null on x86. */
    private String kvmMirror() {
        if (arch != Arch.ARM64 || combined.memClass() == MemClass.RESERVED) {
            return null;
        }
        if (switchOn) {
            return "arch/arm64/kvm/at.c compute_par_s12, HCR_EL2.FWB branch (rules R_VRJSW and R_RHWZM)";
        }
        if (combined.rule().equals(MemtypeRules.NORMAL)) {
            return "arch/arm64/kvm/at.c compute_par_s12 -> combine_s1_s2_attr per level (rules R_HMNDG, R_TNHFM, R_GQFSF)";
        }
        return "arch/arm64/kvm/at.c compute_par_s12, Device: the stronger of the two (rules R_HMNDG, R_TNHFM, R_GQFSF)";
    }
}
