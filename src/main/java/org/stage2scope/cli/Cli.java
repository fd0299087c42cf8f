package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command line. Each subcommand is one class with {@code static int run(List<String>, PrintStream, PrintStream)};
 * exit codes: 0 evaluated (whatever KVM would refuse), 1 usage error, 2 unreadable input.
 */
public final class Cli {
    private Cli() {}

    public static final String USAGE = String.join("\n",
            "usage: stage2scope [COMMAND [ARGS]]",
            "  (no command)                      open the desktop app on the default scenario",
            "  check FILE [--policy ID] [--format text|json]",
            "                                    evaluate a scenario: memslot calls, stage-2 map, effective types",
            "  compare FILE [--format text|json] the five cacheable-PFNMAP policies side by side",
            "  render FILE -o OUT.png|OUT.svg [--policy ID] [--scale 1|2] [--theme light|dark|presentation]\n"
            + "                [--gpa START-END | --hva START-END]",
            "                                    the band picture the app exports, without a window",
            "  table --arch arm64 [--fwb] [--all] | --arch x86-intel | --arch x86-amd",
            "                                    the stage-1 x stage-2 combination table as CSV",
            "  memtype --arch arm64 --s1 0x4f --s2 0b0111 [--fwb]",
            "  memtype --arch x86-intel --ept WB --ipat 0 --pat WC",
            "  memtype --arch x86-amd --npt WB --pat UC",
            "                                    one cell of that table, with its reason",
            "  import --smaps FILE --monitor FILE [--arch ID] [--all-vmas] [-o OUT.json]",
            "                                    build a scenario from a running QEMU's smaps and info mtree -f / info ramblock",
            "  --help                            this text",
            "policies: pre-6.17, upstream, v6-enable-flag, force-flag, force-flag-strict");

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "--help" : args[0];
        return switch (command) {
            case "check" -> CheckCommand.run(rest, out, err);
            case "compare" -> CompareCommand.run(rest, out, err);
            case "table" -> TableCommand.run(rest, out, err);
            case "memtype" -> MemtypeCommand.run(rest, out, err);
            case "import" -> ImportCommand.run(rest, out, err);
            case "render" -> RenderCommand.run(rest, out, err);
            case "--help", "-h", "help" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("stage2scope: unknown command \"" + command + "\"");
                err.println(USAGE);
                yield 1;
            }
        };
    }
}
