package org.stage2scope.engine;

/**
 * The cacheability class of a memory type, shared by arm64 and x86 so views can group and colour
 * results without knowing encodings. The engine decides the class; views decide the colour.
 * For arm64 Normal memory with different inner and outer policies, the least cacheable level
 * decides (inner WT + outer WB is WRITE_THROUGH), so a class never overstates cacheability.
 */
public enum MemClass {
    /** arm64 Normal write-back in both levels, x86 WB. */
    WRITE_BACK,
    /** arm64 Normal write-through, x86 WT and WP. */
    WRITE_THROUGH,
    /** arm64 Normal non-cacheable, x86 WC. */
    NON_CACHEABLE,
    /** arm64 Device-*, x86 UC and UC-. */
    DEVICE,
    /** An encoding the architecture reserves or leaves UNPREDICTABLE. */
    RESERVED
}
