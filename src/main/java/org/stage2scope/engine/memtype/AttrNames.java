package org.stage2scope.engine.memtype;

import java.util.Locale;
import org.stage2scope.model.X86MemType;

/**
 * Names and cacheability ranks of the encodings a stage-1 x stage-2 table is indexed by, for views
 * that show the whole table (the memory-type explorer, {@code table --names}). Decoding is the
 * combiners' own ({@link MairDecoder}, {@link Stage2MemAttrDecoder}), so a name never disagrees with
 * the rule that uses the encoding.
 */
public final class AttrNames {
    private AttrNames() {}

    /** The groups stage-1 MAIR bytes fall into, in the order a table lists them. */
    public enum MairGroup {
        DEVICE("Device"),
        NORMAL_NC("Normal non-cacheable"),
        NORMAL_WT("Normal write-through"),
        NORMAL_WB("Normal write-back"),
        TRANSIENT("Transient"),
        TAGGED("Tagged (MTE)"),
        MIXED("Mixed inner/outer"),
        UNPREDICTABLE("UNPREDICTABLE");

        private final String label;

        MairGroup(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "Device-nGnRE", "Normal WB RAWA", "Normal WT transient RA", "Normal iNC oWB RAWA", "UNPREDICTABLE". */
    public static String mair(int mair) {
        Decoded d = MairDecoder.decode(mair, true);
        if (d.isReserved()) {
            return "UNPREDICTABLE";
        }
        ArmMemAttrs a = d.attrs();
        String xs = a.xs0() ? " XS=0" : "";
        if (a.isDevice()) {
            return a.device().label() + xs;
        }
        if (a.tagged()) {
            return "Normal WB RAWA Tagged";
        }
        if (a.inner().equals(a.outer())) {
            return "Normal " + a.inner().describe() + xs;
        }
        return "Normal i" + a.inner().describe() + " o" + a.outer().describe() + xs;
    }

    public static MairGroup mairGroup(int mair) {
        Decoded d = MairDecoder.decode(mair, true);
        if (d.isReserved()) {
            return MairGroup.UNPREDICTABLE;
        }
        ArmMemAttrs a = d.attrs();
        if (a.isDevice()) {
            return MairGroup.DEVICE;
        }
        if (a.tagged()) {
            return MairGroup.TAGGED;
        }
        if (a.inner().attrs() != a.outer().attrs()) {
            return MairGroup.MIXED;
        }
        if (a.inner().transient_() || a.outer().transient_()) {
            return MairGroup.TRANSIENT;
        }
        return switch (a.inner().attrs()) {
            case NC -> MairGroup.NORMAL_NC;
            case WT -> MairGroup.NORMAL_WT;
            case WB -> MairGroup.NORMAL_WB;
        };
    }

    /**
     * What a stage-2 MemAttr[3:0] asks for on its own: without FWB S2DecodeMemAttrs ("Normal WB",
     * "Normal iWT oNC", "Device-nGnRE", "RESERVED"); with FWB the AArch64.S2ApplyFWBMemAttrs encodings
     * ("Force WB", "Use stage 1", "Normal NC", Device, and MemAttr[3] set: "RES0").
     */
    public static String memAttr(int memAttr, boolean fwb) {
        if (fwb) {
            if ((memAttr & 0b1000) != 0) {
                return "RES0 (MemAttr[3])";
            }
            return switch (memAttr) {
                case 0b100 -> "RESERVED";
                case 0b101 -> "Normal NC";
                case 0b110 -> "Force WB";
                case 0b111 -> "Use stage 1";
                default -> DeviceType.ofDd(memAttr).label();
            };
        }
        Decoded d = Stage2MemAttrDecoder.decode(memAttr);
        if (d.isReserved()) {
            return "RESERVED";
        }
        ArmMemAttrs a = d.attrs();
        if (a.isDevice()) {
            return a.device().label();
        }
        if (a.inner().attrs() == a.outer().attrs()) {
            return "Normal " + a.inner().attrs();
        }
        return "Normal i" + a.inner().attrs() + " o" + a.outer().attrs();
    }

    public static String bits(int memAttr) {
        return Stage2MemAttrDecoder.bits(memAttr);
    }

    public static String hex(int mair) {
        return String.format(Locale.ROOT, "0x%02x", mair);
    }

    /**
     * Cacheability of a combination result as {inner, outer} ranks: 0 Device or NC, 1 WT, 2 WB; null
     * for RESERVED. {@code result} is {@link Combined#result()} (a MAIR byte "0xff" or an x86 type "WB").
     */
    public static int[] ranks(String result) {
        if (result.startsWith("0x")) {
            Decoded d = MairDecoder.decode(Integer.parseInt(result.substring(2), 16), true);
            return d.isReserved() ? null : ranks(d.attrs());
        }
        if (result.equals("RESERVED")) {
            return null;
        }
        X86MemType t = X86Types.stage2Type(result);
        int r = x86Rank(t == null ? X86MemType.UC : t);
        return new int[] {r, r};
    }

    /**
     * The most cacheable result stage 2 lets through, as {inner, outer} ranks; null where it gives no
     * meaning. With FWB, 0b110 forces WB and 0b111 defers to stage 1 (no ceiling either).
     */
    public static int[] stage2Ceiling(int memAttr, boolean fwb) {
        if (!fwb) {
            Decoded d = Stage2MemAttrDecoder.decode(memAttr);
            return d.isReserved() ? null : ranks(d.attrs());
        }
        if ((memAttr & 0b1000) != 0 || memAttr == 0b100) {
            return null;
        }
        int r = memAttr < 0b100 || memAttr == 0b101 ? 0 : 2;
        return new int[] {r, r};
    }

    /** The ceiling an EPT or NPT memory type sets: its own cacheability. */
    public static int[] x86Ceiling(X86MemType type) {
        int r = x86Rank(type);
        return new int[] {r, r};
    }

    private static int x86Rank(X86MemType t) {
        return switch (t) {
            case WB -> 2;
            case WT, WP -> 1;
            case WC, UC, UC_MINUS -> 0;
        };
    }

    private static int[] ranks(ArmMemAttrs a) {
        if (a.isDevice()) {
            return new int[] {0, 0};
        }
        return new int[] {levelRank(a.inner()), levelRank(a.outer())};
    }

    private static int levelRank(NormalLevel l) {
        return switch (l.attrs()) {
            case NC -> 0;
            case WT -> 1;
            case WB -> 2;
        };
    }
}
