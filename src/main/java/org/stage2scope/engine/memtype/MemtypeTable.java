package org.stage2scope.engine.memtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stage2scope.model.X86MemType;

/**
 * The stage-1 x stage-2 combination tables, row by row, for the CLI's {@code table} and any view
 * that shows the whole table. Pure: each row is one {@link Combined} with the inputs that gave it.
 */
public final class MemtypeTable {
    private MemtypeTable() {}

    /** One row: the input columns (already spelled for CSV) and the combination. */
    public record Row(List<String> inputs, Combined combined) {}

    /**
     * The arm64 stage-1 bytes shown by default: the four Device types, Linux's own MAIR values
     * (0xff, 0xf0, 0x44, 0x00, 0x04), write-through and write-back with full and read-only allocation,
     * both transient forms, and mixed inner/outer forms (NC, WT and WB against each other).
     */
    public static final List<Integer> ARM64_S1_DEFAULT = List.of(
            0x00, 0x04, 0x08, 0x0c,
            0x44, 0xaa, 0xbb, 0xee, 0xff, 0x33, 0x77, 0xf0,
            0x4f, 0xf4, 0xb4, 0x4b, 0xbf, 0xfb);

    public static final List<String> ARM64_HEADER = List.of("s1", "s2", "fwb", "result");
    public static final List<String> INTEL_HEADER = List.of("ept", "ipat", "pat", "result");
    public static final List<String> AMD_HEADER = List.of("npt", "pat", "result");

    /** Stage-2 types an EPT or NPT entry can hold, in encoding order. */
    public static final List<X86MemType> STAGE2_TYPES = List.of(
            X86MemType.UC, X86MemType.WC, X86MemType.WT, X86MemType.WP, X86MemType.WB);

    /** Guest PAT types in the SDM table's column order. */
    public static final List<X86MemType> PAT_TYPES = List.of(
            X86MemType.UC, X86MemType.UC_MINUS, X86MemType.WC, X86MemType.WT, X86MemType.WP, X86MemType.WB);

    /**
     * @param fwb      HCR_EL2.FWB: MemAttr runs over the eight FWB encodings 0b0000..0b0111 (MemAttr[3]
     *                 is RES0), else over all sixteen
     * @param allBytes every stage-1 byte 0x00..0xff instead of {@link #ARM64_S1_DEFAULT}
     */
    public static List<Row> arm64(boolean fwb, boolean allBytes) {
        Arm64Combiner combiner = new Arm64Combiner();
        List<Integer> s1s = new ArrayList<>();
        if (allBytes) {
            for (int b = 0; b <= 0xff; b++) {
                s1s.add(b);
            }
        } else {
            s1s.addAll(ARM64_S1_DEFAULT);
        }
        int memAttrs = fwb ? 8 : 16;
        List<Row> rows = new ArrayList<>();
        for (int s1 : s1s) {
            for (int memAttr = 0; memAttr < memAttrs; memAttr++) {
                rows.add(new Row(List.of(String.format(Locale.ROOT, "0x%02x", s1), Stage2MemAttrDecoder.bits(memAttr),
                        Boolean.toString(fwb)), combiner.combine(s1, memAttr, fwb, true)));
            }
        }
        return rows;
    }

    public static List<Row> intel() {
        IntelEptCombiner combiner = new IntelEptCombiner();
        List<Row> rows = new ArrayList<>();
        for (X86MemType ept : STAGE2_TYPES) {
            for (int ipat = 0; ipat <= 1; ipat++) {
                for (X86MemType pat : PAT_TYPES) {
                    rows.add(new Row(List.of(ept.id(), Integer.toString(ipat), pat.id()),
                            combiner.combine(pat, ept.id(), ipat == 1)));
                }
            }
        }
        return rows;
    }

    public static List<Row> amd() {
        AmdNptCombiner combiner = new AmdNptCombiner();
        List<Row> rows = new ArrayList<>();
        for (X86MemType npt : STAGE2_TYPES) {
            for (X86MemType pat : PAT_TYPES) {
                rows.add(new Row(List.of(npt.id(), pat.id()), combiner.combine(pat, npt.id())));
            }
        }
        return rows;
    }
}
