package org.stage2scope.engine.memtype;

/**
 * The cacheability of one level (inner or outer) of arm64 Normal memory, least cacheable first so
 * that the ordinal order is the order S2CombineS1AttrHints resolves by (NC beats WT beats WB).
 */
enum Cacheability {
    NC,
    WT,
    WB;

    static Cacheability leastCacheable(Cacheability a, Cacheability b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
