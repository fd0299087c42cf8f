package org.stage2scope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.stage2scope.io.ControlChars;
import org.stage2scope.io.IoCause;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.io.qemu.ImportResult;
import org.stage2scope.io.qemu.QemuImporter;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import}: a scenario from a running QEMU's /proc/PID/smaps and a monitor transcript of
 * {@code info mtree -f} and {@code info ramblock}. The report of every inference goes to stderr.
 */
@Command(name = "import", description = "Build a scenario from a running QEMU's smaps and a monitor transcript "
        + "(info mtree -f, info ramblock). The import report goes to stderr.")
final class ImportCommand extends Verb {
    @Option(names = "--smaps", required = true, paramLabel = "FILE",
            description = "/proc/<qemu pid>/smaps (or maps) of the QEMU process.")
    String smaps;

    @Option(names = "--monitor", required = true, paramLabel = "FILE",
            description = "A monitor transcript with the output of \"info mtree -f\" and \"info ramblock\".")
    String monitor;

    @Option(names = "--arch", paramLabel = "ID", converter = Choices.ArchConverter.class,
            completionCandidates = Choices.Archs.class,
            description = "The host architecture (${COMPLETION-CANDIDATES}), instead of guessing it from the machine's regions.")
    Arch arch;

    @Option(names = "--all-vmas", description = "Keep every VMA, not only those backing guest RAM and the VM_PFNMAP ones.")
    boolean allVmas;

    @Option(names = "--host", paramLabel = "host.json",
            description = "Take the host (arch, page size, features, KVM limits) and VM from this scenario, e.g. one "
                    + "written by \"stage2scope probe -o host.json\" on the machine QEMU runs on.")
    String host;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Write the scenario there (default: stdout).")
    String output;

    @Override
    protected int run() throws Exception {
        Path smapsFile = PathArg.of(smaps);
        Path monitorFile = PathArg.of(monitor);
        Path target = output == null ? null : PathArg.of(output);
        if (target != null) {
            refuseOverwriting(target, smapsFile, "--smaps");
            refuseOverwriting(target, monitorFile, "--monitor");
        }
        Scenario probed = host == null ? null : ScenarioReader.read(PathArg.of(host));
        if (probed != null && arch != null && arch != probed.host().arch()) {
            throw usage("--arch " + arch.id() + " contradicts --host " + host + ", which describes an "
                    + probed.host().arch().id() + " host; give one of them");
        }
        Arch hostArch = probed != null ? probed.host().arch() : arch;
        ImportResult result = QemuImporter.importFiles(smapsFile, monitorFile, new ImportOptions(hostArch, allVmas, null));
        Scenario scenario = probed == null ? result.scenario() : onHost(result.scenario(), probed);
        for (String line : result.report().lines()) {
            if (probed != null && line.startsWith(QemuImporter.NO_HOST_FEATURES + " (")) {
                line = "host CPU features from --host " + host + ": " + (probed.host().features().isEmpty() ? "none"
                        : probed.host().features().stream().sorted().map(CpuFeature::id).collect(Collectors.joining(", ")));
            }
            err.println(ControlChars.escapeLine(line));
        }
        if (target == null) {
            out.print(ScenarioWriter.write(scenario));
            return Cli.OK;
        }
        try {
            ScenarioWriter.save(scenario, target);
        } catch (IOException e) {
            throw new Refusal(output + ": cannot write the scenario: " + IoCause.describe(e));
        }
        err.println("wrote " + ControlChars.escapeLine(target.toString()));
        return Cli.OK;
    }

    /** -o naming an input would replace the capture with its import: the same file by any path is refused. */
    private static void refuseOverwriting(Path target, Path input, String option) {
        boolean same;
        try {
            same = Files.exists(target) && Files.exists(input) ? Files.isSameFile(target, input)
                    : target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw new Refusal(target + ": is the " + option + " input; refusing to overwrite it, expected another file for -o");
        }
    }

    /** The imported VM on the probed host: host and VM limits from the probe, what QEMU configured from the import. */
    static Scenario onHost(Scenario imported, Scenario probed) {
        Vm i = imported.vm();
        Vm p = probed.vm();
        return imported.withHost(probed.host()).withVm(new Vm(p.ipaBits(), i.mte(), i.policy(), p.quirks(), i.noncoherentDma()));
    }
}
