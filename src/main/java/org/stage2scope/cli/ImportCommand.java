package org.stage2scope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.stage2scope.cli.MemtypeCommand.Args;
import org.stage2scope.cli.MemtypeCommand.UsageException;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.io.qemu.ImportException;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.io.qemu.ImportResult;
import org.stage2scope.io.qemu.QemuImporter;
import org.stage2scope.model.Arch;

/**
 * {@code import}: a scenario from a running QEMU's /proc/PID/smaps and a monitor transcript of
 * {@code info mtree -f} and {@code info ramblock}. The report of every inference goes to stderr.
 */
final class ImportCommand {
    private ImportCommand() {}

    static final String USAGE = String.join("\n",
            "usage: stage2scope import --smaps FILE --monitor FILE [--arch arm64|x86-intel|x86-amd] [--all-vmas] [-o OUT.json]",
            "  --smaps FILE    /proc/<qemu pid>/smaps (or maps) of the QEMU process",
            "  --monitor FILE  a monitor transcript with the output of \"info mtree -f\" and \"info ramblock\"",
            "  --arch ID       the host architecture, instead of guessing it from the machine's regions",
            "  --all-vmas      keep every VMA, not only those backing guest RAM and the VM_PFNMAP ones",
            "  -o OUT.json     write the scenario there (default: stdout); the import report goes to stderr",
            "exit: 0 imported, 1 usage, 2 unreadable input or unwritable output");

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Args a;
        Path smaps;
        Path monitor;
        Arch arch;
        try {
            a = Args.parse(args, Set.of("--all-vmas"), Set.of("--smaps", "--monitor", "--arch", "-o"));
            smaps = Path.of(a.required("--smaps"));
            monitor = Path.of(a.required("--monitor"));
            arch = a.value("--arch") == null ? null : Args.arch(a.value("--arch"));
        } catch (UsageException e) {
            err.println("stage2scope import: " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
        ImportResult result;
        try {
            result = QemuImporter.importFiles(smaps, monitor, new ImportOptions(arch, a.flag("--all-vmas"), null));
        } catch (ImportException e) {
            err.println("stage2scope import: " + e.getMessage());
            return 2;
        }
        for (String line : result.report().lines()) {
            err.println(line);
        }
        String target = a.value("-o");
        try {
            if (target == null) {
                out.print(ScenarioWriter.write(result.scenario()));
                out.flush();
            } else {
                ScenarioWriter.save(result.scenario(), Path.of(target));
                err.println("wrote " + target);
            }
        } catch (IOException | RuntimeException e) {
            err.println("stage2scope import: cannot write the scenario" + (target == null ? "" : " to " + target) + ": " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
