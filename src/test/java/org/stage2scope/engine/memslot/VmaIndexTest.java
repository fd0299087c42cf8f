package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Backing;
import org.stage2scope.model.MemType;
import org.stage2scope.model.Perms;
import org.stage2scope.model.Vma;

class VmaIndexTest {
    private static Vma vma(String name, long start, long size) {
        return new Vma(name, start, size, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(4096));
    }

    private final VmaIndex index = new VmaIndex(List.of(
            vma("top", 0xffffffffffff0000L, 0x10000),
            vma("b", 0x3000, 0x1000),
            vma("high", 0x8000000000000000L, 0x1000),
            vma("a", 0x1000, 0x1000)));

    @Test
    void findsTheVmaContainingStart() {
        assertEquals("a", index.firstIntersecting(0x1800, 0x1900).name());
    }

    @Test
    void skipsAHoleToTheNextVmaStartingBeforeEnd() {
        assertEquals("b", index.firstIntersecting(0x2000, 0x3001).name());
        assertNull(index.firstIntersecting(0x2000, 0x3000));
    }

    @Test
    void ordersAddressesAbove2To63Unsigned() {
        assertEquals("high", index.firstIntersecting(0x4000, 0x8000000000000800L).name());
        assertEquals("top", index.firstIntersecting(0xffffffffffff8000L, 0xffffffffffff9000L).name());
        assertNull(index.firstIntersecting(0x8000000000001000L, 0xffffffffffff0000L));
    }
}
