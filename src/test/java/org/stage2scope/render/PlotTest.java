package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A view's plot: gaps in view never wider than at fit, address ranges at one linear scale, and pixel ->
 * unit the inverse of unit -> pixel (the window zooms around what the pointer is over).
 */
class PlotTest {
    // 16 MiB, a 80 MiB gap, one 4 KiB page, a 880 MiB gap, 16 GiB: the default sample's low GPA space.
    private static final Axis AXIS = Axis.of(List.of(new Axis.Span(0x3000000L, 16L << 20), new Axis.Span(0x9000000L, 4096),
            new Axis.Span(0x40000000L, 16L << 30)));

    @Test
    void atFitThePlotIsTheLinearOne() {
        Plot p = Plot.of(View.ALL, 100, 1100, AXIS);
        for (double u = 0; u <= 1; u += 0.01) {
            assertEquals(100 + u * 1000, p.x(u), 1e-6);
        }
    }

    @Test
    void aZoomAcrossTwoGapsGivesTheWidthToTheRangesAtOneScale() {
        View v = new View(AXIS.toUnit(0x3000000L), AXIS.endUnit(0x40000000L, 256L << 20));
        Plot p = Plot.of(v, 100, 1100, AXIS);
        double cap = Axis.BREAK_SHARE * 1000;
        for (Axis.Break b : AXIS.breaks()) {
            double w = p.x(b.u1()) - p.x(b.u0());
            assertTrue(w <= cap + 1e-6, "a gap drawn " + w + " px wide, more than at fit (" + cap + ")");
        }
        // One scale: 256 MiB of RAM is 16 times 16 MiB of flash, to the pixel.
        double flash = p.x(AXIS.endUnit(0x3000000L, 16L << 20)) - p.x(AXIS.toUnit(0x3000000L));
        double ram = p.x(AXIS.endUnit(0x40000000L, 256L << 20)) - p.x(AXIS.toUnit(0x40000000L));
        assertEquals(16, ram / flash, 1e-6);
        assertTrue(ram > 800, "the RAM takes the plot: " + ram + " px");
        assertEquals(1100, p.x(v.u1()), 1e-6);
        // Beyond the view the same scale goes on (a band the view cuts reaches past the edge).
        double past = p.x(AXIS.endUnit(0x40000000L, 512L << 20));
        assertEquals(ram * 2, past - p.x(AXIS.toUnit(0x40000000L)), 1e-6);
    }

    @Test
    void pixelToUnitIsTheInverse() {
        View v = new View(AXIS.toUnit(0x3000000L), AXIS.endUnit(0x40000000L, 256L << 20));
        Plot p = Plot.of(v, 100, 1100, AXIS);
        for (double px = 50; px <= 1150; px += 7.5) {
            assertEquals(px, p.x(p.u(px)), 1e-6);
        }
    }
}
