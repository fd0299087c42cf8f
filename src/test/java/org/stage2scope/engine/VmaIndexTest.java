package org.stage2scope.engine;

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

    private String at(long hva) {
        int i = index.lookup(hva);
        return i < 0 ? null : index.vma(i).name();
    }

    @Test
    void findsTheVmaContainingAnHva() {
        assertEquals("a", at(0x1800));
        assertNull(at(0x2000));
    }

    @Test
    void coverSplitsARangeIntoVmasAndHoles() {
        List<Intervals.Seg> parts = index.cover(0x1800, 0x37ff);
        assertEquals(3, parts.size());
        assertEquals("a", index.vma(parts.get(0).owner()).name());
        assertEquals(-1, parts.get(1).owner());
        assertEquals(0x2000, parts.get(1).first());
        assertEquals("b", index.vma(parts.get(2).owner()).name());
    }

    @Test
    void ordersAddressesAbove2To63Unsigned() {
        assertEquals("high", at(0x8000000000000800L));
        assertEquals("top", at(0xffffffffffff8000L));
        assertNull(at(0x8000000000001000L));
    }

    @Test
    void overlappingVmasResolveToTheFirstListedAndSayWhy() {
        VmaIndex overlapping = new VmaIndex(List.of(vma("first", 0x1000, 0x3000), vma("second", 0x2000, 0x3000)));
        assertEquals("first", overlapping.vma(overlapping.lookup(0x3800)).name());
        assertEquals("second", overlapping.vma(overlapping.lookup(0x4000)).name());
        assertEquals(1, overlapping.findings().size());
    }
}
