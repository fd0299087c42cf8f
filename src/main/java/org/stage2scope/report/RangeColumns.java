package org.stage2scope.report;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;

/** The columns of the range table, in the order every view and document shows them. */
public final class RangeColumns {
    private RangeColumns() {}

    /**
     * The vm_flags KVM's decisions read, so the table shows them and hides the rest:
     * VM_PFNMAP/VM_IO/VM_MIXEDMAP (kvm_arch_prepare_memory_region, user_mem_abort's device path),
     * VM_HUGETLB (the block size, get_vma_page_shift), VM_ALLOW_ANY_UNCACHED (Normal-NC instead of
     * Device for PFNMAP), VM_MTE_ALLOWED and VM_MTE (kvm_vma_mte_allowed, sanitise_mte_tags).
     */
    static final List<VmFlag> KEY_FLAGS = List.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_MIXEDMAP, VmFlag.VM_HUGETLB,
            VmFlag.VM_ALLOW_ANY_UNCACHED, VmFlag.VM_MTE_ALLOWED, VmFlag.VM_MTE);

    public static final Column<RangeRow> GPA_START = new Column<>("gpa start", r -> U64.hex(r.gpa()),
            Comparator.comparingInt(RangeRow::addressSpace).thenComparing(RangeRow::gpa, Long::compareUnsigned));
    public static final Column<RangeRow> GPA_END = new Column<>("gpa end", r -> hex(r.endExclusive()),
            Comparator.comparingInt(RangeRow::addressSpace).thenComparing(RangeRow::endExclusive));
    public static final Column<RangeRow> SIZE = new Column<>("size", r -> U64.size(r.size()),
            Comparator.comparing(RangeRow::size, Long::compareUnsigned));
    public static final Column<RangeRow> SLOT = new Column<>("slot", RangeRow::slotId,
            Comparator.comparingInt(RangeRow::addressSpace).thenComparingInt(RangeRow::slot));
    public static final Column<RangeRow> VMA = Column.ofText("vma", r -> r.vmaName() == null ? "(no VMA)" : r.vmaName());
    public static final Column<RangeRow> PGPROT = Column.ofText("pgprot", r -> r.vma() == null ? null : r.vma().memType().id());
    public static final Column<RangeRow> VMA_FLAGS = Column.ofText("vma flags", r -> r.vma() == null ? null : keyFlags(r));
    public static final Column<RangeRow> OUTCOME = Column.ofText("outcome", RangeRow::outcome);
    public static final Column<RangeRow> STAGE2 = Column.ofText("stage 2", r -> r.s2() == null ? null : r.s2().type());
    public static final Column<RangeRow> MEMATTR = Column.ofText("MemAttr", r -> r.s2() == null ? null : Stage2Entry.bits(r.s2().memAttr()));
    public static final Column<RangeRow> IPAT = Column.ofText("ipat",
            r -> r.s2() == null || r.s2().ipat() == null ? null : r.s2().ipat() ? "1" : "0");
    public static final Column<RangeRow> PERMS = Column.ofText("perms", r -> r.s2() == null ? null : r.s2().perms());
    public static final Column<RangeRow> BLOCK = new Column<>("block", r -> r.s2() == null ? null : U64.size(r.s2().blockSize()),
            Comparator.comparing((RangeRow r) -> r.s2() == null ? 0L : r.s2().blockSize(), Long::compareUnsigned));
    public static final Column<RangeRow> CACHE = Column.ofText("cache maintenance", r -> r.s2() == null ? null : maintenance(r.s2()));
    public static final Column<RangeRow> STAGE1 = Column.ofText("stage 1",
            r -> r.effective() == null ? null : r.effective().stage1().id() + (r.effective().stage1Assumed() ? " (assumed)" : ""));
    public static final Column<RangeRow> EFFECTIVE = Column.ofText("effective", r -> r.effective() == null ? null : r.effective().name());
    public static final Column<RangeRow> RULE = Column.ofText("rule", r -> r.rule().id());

    /** Every column, with MemAttr on arm64 and the EPT ipat bit on x86. */
    public static List<Column<RangeRow>> all(Arch arch) {
        return List.of(GPA_START, GPA_END, SIZE, SLOT, VMA, PGPROT, VMA_FLAGS, OUTCOME, STAGE2, arch.isX86() ? IPAT : MEMATTR,
                BLOCK, PERMS, CACHE, STAGE1, EFFECTIVE, RULE);
    }

    public static Table<RangeRow> table(Evaluation ev) {
        return new Table<>(all(ev.scenario().host().arch()), RangeRows.of(ev));
    }

    /** Key flags without the VM_ prefix, "|"-joined, "-" when none. */
    static String keyFlags(RangeRow r) {
        String s = KEY_FLAGS.stream().filter(r.vma()::has).map(f -> f.id().substring(3)).collect(Collectors.joining("|"));
        return s.isEmpty() ? null : s;
    }

    /** What installing the entry costs: "none", or the D-cache clean and/or the I-cache invalidation. */
    public static String maintenance(Stage2Entry e) {
        if (!e.dcacheClean() && !e.icacheInval()) {
            return "none";
        }
        return (e.dcacheClean() ? "D-cache clean+inval to PoC" : "") + (e.dcacheClean() && e.icacheInval() ? ", " : "")
                + (e.icacheInval() ? "I-cache inval to PoU" : "");
    }

    static String hex(BigInteger v) {
        return "0x" + v.toString(16);
    }
}
