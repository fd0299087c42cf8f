package org.stage2scope.engine.memtype;

/**
 * Decodes the stage-2 descriptor's MemAttr[3:0] when HCR_EL2.FWB is 0 (Arm ARM S2DecodeMemAttrs):
 * [3:2] == 00 is Device with type [1:0]; otherwise outer [3:2] and inner [1:0], each 01 NC, 10 WT,
 * 11 WB. Stage 2 has no allocation hints; its cacheable levels are recorded as RAWA non-transient
 * only to have a value, S2CombineS1AttrHints always takes the hints from stage 1.
 */
final class Stage2MemAttrDecoder {
    private Stage2MemAttrDecoder() {}

    static Decoded decode(int memAttr) {
        if (memAttr < 0 || memAttr > 0xf) {
            throw new IllegalArgumentException("MemAttr is 4 bits (0b0000..0b1111), got " + memAttr);
        }
        int outer = memAttr >> 2;
        int inner = memAttr & 0b11;
        if (outer == 0b00) {
            return Decoded.of(ArmMemAttrs.device(DeviceType.ofDd(inner)));
        }
        if (inner == 0b00) {
            return Decoded.reserved("stage-2 MemAttr " + bits(memAttr)
                    + " has MemAttr[1:0] = 00 with MemAttr[3:2] != 00: UNPREDICTABLE (Arm ARM S2DecodeMemAttrs)");
        }
        return Decoded.of(ArmMemAttrs.normal(level(inner), level(outer)));
    }

    private static NormalLevel level(int two) {
        return switch (two) {
            case 0b01 -> NormalLevel.NC;
            case 0b10 -> new NormalLevel(Cacheability.WT, true, true, false);
            default -> NormalLevel.WB_RAWA;
        };
    }

    static String bits(int memAttr) {
        String b = Integer.toBinaryString(memAttr);
        return "0b" + "0000".substring(b.length()) + b;
    }
}
