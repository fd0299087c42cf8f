package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void farApartRangesGetOneBreakLabelledWithTheGapSize() {
        Axis a = Axis.of(List.of(new Axis.Span(0x40000000L, 1L << 30), new Axis.Span(0x40000000000L, 96L << 30)));
        assertEquals(2, a.segments().size());
        assertEquals(1, a.breaks().size());
        Axis.Break b = a.breaks().get(0);
        assertEquals(0x80000000L, b.first());
        assertEquals(0x40000000000L - 1, b.last());
        assertEquals(0.0, a.segments().get(0).u0());
        assertEquals(1.0, a.segments().get(1).u1(), 1e-12);
    }

    @Test
    void adjacentAndOverlappingRangesStayOneSegmentWithoutBreaks() {
        Axis a = Axis.of(List.of(new Axis.Span(0x1000, 0x1000), new Axis.Span(0x2000, 0x1000), new Axis.Span(0x2800, 0x1000)));
        assertEquals(1, a.segments().size());
        assertEquals(0, a.breaks().size());
        assertEquals(0x1000, a.segments().get(0).first());
        assertEquals(0x37ff, a.segments().get(0).last());
        // Linear inside the segment [0x1000, 0x37ff]: 0x2400 is half way.
        assertEquals(0.5, a.toUnit(0x2400), 1e-9);
    }

    @Test
    void oneLinearScaleAcrossSegments() {
        // 95 GiB of GPU memory, 16 GiB of RAM and a lone 64 MiB flash far away: every byte gets the same
        // width wherever it is, so 16 GiB is exactly 16/95 of 95 GiB and 64 MiB is 1/256 of 16 GiB.
        long gpu = 0xffe000000000L;
        long ram = 0xfff800000000L;
        long flash = 0xffffa0000000L;
        Axis a = Axis.of(List.of(new Axis.Span(gpu, 95L << 30), new Axis.Span(ram, 16L << 30), new Axis.Span(flash, 64L << 20)));
        assertEquals(2, a.segments().size());
        double ramWidth = a.endUnit(ram, 16L << 30) - a.toUnit(ram);
        double gpuWidth = a.endUnit(gpu, 95L << 30) - a.toUnit(gpu);
        double flashWidth = a.endUnit(flash, 64L << 20) - a.toUnit(flash);
        assertEquals(16.0 / 95, ramWidth / gpuWidth, 1e-9);
        assertEquals(1.0 / 256, flashWidth / ramWidth, 1e-9);
        assertEquals(Axis.BREAK_SHARE, a.breaks().get(0).u1() - a.breaks().get(0).u0(), 1e-12);
        assertEquals(ram, a.toAddress(a.toUnit(ram)));
    }

    @Test
    void smallGapInsideLargeNeighboursIsNotCollapsed() {
        // A 4 KiB hole between two 1 GiB slots is far below a sixteenth of either: one segment.
        Axis a = Axis.of(List.of(new Axis.Span(0, 1L << 30), new Axis.Span((1L << 30) + 4096, 1L << 30)));
        assertEquals(1, a.segments().size());
    }

    @Test
    void addressesAboveTwoToTheSixtyThreeSortAfterLowOnes() {
        long high = 0xffffffffffe00000L; // 2 MiB below 2^64
        Axis a = Axis.of(List.of(new Axis.Span(high, 2L << 20), new Axis.Span(0x1000, 0x1000)));
        assertEquals(2, a.segments().size());
        assertEquals(0x1000, a.segments().get(0).first());
        assertEquals(high, a.segments().get(1).first());
        assertEquals(-1L, a.segments().get(1).last());
        assertTrue(a.toUnit(0x1000) < a.toUnit(high));
        assertEquals(1.0, a.endUnit(high, 2L << 20), 1e-12, "a range ending exactly at 2^64 ends at the right edge");
        assertEquals(0x2000, a.breaks().get(0).first());
        assertEquals(high - 1, a.breaks().get(0).last());
    }

    @Test
    void positionsAreMonotonicAcrossSegmentsAndBreaks() {
        Axis a = Axis.of(List.of(new Axis.Span(0x1000, 0x1000), new Axis.Span(0x8000_0000L, 0x1000_0000L),
                new Axis.Span(0x8000_0000_0000_0000L, 1L << 40)));
        long[] probes = {0x1000, 0x1800, 0x10000, 0x8000_0000L, 0x8800_0000L, 0x7fff_ff00_0000_0000L,
                0x8000_0000_0000_0000L, 0x8000_0080_0000_0000L};
        double prev = -1;
        for (long p : probes) {
            double u = a.toUnit(p);
            assertTrue(u > prev, "toUnit must grow with the unsigned address at " + Long.toHexString(p));
            prev = u;
        }
        assertEquals(0x8000_0000_0000_0000L, a.toAddress(a.toUnit(0x8000_0000_0000_0000L)));
    }

    @Test
    void rangeWrappingPastTwoToTheSixtyFourIsClippedAtTheTop() {
        Axis a = Axis.of(List.<Axis.Span>of(new Axis.Span(0xfffffffffffff000L, 0x2000)));
        assertEquals(-1L, a.segments().get(0).last());
    }
}
