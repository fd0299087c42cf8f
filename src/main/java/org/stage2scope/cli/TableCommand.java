package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stage2scope.cli.MemtypeCommand.Args;
import org.stage2scope.cli.MemtypeCommand.UsageException;
import org.stage2scope.engine.memtype.MemtypeTable;
import org.stage2scope.engine.memtype.MemtypeTable.Row;
import org.stage2scope.model.Arch;

/**
 * {@code table}: the whole stage-1 x stage-2 combination table as CSV. arm64 rows cover
 * {@link MemtypeTable#ARM64_S1_DEFAULT} (every byte with --all) against every MemAttr (the eight FWB
 * encodings with --fwb); x86-intel rows every EPT type x IPAT x PAT type; x86-amd the modelled rows.
 */
final class TableCommand {
    private TableCommand() {}

    static final String USAGE = String.join("\n",
            "usage: stage2scope table --arch arm64 [--fwb] [--all]",
            "       stage2scope table --arch x86-intel | --arch x86-amd",
            "  --fwb  the table with HCR_EL2.FWB = 1 (MemAttr 0b0000..0b0111)",
            "  --all  every stage-1 MAIR byte 0x00..0xff instead of the common ones");

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> header;
        List<Row> rows;
        try {
            Args a = Args.parse(args, Set.of("--fwb", "--all"), Set.of("--arch"));
            Arch arch = Args.arch(a.value("--arch"));
            if (arch == Arch.ARM64) {
                header = MemtypeTable.ARM64_HEADER;
                rows = MemtypeTable.arm64(a.flag("--fwb"), a.flag("--all"));
            } else {
                a.allowOnly("--arch");
                header = arch == Arch.X86_INTEL ? MemtypeTable.INTEL_HEADER : MemtypeTable.AMD_HEADER;
                rows = arch == Arch.X86_INTEL ? MemtypeTable.intel() : MemtypeTable.amd();
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 1;
        }
        out.println(String.join(",", header));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(row.inputs());
            cells.add(row.combined().result());
            out.println(String.join(",", cells));
        }
        return 0;
    }
}
