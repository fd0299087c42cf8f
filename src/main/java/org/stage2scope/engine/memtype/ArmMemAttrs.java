package org.stage2scope.engine.memtype;

import java.util.Locale;
import org.stage2scope.engine.MemClass;

/**
 * Decoded arm64 memory attributes, the Arm ARM's MemoryAttributes without shareability: Device with
 * its type, or Normal with inner and outer levels and the MTE tag. {@code xs0} marks the FEAT_XS
 * encodings (Device 0b0000dd01, 0x40, 0xa0) so that an attribute passed through unchanged keeps its byte.
 */
record ArmMemAttrs(DeviceType device, NormalLevel inner, NormalLevel outer, boolean tagged, boolean xs0) {

    ArmMemAttrs {
        if ((device == null) == (inner == null || outer == null)) {
            throw new IllegalArgumentException("either a Device type or both Normal levels");
        }
        if (tagged && !(inner.equals(NormalLevel.WB_RAWA) && outer.equals(NormalLevel.WB_RAWA))) {
            throw new IllegalArgumentException("only Normal WB RAWA non-transient in both levels can be tagged");
        }
    }

    static ArmMemAttrs device(DeviceType type) {
        return new ArmMemAttrs(type, null, null, false, false);
    }

    static ArmMemAttrs normal(NormalLevel inner, NormalLevel outer) {
        return new ArmMemAttrs(null, inner, outer, false, false);
    }

    static final ArmMemAttrs NORMAL_NC = normal(NormalLevel.NC, NormalLevel.NC);
    static final ArmMemAttrs NORMAL_WB_RAWA = normal(NormalLevel.WB_RAWA, NormalLevel.WB_RAWA);

    boolean isDevice() {
        return device != null;
    }

    /** The MAIR byte a guest would program for exactly these attributes. */
    int mairByte() {
        if (isDevice()) {
            return device.dd() << 2 | (xs0 ? 0b01 : 0b00);
        }
        if (tagged) {
            return 0xf0;
        }
        if (xs0 && inner.attrs() == Cacheability.NC && outer.attrs() == Cacheability.NC) {
            return 0x40;
        }
        if (xs0 && inner.equals(WT_RA) && outer.equals(WT_RA)) {
            return 0xa0;
        }
        return outer.nibble() << 4 | inner.nibble();
    }

    private static final NormalLevel WT_RA = new NormalLevel(Cacheability.WT, true, false, false);

    String mairHex() {
        return String.format(Locale.ROOT, "0x%02x", mairByte());
    }

    /** "Device-nGnRE", "Normal-WB", "Normal iWT oWB", "Normal-WB (Tagged)". */
    String name() {
        String base;
        if (isDevice()) {
            base = device.label();
        } else if (inner.attrs() == outer.attrs()) {
            base = "Normal-" + inner.attrs();
        } else {
            base = "Normal i" + inner.attrs() + " o" + outer.attrs();
        }
        if (tagged) {
            base += " (Tagged)";
        }
        return xs0 ? base + " (XS=0)" : base;
    }

    /** Both levels with their hints, for reasons: "inner WB RAWA, outer NC". */
    String describe() {
        if (isDevice()) {
            return name();
        }
        return "inner " + inner.describe() + ", outer " + outer.describe() + (tagged ? ", tagged" : "");
    }

    /** The least cacheable level decides the class, so a class never promises more than one level gives. */
    MemClass memClass() {
        if (isDevice()) {
            return MemClass.DEVICE;
        }
        return switch (Cacheability.leastCacheable(inner.attrs(), outer.attrs())) {
            case NC -> MemClass.NON_CACHEABLE;
            case WT -> MemClass.WRITE_THROUGH;
            case WB -> MemClass.WRITE_BACK;
        };
    }

    /** The same attributes in their canonical (XS=1 where applicable) encoding. */
    ArmMemAttrs withoutXs() {
        return new ArmMemAttrs(device, inner, outer, tagged, false);
    }
}
