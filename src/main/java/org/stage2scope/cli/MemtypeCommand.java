package org.stage2scope.cli;

import java.util.Locale;
import org.stage2scope.engine.memtype.AmdNptCombiner;
import org.stage2scope.engine.memtype.Arm64Combiner;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.IntelEptCombiner;
import org.stage2scope.engine.memtype.MemtypeTable;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Named;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memtype}: one cell of the stage-1 x stage-2 table with the rule that decided it, printed as
 * {@code <result>  <name>: <reason>}. arm64 assumes FEAT_MTE2, so 0xf0 is Tagged Normal.
 */
@Command(name = "memtype", description = "One cell of the stage-1 x stage-2 table, with the rule that decided it.",
        usageHelpWidth = 100,
        customSynopsis = {"stage2scope memtype --arch arm64 --s1 MAIR-BYTE --s2 MEMATTR [--fwb]",
                "              stage2scope memtype --arch x86-intel --ept TYPE --ipat 0|1 --pat TYPE",
                "              stage2scope memtype --arch x86-amd --npt TYPE --pat TYPE"},
        footer = {"", "MAIR-BYTE 0x00..0xff; MEMATTR 0b0000..0b1111, 0x0..0xf or 0..15; "
                + "EPT/NPT TYPE UC, WC, WT, WP, WB; PAT TYPE UC, UC-, WC, WT, WP, WB. "
                + "arm64 assumes FEAT_MTE2, so 0xf0 is Tagged Normal."})
final class MemtypeCommand extends Verb {
    @Option(names = "--arch", required = true, paramLabel = "ID", converter = Choices.ArchConverter.class,
            completionCandidates = Choices.Archs.class, description = "${COMPLETION-CANDIDATES}")
    Arch arch;

    @Option(names = "--s1", paramLabel = "MAIR-BYTE", description = "arm64: the stage-1 MAIR attribute byte.")
    String s1;

    @Option(names = "--s2", paramLabel = "MEMATTR", description = "arm64: the stage-2 MemAttr[3:0].")
    String s2;

    @Option(names = "--fwb", description = "arm64: HCR_EL2.FWB = 1.")
    boolean fwb;

    @Option(names = "--ept", paramLabel = "TYPE", description = "x86-intel: the EPT memory type.")
    String ept;

    @Option(names = "--ipat", paramLabel = "0|1", description = "x86-intel: the EPT ignore-PAT bit.")
    String ipat;

    @Option(names = "--pat", paramLabel = "TYPE", description = "x86: the guest's PAT type.")
    String pat;

    @Option(names = "--npt", paramLabel = "TYPE", description = "x86-amd: the NPT host memory type.")
    String npt;

    @Override
    protected int run() {
        Combined c = switch (arch) {
            case ARM64 -> {
                allowOnly("--s1", "--s2", "--fwb");
                yield new Arm64Combiner().combine(parseMair(required("--s1", s1)), parseMemAttr(required("--s2", s2)), fwb, true);
            }
            case X86_INTEL -> {
                allowOnly("--ept", "--ipat", "--pat");
                X86MemType eptType = stage2Type("--ept", required("--ept", ept), "an EPT memory type");
                boolean ignorePat = parseIpat(required("--ipat", ipat));
                yield new IntelEptCombiner().combine(patType(required("--pat", pat)), eptType.id(), ignorePat);
            }
            case X86_AMD -> {
                allowOnly("--npt", "--pat");
                X86MemType nptType = stage2Type("--npt", required("--npt", npt), "an NPT host memory type");
                yield new AmdNptCombiner().combine(patType(required("--pat", pat)), nptType.id());
            }
        };
        out.println(c.result() + "  " + c.name() + ": " + c.reason());
        return Cli.OK;
    }

    private String required(String name, String value) {
        if (value == null) {
            throw usage(name + " is required for --arch " + arch.id());
        }
        return value;
    }

    /** Refuses options that mean nothing for the chosen architecture, rather than ignoring them. */
    private void allowOnly(String... names) {
        allowOnly(arch, names);
    }

    /** A MAIR byte as 0xNN, a decimal 0..255, or one of the readable names files accept ("Normal-WB"). */
    int parseMair(String text) {
        Integer named = Stage1Attr.MAIR_NAMES.get(text);
        if (named != null) {
            return named;
        }
        Integer v = parseNumber(text);
        if (v == null || v > 0xff) {
            throw usage("--s1: \"" + text + "\" is not a MAIR byte; expected 0x00..0xff");
        }
        return v;
    }

    int parseMemAttr(String text) {
        Integer v = parseNumber(text);
        if (v == null || v > 0xf) {
            throw usage("--s2: \"" + text
                    + "\" is not a stage-2 MemAttr; expected 4 bits: 0b0000..0b1111, 0x0..0xf or 0..15");
        }
        return v;
    }

    /** 0b binary, 0x hex or decimal; null when not a non-negative number that fits an int. */
    private static Integer parseNumber(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("0b[01]{1,16}")) {
                return Integer.parseInt(t.substring(2), 2);
            }
            if (t.matches("0x[0-9a-f]{1,7}")) {
                return Integer.parseInt(t.substring(2), 16);
            }
            if (t.matches("[0-9]{1,9}")) {
                return Integer.parseInt(t);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private boolean parseIpat(String text) {
        return switch (text) {
            case "0", "false" -> false;
            case "1", "true" -> true;
            default -> throw usage("--ipat: \"" + text + "\" is not an IPAT bit; expected 0 or 1");
        };
    }

    private X86MemType stage2Type(String option, String text, String what) {
        X86MemType t = Named.byId(X86MemType.class, text);
        if (t == null || !MemtypeTable.STAGE2_TYPES.contains(t)) {
            throw usage(option + ": \"" + text + "\" is not " + what + "; expected one of UC, WC, WT, WP, WB");
        }
        return t;
    }

    private X86MemType patType(String text) {
        X86MemType t = Named.byId(X86MemType.class, text);
        if (t == null) {
            throw usage("--pat: \"" + text + "\" is not a PAT type; expected one of UC, UC-, WC, WT, WP, WB");
        }
        return t;
    }
}
