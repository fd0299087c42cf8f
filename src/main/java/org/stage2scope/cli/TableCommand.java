package org.stage2scope.cli;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.memtype.AttrNames;
import org.stage2scope.engine.memtype.MemtypeTable;
import org.stage2scope.engine.memtype.MemtypeTable.Row;
import org.stage2scope.model.Arch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code table}: the whole stage-1 x stage-2 combination table as CSV. arm64 rows cover
 * {@link MemtypeTable#ARM64_S1_DEFAULT} (every byte with --all) against every MemAttr (the eight FWB
 * encodings with --fwb); x86-intel rows every EPT type x IPAT x PAT type; x86-amd the modelled rows.
 * {@code --names} adds the names the memory-type explorer shows (AttrNames, GridCell.label).
 */
@Command(name = "table", description = "The stage-1 x stage-2 memory-type combination table as CSV.")
final class TableCommand extends Verb {
    @Option(names = "--arch", required = true, paramLabel = "ID", converter = Choices.ArchConverter.class,
            completionCandidates = Choices.Archs.class, description = "${COMPLETION-CANDIDATES}")
    Arch arch;

    @Option(names = "--fwb", description = "arm64: the table with HCR_EL2.FWB = 1 (MemAttr 0b0000..0b0111).")
    boolean fwb;

    @Option(names = "--all", description = "arm64: every stage-1 MAIR byte 0x00..0xff instead of the common ones.")
    boolean all;

    @Option(names = "--names", description = "Also name each encoding and result (arm64: s1_name, s2_name, name; "
            + "x86: name), as View > Memory types does.")
    boolean names;

    @Override
    protected int run() {
        List<String> header;
        List<Row> rows;
        if (arch == Arch.ARM64) {
            header = MemtypeTable.ARM64_HEADER;
            rows = MemtypeTable.arm64(fwb, all);
        } else {
            allowOnly(arch, "--names");
            header = arch == Arch.X86_INTEL ? MemtypeTable.INTEL_HEADER : MemtypeTable.AMD_HEADER;
            rows = arch == Arch.X86_INTEL ? MemtypeTable.intel() : MemtypeTable.amd();
        }
        List<String> head = new ArrayList<>(header);
        if (names) {
            head.addAll(arch == Arch.ARM64 ? List.of("s1_name", "s2_name", "name") : List.of("name"));
        }
        out.println(String.join(",", head));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(row.inputs());
            cells.add(row.combined().result());
            if (names) {
                if (arch == Arch.ARM64) {
                    // The inputs are spelled "0x4f" and "0b0111" (MemtypeTable.arm64).
                    cells.add(AttrNames.mair(Integer.parseInt(row.inputs().get(0).substring(2), 16)));
                    cells.add(AttrNames.memAttr(Integer.parseInt(row.inputs().get(1).substring(2), 2), fwb));
                }
                cells.add(GridCell.label(row.combined()));
            }
            out.println(String.join(",", cells));
        }
        return Cli.OK;
    }
}
