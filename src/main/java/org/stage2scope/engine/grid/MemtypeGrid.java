package org.stage2scope.engine.grid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.stage2scope.engine.memtype.AmdNptCombiner;
import org.stage2scope.engine.memtype.Arm64Combiner;
import org.stage2scope.engine.memtype.AttrNames;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.IntelEptCombiner;
import org.stage2scope.engine.memtype.MemtypeTable;
import org.stage2scope.engine.stage2.KvmWrites;
import org.stage2scope.model.Arch;
import org.stage2scope.model.X86MemType;

/**
 * The whole stage-1 x stage-2 table of one architecture as a grid a person can read: rows are the
 * guest's stage-1 attributes (arm64 MAIR bytes, grouped; x86 PAT types), columns the stage-2
 * encodings (arm64 MemAttr, x86 EPT/NPT type), every cell the combiner's own answer. The arch's
 * switch (arm64 HCR_EL2.FWB, Intel EPT IPAT) selects the table; the two highlight sets are computed
 * from the combiners, never listed: cells where stage 1 makes the memory less cacheable than stage 2
 * lets it be, and cells whose result the switch changes.
 */
public final class MemtypeGrid {

    /**
     * A row or a column.
     *
     * @param id    the encoding as the CLI spells it: "0x44", "0b0101", "WB", "UC-"
     * @param name  what it means on its own: "Normal NC", "Force WB", "Device-nGnRE"
     * @param group the row group ("Device", "Mixed inner/outer"); columns use "" (arm64) or the arch
     */
    public record Axis(String id, String name, String group) {
        /** "0x44 Normal NC". */
        public String title() {
            return id + " " + name;
        }
    }

    private final Arch arch;
    private final boolean switchOn;
    private final List<Axis> rows;
    private final List<Axis> columns;
    private final GridCell[][] cells;
    private final List<KvmWrites.Write> kvm;

    private MemtypeGrid(Arch arch, boolean switchOn, List<Axis> rows, List<Axis> columns, GridCell[][] cells,
                        List<KvmWrites.Write> kvm) {
        this.arch = arch;
        this.switchOn = switchOn;
        this.rows = List.copyOf(rows);
        this.columns = List.copyOf(columns);
        this.cells = cells;
        this.kvm = List.copyOf(kvm);
    }

    /**
     * @param switchOn arm64 HCR_EL2.FWB, Intel the IPAT bit; ignored on AMD (NPT has no such bit)
     * @param all      arm64: every MAIR byte 0x00..0xff and, with FWB, the MemAttr[3] = 1 columns too
     * @param extraRows arm64 MAIR bytes / x86 PAT ids to include besides the default rows (a scenario's)
     */
    public static MemtypeGrid of(Arch arch, boolean switchOn, boolean all, Collection<String> extraRows) {
        return switch (arch) {
            case ARM64 -> arm64(switchOn, all, extraRows);
            case X86_INTEL -> intel(switchOn);
            case X86_AMD -> amd();
        };
    }

    public static MemtypeGrid arm64(boolean fwb, boolean all, Collection<String> extraRows) {
        Set<Integer> bytes = new TreeSet<>(Comparator.comparing(AttrNames::mairGroup).thenComparingInt(b -> b));
        if (all) {
            for (int b = 0; b <= 0xff; b++) {
                bytes.add(b);
            }
        } else {
            bytes.addAll(MemtypeTable.ARM64_S1_DEFAULT);
            for (String id : extraRows) {
                if (id.matches("0x[0-9a-f]{2}")) {
                    bytes.add(Integer.parseInt(id.substring(2), 16));
                }
            }
        }
        List<Axis> rows = new ArrayList<>();
        for (int b : bytes) {
            rows.add(new Axis(AttrNames.hex(b), AttrNames.mair(b), AttrNames.mairGroup(b).label()));
        }
        int memAttrs = fwb && !all ? 8 : 16;
        List<Axis> columns = new ArrayList<>();
        for (int m = 0; m < memAttrs; m++) {
            columns.add(new Axis(AttrNames.bits(m), AttrNames.memAttr(m, fwb), ""));
        }
        Arm64Combiner c = new Arm64Combiner();
        GridCell[][] cells = new GridCell[rows.size()][columns.size()];
        List<KvmWrites.Write> kvm = KvmWrites.arm64(fwb);
        List<KvmWrites.Write> kvmOther = KvmWrites.arm64(!fwb);
        int r = 0;
        for (int b : bytes) {
            for (int m = 0; m < memAttrs; m++) {
                Combined here = c.combine(b, m, fwb, true);
                Combined there = c.combine(b, m, !fwb, true);
                List<KvmWrites.Write> w = writes(kvm, columns.get(m).id(), null);
                cells[r][m] = new GridCell(Arch.ARM64, fwb, rows.get(r), columns.get(m), here,
                        lower(here, AttrNames.stage2Ceiling(m, fwb)), there.result().equals(here.result()) ? null : there,
                        w, counterpart(c, b, fwb, w, kvmOther));
            }
            r++;
        }
        return new MemtypeGrid(Arch.ARM64, fwb, rows, columns, cells, kvm);
    }

    /** The same mapping on the other kind of host: KVM's write for the same purpose, combined with this row. */
    private static GridCell.Counterpart counterpart(Arm64Combiner c, int s1, boolean fwb, List<KvmWrites.Write> here,
                                                    List<KvmWrites.Write> other) {
        for (KvmWrites.Write w : here) {
            for (KvmWrites.Write o : other) {
                if (o.what().equals(w.what())) {
                    int memAttr = Integer.parseInt(o.stage2().substring(2), 2);
                    return new GridCell.Counterpart(o, c.combine(s1, memAttr, !fwb, true));
                }
            }
        }
        return null;
    }

