package org.stage2scope.model;

import java.util.Locale;
import java.util.Map;

/**
 * The memory attribute a guest's own page tables give a range: an arm64 MAIR byte or an x86 PAT type.
 * Only the encoding is parsed here; which bytes are reserved or UNPREDICTABLE is the engine's call.
 */
public sealed interface Stage1Attr permits Stage1Attr.Mair, Stage1Attr.Pat {

    /** The canonical file spelling: "0xff" for arm64, "WC" for x86. */
    String id();

    /** An arm64 MAIR_EL1 attribute byte. */
    record Mair(int value) implements Stage1Attr {
        public Mair {
            if (value < 0 || value > 0xff) {
                throw new IllegalArgumentException("a MAIR attribute is one byte (0x00..0xff), got " + value);
            }
        }

        @Override
        public String id() {
            return String.format(Locale.ROOT, "0x%02x", value);
        }
    }

    /** An x86 guest PAT type. */
    record Pat(X86MemType type) implements Stage1Attr {
        public Pat {
            if (type == null) {
                throw new IllegalArgumentException("a PAT type is required");
            }
        }

        @Override
        public String id() {
            return type.id();
        }
    }

    /** Readable arm64 spellings accepted in files besides a raw byte; they map to Linux's MAIR values. */
    Map<String, Integer> MAIR_NAMES = Map.of(
            "Normal-WB", 0xff, "Normal-WT", 0xbb, "Normal-NC", 0x44, "Normal-Tagged", 0xf0,
            "Device-nGnRnE", 0x00, "Device-nGnRE", 0x04, "Device-nGRE", 0x08, "Device-GRE", 0x0c);

    /**
     * What a guest access gets where the scenario lists no stage-1 range: Linux's MT_NORMAL (MAIR 0xff,
     * attribute index 0 of the kernel's MAIR_EL1) on arm64, PAT entry 0 (WB) on x86.
     */
    static Stage1Attr defaultFor(Arch arch) {
        return arch == Arch.ARM64 ? new Mair(0xff) : new Pat(X86MemType.WB);
    }

    /** Parses a stage-1 attribute for the host's architecture; IllegalArgumentException says what was expected. */
    static Stage1Attr parse(Arch arch, String text) {
        String t = text == null ? "" : text.strip();
        if (arch == Arch.ARM64) {
            Integer named = MAIR_NAMES.get(t);
            if (named != null) {
                return new Mair(named);
            }
            if (t.matches("0[xX][0-9a-fA-F]{1,2}")) {
                return new Mair(Integer.parseInt(t.substring(2), 16));
            }
            throw new IllegalArgumentException("\"" + t + "\" is not an arm64 stage-1 attribute; expected a MAIR byte such as \"0xff\" or \"0x04\", or one of "
                    + String.join(", ", new java.util.TreeSet<>(MAIR_NAMES.keySet())));
        }
        X86MemType type = Named.byId(X86MemType.class, t);
        if (type == null) {
            throw new IllegalArgumentException("\"" + t + "\" is not an x86 PAT type; expected one of " + Named.choices(X86MemType.class));
        }
        return new Pat(type);
    }
}
