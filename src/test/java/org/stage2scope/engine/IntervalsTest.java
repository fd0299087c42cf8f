package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    private static Intervals.Seg seg(long first, long last, int owner) {
        return new Intervals.Seg(first, last, owner);
    }

    @Test
    void flattenKeepsDisjointItemsAndSortsThemByUnsignedAddress() {
        List<Intervals.Seg> s = Intervals.flatten(new long[] {0x8000_0000_0000_0000L, 0x1000}, new long[] {0x8000_0000_0000_0fffL, 0x1fff},
                new int[] {0, 1});
        assertEquals(List.of(seg(0x1000, 0x1fff, 1), seg(0x8000_0000_0000_0000L, 0x8000_0000_0000_0fffL, 0)), s);
    }

    @Test
    void flattenGivesOverlapsToTheSmallestPriority() {
        // item 0 [0x0, 0x3fff] priority 1, item 1 [0x1000, 0x1fff] priority 0 wins its middle.
        List<Intervals.Seg> s = Intervals.flatten(new long[] {0, 0x1000}, new long[] {0x3fff, 0x1fff}, new int[] {1, 0});
        assertEquals(List.of(seg(0, 0xfff, 0), seg(0x1000, 0x1fff, 1), seg(0x2000, 0x3fff, 0)), s);
    }

    @Test
    void flattenMergesAdjacentPiecesOfTheSameOwner() {
        // item 1 lies wholly inside item 0 but loses: item 0 stays one segment.
        List<Intervals.Seg> s = Intervals.flatten(new long[] {0, 0x1000}, new long[] {0x3fff, 0x1fff}, new int[] {0, 1});
        assertEquals(List.of(seg(0, 0x3fff, 0)), s);
    }

    @Test
    void flattenHandlesAnItemEndingAtTwoToTheSixtyFour() {
        List<Intervals.Seg> s = Intervals.flatten(new long[] {-0x2000L, -0x1000L}, new long[] {-1L, -1L}, new int[] {1, 0});
        assertEquals(List.of(seg(-0x2000L, -0x1001L, 0), seg(-0x1000L, -1L, 1)), s);
        assertEquals(0x1000, s.get(1).size());
    }

    @Test
    void coverReportsHolesWithOwnerMinusOne() {
        List<Intervals.Seg> segs = List.of(seg(0x1000, 0x1fff, 0), seg(0x3000, 0x3fff, 1));
        assertEquals(List.of(seg(0x800, 0xfff, -1), seg(0x1000, 0x1fff, 0), seg(0x2000, 0x2fff, -1), seg(0x3000, 0x37ff, 1)),
                Intervals.cover(segs, 0x800, 0x37ff));
        assertEquals(List.of(seg(0x4000, 0x4fff, -1)), Intervals.cover(segs, 0x4000, 0x4fff));
        assertEquals(List.of(seg(0x1800, 0x18ff, 0)), Intervals.cover(segs, 0x1800, 0x18ff));
    }

    @Test
    void coverWorksUpToTheLastByte() {
        List<Intervals.Seg> segs = List.of(seg(-0x1000L, -1L, 0));
        assertEquals(List.of(seg(-0x3000L, -0x1001L, -1), seg(-0x1000L, -1L, 0)), Intervals.cover(segs, -0x3000L, -1L));
    }

    @Test
    void firstEndingAtOrAfterUsesUnsignedOrder() {
        List<Intervals.Seg> segs = List.of(seg(0x1000, 0x1fff, 0), seg(0x8000_0000_0000_0000L, 0x8000_0000_0000_0fffL, 1));
        assertEquals(1, Intervals.firstEndingAtOrAfter(segs, 0x2000));
        assertEquals(2, Intervals.firstEndingAtOrAfter(segs, -1L));
        assertEquals(0, Intervals.firstEndingAtOrAfter(segs, 0));
    }
}
