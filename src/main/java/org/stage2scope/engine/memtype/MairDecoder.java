package org.stage2scope.engine.memtype;

import java.util.Locale;

/**
 * Decodes a stage-1 MAIR_ELx.Attr&lt;n&gt; byte as the Arm ARM's MAIR_EL1 field description does.
 * The FEAT_XS forms (0b0000dd01, 0x40, 0xa0) are accepted: FEAT_XS is mandatory from Armv8.7.
 */
final class MairDecoder {
    private MairDecoder() {}

    /**
     * @param mte whether the host has FEAT_MTE2; without it 0xf0 is UNPREDICTABLE (Linux then
     *            programs 0xff for MT_NORMAL_TAGGED instead)
     */
    static Decoded decode(int mair, boolean mte) {
        if (mair < 0 || mair > 0xff) {
            throw new IllegalArgumentException("a MAIR attribute is one byte (0x00..0xff), got " + mair);
        }
        int outer = mair >> 4;
        int inner = mair & 0xf;
        String hex = String.format(Locale.ROOT, "0x%02x", mair);
        if (outer == 0) {
            int low = inner & 0b11;
            if (low == 0b00) {
                return Decoded.of(ArmMemAttrs.device(DeviceType.ofDd(inner >> 2)));
            }
            if (low == 0b01) {
                ArmMemAttrs d = ArmMemAttrs.device(DeviceType.ofDd(inner >> 2));
                return Decoded.of(new ArmMemAttrs(d.device(), null, null, false, true));
            }
            return Decoded.reserved("MAIR " + hex + " is 0b0000dd1x: UNPREDICTABLE (Arm ARM MAIR_ELx.Attr)");
        }
        if (inner == 0) {
            return switch (mair) {
                case 0x40 -> Decoded.of(new ArmMemAttrs(null, NormalLevel.NC, NormalLevel.NC, false, true));
                case 0xa0 -> {
                    NormalLevel wtRa = new NormalLevel(Cacheability.WT, true, false, false);
                    yield Decoded.of(new ArmMemAttrs(null, wtRa, wtRa, false, true));
                }
                case 0xf0 -> mte
                        ? Decoded.of(new ArmMemAttrs(null, NormalLevel.WB_RAWA, NormalLevel.WB_RAWA, true, false))
                        : Decoded.reserved("MAIR 0xf0 is Tagged Normal only with FEAT_MTE2; without it UNPREDICTABLE (Linux programs 0xff for MT_NORMAL_TAGGED then)");
                default -> Decoded.reserved("MAIR " + hex + " is 0bxxxx0000 with xxxx not 0000, 0100, 1010 or 1111: UNPREDICTABLE (Arm ARM MAIR_ELx.Attr)");
            };
        }
        return Decoded.of(ArmMemAttrs.normal(NormalLevel.ofNibble(inner), NormalLevel.ofNibble(outer)));
    }
}
