package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;
import org.stage2scope.engine.grid.ScenarioCells;

class GridLayoutTest {

    @Test
    void everyCellsNamedResultAndMarkersAreInThePicture() {
        MemtypeGrid g = MemtypeGrid.arm64(false, false, Set.of());
        Scene s = GridLayout.scene(g, Set.of(), Theme.light());
        List<String> texts = s.texts();
        // Device-nGnRE over stage-2 WB: stays Device, and is less cacheable than stage 2 allows.
        assertTrue(texts.contains("Device-nGnRE"), texts.toString());
        assertTrue(texts.contains("Normal-WB"));
        assertTrue(texts.contains("0xff"));
        long less = g.cells().stream().filter(GridCell::lessCacheable).count();
        long lessMarked = texts.stream().filter(t -> t.contains(GridLayout.LESS)).count();
        // Every less-cacheable cell carries the marker, plus the legend line explaining it.
        assertEquals(less + 1, lessMarked);
        long dashed = s.prims().stream().filter(p -> p instanceof Scene.Rect r && r.dashed()).count();
        assertEquals(less, dashed, "one dashed outline per less-cacheable cell: not colour alone");
        assertTrue(texts.contains("KVM: RAM, cacheable PFNMAP"));
    }

    @Test
    void columnsAreWideEnoughForTheirTextInThePaintersFont() {
        MemtypeGrid g = MemtypeGrid.arm64(true, false, Set.of());
        Scene s = GridLayout.scene(g, Set.of(new ScenarioCells.Key("0x04", "0b0110")), Theme.light());
        assertTrue(s.texts().contains("0xff " + GridLayout.CHANGED + " " + GridLayout.SCENARIO), s.texts().toString());
        // No text runs past the picture's right edge, measured as the PNG painter measures it.
        for (Scene.Prim p : s.prims()) {
            if (p instanceof Scene.Text t) {
                double right = t.x() + GridLayout.width(t.text(), t.size(), t.bold());
                assertTrue(right <= s.width(), t.text() + " ends at " + right + " > " + s.width());
            }
        }
    }

    @Test
    void svgAndPngAreWritten() throws Exception {
        Scene s = GridLayout.scene(MemtypeGrid.intel(false), Set.of(), Theme.light());
        String svg = SvgPainter.paint(s);
        assertTrue(svg.contains(">KVM: MMIO (kvm_is_mmio_pfn)</text>"), svg);
        Path dir = Files.createDirectories(Path.of("target", "grid"));
        PngPainter.write(s, 1, dir.resolve("intel.png"));
        PngPainter.write(GridLayout.scene(MemtypeGrid.arm64(false, false, Set.of()), Set.of(), Theme.light()), 1, dir.resolve("arm64.png"));
        assertTrue(Files.size(dir.resolve("intel.png")) > 1000);
    }
}
