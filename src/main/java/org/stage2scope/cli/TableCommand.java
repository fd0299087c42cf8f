package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stage2scope.cli.MemtypeCommand.Args;
import org.stage2scope.cli.MemtypeCommand.UsageException;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.memtype.AttrNames;
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
            "usage: stage2scope table --arch arm64 [--fwb] [--all] [--names]",
            "       stage2scope table --arch x86-intel | --arch x86-amd [--names]",
            "  --fwb    the table with HCR_EL2.FWB = 1 (MemAttr 0b0000..0b0111)",
            "  --all    every stage-1 MAIR byte 0x00..0xff instead of the common ones",
            "  --names  also name each encoding and result (s1_name, s2_name, name), as the explorer does");

    private static boolean isArm64(List<String> header) {
        return header == MemtypeTable.ARM64_HEADER;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> header;
        List<Row> rows;
        boolean names;
        boolean fwb;
        try {
            Args a = Args.parse(args, Set.of("--fwb", "--all", "--names"), Set.of("--arch"));
            Arch arch = Args.arch(a.value("--arch"));
            names = a.flag("--names");
            fwb = a.flag("--fwb");
            if (arch == Arch.ARM64) {
                header = MemtypeTable.ARM64_HEADER;
                rows = MemtypeTable.arm64(fwb, a.flag("--all"));
            } else {
                a.allowOnly("--arch", "--names");
                header = arch == Arch.X86_INTEL ? MemtypeTable.INTEL_HEADER : MemtypeTable.AMD_HEADER;
                rows = arch == Arch.X86_INTEL ? MemtypeTable.intel() : MemtypeTable.amd();
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 1;
        }
        List<String> head = new ArrayList<>(header);
        if (names) {
            head.addAll(isArm64(header) ? List.of("s1_name", "s2_name", "name") : List.of("name"));
        }
        out.println(String.join(",", head));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(row.inputs());
            cells.add(row.combined().result());
            if (names) {
                if (isArm64(header)) {
                    int s1 = Integer.parseInt(row.inputs().get(0).substring(2), 16);
                    int s2 = Integer.parseInt(row.inputs().get(1).substring(2), 2);
                    cells.add(AttrNames.mair(s1));
                    cells.add(AttrNames.memAttr(s2, fwb));
                }
                cells.add(GridCell.label(row.combined()));
            }
            out.println(String.join(",", cells));
        }
        return 0;
    }
}