    public static MemtypeGrid intel(boolean ipat) {
        IntelEptCombiner c = new IntelEptCombiner();
        List<KvmWrites.Write> kvm = KvmWrites.intel();
        return x86(Arch.X86_INTEL, ipat, kvm, (pat, ept) -> c.combine(pat, ept.id(), ipat),
                (pat, ept) -> c.combine(pat, ept.id(), !ipat));
    }

    public static MemtypeGrid amd() {
        AmdNptCombiner c = new AmdNptCombiner();
        return x86(Arch.X86_AMD, false, KvmWrites.amd(), (pat, npt) -> c.combine(pat, npt.id()), null);
    }

    private interface X86Rule {
        Combined combine(X86MemType pat, X86MemType stage2);
    }

    private static MemtypeGrid x86(Arch arch, boolean switchOn, List<KvmWrites.Write> kvm, X86Rule rule, X86Rule switched) {
        List<Axis> rows = new ArrayList<>();
        for (X86MemType pat : MemtypeTable.PAT_TYPES) {
            rows.add(new Axis(pat.id(), "guest PAT " + pat.id(), "PAT"));
        }
        List<Axis> columns = new ArrayList<>();
        for (X86MemType t : MemtypeTable.STAGE2_TYPES) {
            columns.add(new Axis(t.id(), (arch == Arch.X86_INTEL ? "EPT " : "NPT ") + t.id(), ""));
        }
        GridCell[][] cells = new GridCell[rows.size()][columns.size()];
        for (int r = 0; r < rows.size(); r++) {
            X86MemType pat = MemtypeTable.PAT_TYPES.get(r);
            for (int k = 0; k < columns.size(); k++) {
                X86MemType s2 = MemtypeTable.STAGE2_TYPES.get(k);
                Combined here = rule.combine(pat, s2);
                Combined there = switched == null ? here : switched.combine(pat, s2);
                cells[r][k] = new GridCell(arch, switchOn, rows.get(r), columns.get(k), here,
                        lower(here, AttrNames.x86Ceiling(s2)), there.result().equals(here.result()) ? null : there,
                        writes(kvm, s2.id(), arch == Arch.X86_INTEL ? switchOn : null), null);
            }
        }
        return new MemtypeGrid(arch, switchOn, rows, columns, cells, kvm);
    }

    /** Whether the result is less cacheable, in either level, than the ceiling stage 2 sets. */
    private static boolean lower(Combined result, int[] ceiling) {
        int[] got = AttrNames.ranks(result.result());
        return got != null && ceiling != null && (got[0] < ceiling[0] || got[1] < ceiling[1]);
    }

    /** The values KVM writes that land in this column (for Intel: only those with the grid's IPAT bit). */
    private static List<KvmWrites.Write> writes(List<KvmWrites.Write> kvm, String column, Boolean ipat) {
        List<KvmWrites.Write> out = new ArrayList<>();
        for (KvmWrites.Write w : kvm) {
            if (w.stage2().equals(column) && (w.ipat() == null || w.ipat().equals(ipat))) {
                out.add(w);
            }
        }
        return out;
    }

    public Arch arch() {
        return arch;
    }

    /** The arch's switch: "FWB" (HCR_EL2.FWB), "IPAT" (EPT bit 6), or null on AMD. */
    public String switchName() {
        return switch (arch) {
            case ARM64 -> "FWB";
            case X86_INTEL -> "IPAT";
            case X86_AMD -> null;
        };
    }

    public boolean switchOn() {
        return switchOn;
    }

    /** AMD's cells are modelled (APM Table 15-19 is not in the reference), not the architecture's own. */
    public boolean modelled() {
        return arch == Arch.X86_AMD;
    }

    /** "arm64 without FWB: stage-1 MAIR x stage-2 MemAttr". */
    public String title() {
        return switch (arch) {
            case ARM64 -> "arm64 " + (switchOn ? "with" : "without") + " FEAT_S2FWB (HCR_EL2.FWB = " + (switchOn ? 1 : 0)
                    + "): stage-1 MAIR attribute x stage-2 MemAttr";
            case X86_INTEL -> "Intel EPT with IPAT = " + (switchOn ? 1 : 0) + ": guest PAT type x EPT memory type";
            case X86_AMD -> "AMD NPT (modelled): guest PAT type x NPT host type";
        };
    }

    public List<Axis> rows() {
        return rows;
    }

    public List<Axis> columns() {
        return columns;
    }

    public GridCell cell(int row, int column) {
        return cells[row][column];
    }

    /** The cell at a row and column id, or null when the grid has no such row or column. */
    public GridCell cell(String rowId, String columnId) {
        int r = index(rows, rowId);
        int k = index(columns, columnId);
        return r < 0 || k < 0 ? null : cells[r][k];
    }

    public int rowOf(String id) {
        return index(rows, id);
    }

    public int columnOf(String id) {
        return index(columns, id);
    }

    private static int index(List<Axis> axes, String id) {
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).id().equalsIgnoreCase(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Every cell, row by row. */
    public List<GridCell> cells() {
        List<GridCell> out = new ArrayList<>(rows.size() * columns.size());
        for (GridCell[] row : cells) {
            out.addAll(List.of(row));
        }
        return out;
    }

    /** The values KVM writes for this arch (and switch), marked on their columns. */
    public List<KvmWrites.Write> kvmWrites() {
        return kvm;
    }
}
