package org.stage2scope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class U64Test {

    @Test
    void addressesAbove2To63CompareAsUnsigned() {
        long high = 0x8000000000000000L;
        assertTrue(U64.lt(0x7fffffffffffffffL, high));
        assertTrue(U64.lt(high, -1L));
        assertEquals(high, U64.max(1, high));
        assertEquals(1, U64.min(1, high));
    }

    @Test
    void parseAddressAcceptsFullUnsignedRangeAndRefusesAbove() {
        assertEquals(-1L, U64.parseAddress("0xffffffffffffffff"));
        assertEquals(-1L, U64.parseAddress("18446744073709551615"));
        assertEquals(0x40000000L, U64.parseAddress("0x0000000040000000"));
        var e = assertThrows(NumberFormatException.class, () -> U64.parseAddress("0x10000000000000000"));
        assertTrue(e.getMessage().contains("above 2^64 - 1"), e.getMessage());
        assertThrows(NumberFormatException.class, () -> U64.parseAddress("18446744073709551616"));
        assertTrue(assertThrows(NumberFormatException.class, () -> U64.parseAddress("-1")).getMessage().contains("sign"));
        assertTrue(assertThrows(NumberFormatException.class, () -> U64.parseAddress("0xzz")).getMessage().contains("not hex"));
        assertThrows(NumberFormatException.class, () -> U64.parseAddress(""));
    }

    @Test
    void parseSizeUnderstandsBinarySuffixesAndRefusesOverflow() {
        assertEquals(4L << 30, U64.parseSize("4G"));
        assertEquals(2L << 20, U64.parseSize("2M"));
        assertEquals(2L << 20, U64.parseSize("2MiB"));
        assertEquals(1536L << 10, U64.parseSize("1536K"));
        assertEquals(1L << 40, U64.parseSize("1T"));
        assertEquals(0x200000L, U64.parseSize("0x200000"));
        assertEquals(4096, U64.parseSize("4096"));
        assertEquals(Long.MIN_VALUE, U64.parseSize("8E"));
        assertThrows(NumberFormatException.class, () -> U64.parseSize("16E"));
        assertThrows(NumberFormatException.class, () -> U64.parseSize("4X"));
        assertThrows(NumberFormatException.class, () -> U64.parseSize("G"));
    }

    @Test
    void sizeFormatsWithLargestExactUnitAndRoundTrips() {
        assertEquals("4G", U64.size(4L << 30));
        assertEquals("1536K", U64.size(1536L << 10));
        assertEquals("0x1001", U64.size(0x1001));
        assertEquals("8E", U64.size(Long.MIN_VALUE));
        for (long v : new long[] {4096, 3L << 21, 1L << 63, -4096L, 12345}) {
            assertEquals(v, U64.parseSize(U64.size(v)), U64.size(v));
        }
    }

    @Test
    void humanSizesAreReadable() {
        assertEquals("4 GiB", U64.human(4L << 30));
        assertEquals("1.5 GiB", U64.human(3L << 29));
        assertEquals("16 EiB", U64.human(-1L).replace("16.0", "16"));
    }

    @Test
    void fitsDetectsWrapAndAllowsEndingExactlyAt2To64() {
        assertTrue(U64.fits(0xfffffffffffff000L, 0x1000));
        assertFalse(U64.fits(0xfffffffffffff000L, 0x2000));
        assertTrue(U64.fits(0, -1L));
        assertTrue(U64.fits(1, -1L), "1 + (2^64 - 1) ends exactly at 2^64");
        assertFalse(U64.fits(2, -1L));
        assertTrue(U64.fits(-1L, 0));
        assertTrue(U64.addOverflows(-1L, 1));
        assertFalse(U64.addOverflows(0x7fffffffffffffffL, 1));
    }

    @Test
    void alignMirrorsKernelMacros() {
        long g = 1L << 30;
        assertEquals(0x40000000L, U64.alignDown(0x7fffffffL, g));
        assertEquals(0x80000000L, U64.alignUp(0x40000001L, g));
        assertEquals(0x40000000L, U64.alignUp(0x40000000L, g), "ALIGN of an aligned value is the value itself");
        assertEquals(0, U64.alignUp(0xffffffffc0000001L, g), "ALIGN wraps to 0 at the top like the C macro");
        assertTrue(U64.isAligned(0xffffffffc0000000L, g));
        assertFalse(U64.isAligned(0xffffffffc0001000L, g));
    }
}
