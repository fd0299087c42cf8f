package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stage2scope.engine.memtype.AmdNptCombiner;
import org.stage2scope.engine.memtype.Arm64Combiner;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.IntelEptCombiner;
import org.stage2scope.engine.memtype.MemtypeTable;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Named;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

/**
 * {@code memtype}: one cell of the stage-1 x stage-2 table with the rule that decided it, printed as
 * {@code <result>  <name>: <reason>}. arm64 assumes FEAT_MTE2, so 0xf0 is Tagged Normal.
 */
final class MemtypeCommand {
    private MemtypeCommand() {}

    static final String USAGE = String.join("\n",
            "usage: stage2scope memtype --arch arm64 --s1 MAIR-BYTE --s2 MEMATTR [--fwb]",
            "       stage2scope memtype --arch x86-intel --ept TYPE --ipat 0|1 --pat TYPE",
            "       stage2scope memtype --arch x86-amd --npt TYPE --pat TYPE",
            "  MAIR-BYTE 0x00..0xff; MEMATTR 0b0000..0b1111, 0x0..0xf or 0..15;",
            "  EPT/NPT TYPE UC, WC, WT, WP, WB; PAT TYPE UC, UC-, WC, WT, WP, WB");

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Args a = Args.parse(args, Set.of("--fwb"), Set.of("--arch", "--s1", "--s2", "--ept", "--ipat", "--pat", "--npt"));
            Arch arch = Args.arch(a.value("--arch"));
            Combined c = switch (arch) {
                case ARM64 -> {
                    a.allowOnly("--arch", "--s1", "--s2", "--fwb");
                    int s1 = parseMair(a.required("--s1"));
                    int s2 = parseMemAttr(a.required("--s2"));
                    yield new Arm64Combiner().combine(s1, s2, a.flag("--fwb"), true);
                }
                case X86_INTEL -> {
                    a.allowOnly("--arch", "--ept", "--ipat", "--pat");
                    X86MemType ept = stage2Type("--ept", a.required("--ept"), "an EPT memory type");
                    boolean ipat = parseIpat(a.required("--ipat"));
                    yield new IntelEptCombiner().combine(patType(a.required("--pat")), ept.id(), ipat);
                }
                case X86_AMD -> {
                    a.allowOnly("--arch", "--npt", "--pat");
                    X86MemType npt = stage2Type("--npt", a.required("--npt"), "an NPT host memory type");
                    yield new AmdNptCombiner().combine(patType(a.required("--pat")), npt.id());
                }
            };
            out.println(c.result() + "  " + c.name() + ": " + c.reason());
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 1;
        }
    }

    /** A MAIR byte as 0xNN, a decimal 0..255, or one of the readable names files accept ("Normal-WB"). */
    static int parseMair(String text) {
        Integer named = Stage1Attr.MAIR_NAMES.get(text);
        if (named != null) {
            return named;
        }
        Integer v = parseNumber(text);
        if (v == null || v > 0xff) {
            throw new UsageException("--s1: \"" + text + "\" is not a MAIR byte; expected 0x00..0xff");
        }
        return v;
    }

    static int parseMemAttr(String text) {
        Integer v = parseNumber(text);
        if (v == null || v > 0xf) {
            throw new UsageException("--s2: \"" + text
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

    private static boolean parseIpat(String text) {
        return switch (text) {
            case "0", "false" -> false;
            case "1", "true" -> true;
            default -> throw new UsageException("--ipat: \"" + text + "\" is not an IPAT bit; expected 0 or 1");
        };
    }

    private static X86MemType stage2Type(String option, String text, String what) {
        X86MemType t = Named.byId(X86MemType.class, text);
        if (t == null || !MemtypeTable.STAGE2_TYPES.contains(t)) {
            throw new UsageException(option + ": \"" + text + "\" is not " + what + "; expected one of UC, WC, WT, WP, WB");
        }
        return t;
    }

    private static X86MemType patType(String text) {
        X86MemType t = Named.byId(X86MemType.class, text);
        if (t == null) {
            throw new UsageException("--pat: \"" + text + "\" is not a PAT type; expected one of UC, UC-, WC, WT, WP, WB");
        }
        return t;
    }

    /** A command-line mistake: the message is for the user, the exit code is 1. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** "--name value" options and "--flag" switches, each at most once, nothing positional. */
    static final class Args {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> flags = new HashSet<>();

        static Args parse(List<String> args, Set<String> flagNames, Set<String> valueNames) {
            Args a = new Args();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (flagNames.contains(arg)) {
                    if (!a.flags.add(arg)) {
                        throw new UsageException(arg + " given twice");
                    }
                } else if (valueNames.contains(arg)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    if (a.values.put(arg, args.get(++i)) != null) {
                        throw new UsageException(arg + " given twice");
                    }
                } else {
                    throw new UsageException("unknown option \"" + arg + "\"");
                }
            }
            return a;
        }

        static Arch arch(String text) {
            if (text == null) {
                throw new UsageException("--arch is required: arm64, x86-intel or x86-amd");
            }
            Arch arch = Named.byId(Arch.class, text);
            if (arch == null) {
                throw new UsageException("--arch: \"" + text + "\" is not an architecture; expected one of "
                        + Named.choices(Arch.class));
            }
            return arch;
        }

        String value(String name) {
            return values.get(name);
        }

        String required(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new UsageException(name + " is required");
            }
            return v;
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        /** Refuses options that mean nothing for the chosen architecture, rather than ignoring them. */
        void allowOnly(String... names) {
            Set<String> allowed = Set.of(names);
            for (String given : values.keySet()) {
                if (!allowed.contains(given)) {
                    throw new UsageException(given + " does not apply here; this architecture takes " + String.join(", ", names));
                }
            }
            for (String given : flags) {
                if (!allowed.contains(given)) {
                    throw new UsageException(given + " does not apply here; this architecture takes " + String.join(", ", names));
                }
            }
        }
    }
}
