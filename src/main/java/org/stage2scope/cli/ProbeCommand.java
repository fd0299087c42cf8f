package org.stage2scope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.stage2scope.host.HostFacts;
import org.stage2scope.host.HostText;
import org.stage2scope.host.JnaKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.host.Probe;
import org.stage2scope.io.IoCause;
import org.stage2scope.io.ScenarioWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code probe [-o host.json]}: what this host's kernel and CPU say (uname, page size, /proc/cpuinfo,
 * KVM_CHECK_EXTENSION), and optionally the scenario host/vm they make. Whatever cannot be read is
 * one sentence; the rest is still printed, and the exit code is 0.
 */
@Command(name = "probe", description = "Print what this host's kernel and CPU report (uname, page size, CPU vendor "
        + "and self-snoop, KVM capabilities from /dev/kvm); -o writes it as a scenario's host and vm. "
        + "What cannot be read (no /dev/kvm, no permission, another arch) is said in one sentence.")
final class ProbeCommand extends Verb {
    @Option(names = {"-o", "--output"}, paramLabel = "host.json",
            description = "Also write this host as a scenario (host and vm, no VMAs), for import --host or File > Open.")
    String output;

    private final Supplier<Kernel> kernel;

    ProbeCommand() {
        this(JnaKernel::load);
    }

    /** With the kernel as a seam, so the command can be tested on a kernel double. */
    ProbeCommand(Supplier<Kernel> kernel) {
        this.kernel = kernel;
    }

    @Override
    protected int run() throws Exception {
        Path target = output == null ? null : PathArg.of(output);
        Kernel k;
        try {
            k = kernel.get();
        } catch (IllegalStateException e) {
            err.println("probe: nothing could be read: " + e.getMessage());
            return ReplayCommand.NOTHING_RAN;
        }
        HostFacts facts = Probe.run(k);
        out.print(HostText.render(facts));
        if (target == null) {
            return Cli.OK;
        }
        if (facts.arch() == null || facts.granule() == null) {
            throw new Refusal(output + ": not written: this host cannot be described as a scenario host ("
                    + String.join(" ", facts.unreadable()) + ")");
        }
        try {
            ScenarioWriter.save(facts.toScenario(), target);
        } catch (IOException e) {
            throw new Refusal(output + ": cannot write the host: " + IoCause.describe(e));
        }
        err.println("wrote " + target);
        return Cli.OK;
    }
}
