package org.stage2scope.engine.memtype;

/**
 * One level (inner or outer) of arm64 Normal memory as the Arm ARM's MemAttrHints: cacheability,
 * read/write-allocate hints and transience. Non-cacheable levels carry no hints.
 */
record NormalLevel(Cacheability attrs, boolean readAllocate, boolean writeAllocate, boolean transient_) {

    static final NormalLevel NC = new NormalLevel(Cacheability.NC, false, false, false);
    static final NormalLevel WB_RAWA = new NormalLevel(Cacheability.WB, true, true, false);

    NormalLevel {
        if (attrs == Cacheability.NC && (readAllocate || writeAllocate || transient_)) {
            throw new IllegalArgumentException("a non-cacheable level has no allocation hints");
        }
        if (transient_ && !readAllocate && !writeAllocate) {
            throw new IllegalArgumentException("transient encodings need RW != 00 (0b0000 and 0b0100 mean something else)");
        }
    }

    /**
     * Decodes a MAIR nibble (MAIR_ELx.Attr oooo / iiii): 0b00RW WT transient, 0b0100 NC, 0b01RW WB
     * transient, 0b10RW WT, 0b11RW WB. 0b0000 is not a Normal level; the caller handles it.
     */
    static NormalLevel ofNibble(int nibble) {
        boolean r = (nibble & 0b10) != 0;
        boolean w = (nibble & 0b01) != 0;
        return switch (nibble >> 2) {
            case 0b00 -> {
                if (!r && !w) {
                    throw new IllegalArgumentException("0b0000 is not a Normal memory nibble");
                }
                yield new NormalLevel(Cacheability.WT, r, w, true);
            }
            case 0b01 -> (r || w) ? new NormalLevel(Cacheability.WB, r, w, true) : NC;
            case 0b10 -> new NormalLevel(Cacheability.WT, r, w, false);
            default -> new NormalLevel(Cacheability.WB, r, w, false);
        };
    }

    int nibble() {
        if (attrs == Cacheability.NC) {
            return 0b0100;
        }
        int rw = (readAllocate ? 0b10 : 0) | (writeAllocate ? 0b01 : 0);
        int type = switch (attrs) {
            case WT -> transient_ ? 0b00 : 0b10;
            case WB -> transient_ ? 0b01 : 0b11;
            default -> throw new IllegalStateException();
        };
        return type << 2 | rw;
    }

    /** "WB RAWA", "WT transient RA", "WB no-allocate", "NC". */
    String describe() {
        if (attrs == Cacheability.NC) {
            return "NC";
        }
        String hints = readAllocate && writeAllocate ? "RAWA"
                : readAllocate ? "RA" : writeAllocate ? "WA" : "no-allocate";
        return attrs + (transient_ ? " transient " : " ") + hints;
    }
}
