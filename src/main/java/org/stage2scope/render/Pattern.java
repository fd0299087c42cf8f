package org.stage2scope.render;

/**
 * A fill pattern drawn over a band's colour, so no two states are told apart by hue alone
 * (colour-blind viewers, grey-scale projectors, printed hand-outs).
 */
public enum Pattern {
    NONE,
    /** Diagonal lines: EFAULT, refused or unmapped. */
    HATCH,
    /** Vertical stripes: Device memory. */
    STRIPES,
    /** Dots: Normal non-cacheable. */
    DOTS,
    /** Crossed diagonals: SIGBUS and reserved encodings. */
    CROSS
}
