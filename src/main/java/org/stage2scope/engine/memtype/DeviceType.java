package org.stage2scope.engine.memtype;

/**
 * arm64 Device memory types, strongest first; {@code dd} is the 2-bit encoding shared by MAIR
 * (Attr[3:2]) and the stage-2 MemAttr[1:0], so the stronger of two is the one with the smaller dd.
 */
enum DeviceType {
    nGnRnE,
    nGnRE,
    nGRE,
    GRE;

    static DeviceType ofDd(int dd) {
        return values()[dd & 0b11];
    }

    int dd() {
        return ordinal();
    }

    /** S2CombineS1Device: the combination of two Device types is the stronger one. */
    static DeviceType stronger(DeviceType a, DeviceType b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    String label() {
        return "Device-" + name();
    }
}
