package org.stage2scope.engine.memtype;

import org.stage2scope.model.X86MemType;

/**
 * The Intel SDM's effective page-level memory type for a PAT type under an MTRR type. With EPT and
 * IPAT = 0 the EPT memory type takes the MTRR's place; the AMD NPT model reuses it for the host type.
 */
final class PatMtrrTable {
    private PatMtrrTable() {}

    private static final X86MemType UC = X86MemType.UC;
    private static final X86MemType WC = X86MemType.WC;
    private static final X86MemType WT = X86MemType.WT;
    private static final X86MemType WP = X86MemType.WP;
    private static final X86MemType WB = X86MemType.WB;

    /** Columns in the order UC, UC-, WC, WT, WP, WB (guest PAT type). */
    private static final X86MemType[] PAT_ORDER = {UC, X86MemType.UC_MINUS, WC, WT, WP, WB};

    /** Rows in the order UC, WC, WT, WP, WB (MTRR or EPT type). */
    private static final X86MemType[][] TABLE = {
            /* UC */ {UC, UC, WC, UC, UC, UC},
            /* WC */ {UC, WC, WC, UC, UC, WC},
            /* WT */ {UC, UC, WC, WT, WP, WT},
            /* WP */ {UC, WC, WC, WT, WP, WP},
            /* WB */ {UC, UC, WC, WT, WP, WB},
    };

    /** @param rowType an MTRR/EPT type (never UC-, which is PAT-only) */
    static X86MemType effective(X86MemType rowType, X86MemType pat) {
        int row = switch (rowType) {
            case UC -> 0;
            case WC -> 1;
            case WT -> 2;
            case WP -> 3;
            case WB -> 4;
            case UC_MINUS -> throw new IllegalArgumentException("UC- is a PAT type only, not an MTRR/EPT type");
        };
        for (int col = 0; col < PAT_ORDER.length; col++) {
            if (PAT_ORDER[col] == pat) {
                return TABLE[row][col];
            }
        }
        throw new IllegalArgumentException("unknown PAT type " + pat);
    }
}
