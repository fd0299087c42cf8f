package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Ref;

class LayoutTest {

    private static List<Scene.Hit> lane(Scene s, String lane) {
        return s.hits().stream().filter(h -> h.lane().equals(lane)).collect(Collectors.toList());
    }

    @Test
    void stageTwoLaneShowsOneBandPerRunWithTheOutcomeStyle() {
        Scene s = Picture.of(Fixtures.evaluation(false));
        List<Scene.Hit> s2 = lane(s, Layout.LANE_S2);
        assertEquals(List.of(Style.DEVICE, Style.WRITE_BACK, Style.SIGBUS, Style.WRITE_BACK),
                s2.stream().map(Scene.Hit::style).collect(Collectors.toList()));
        assertTrue(s2.get(3).tooltip().contains("GPA 0x40000000000 - 0x417ffffffff"), s2.get(3).tooltip());
        assertTrue(s2.get(3).tooltip().contains("2 MiB blocks"));
    }

    @Test
    void refusedMemslotCallIsDrawnAsAGhostConnector() {
        Scene s = Picture.of(Fixtures.evaluation(true));
        Map<Ref, Style> slots = lane(s, Layout.LANE_SLOT).stream()
                .collect(Collectors.toMap(Scene.Hit::ref, Scene.Hit::style, (a, b) -> a));
        assertEquals(Style.SLOT_REFUSED, slots.get(new Ref.MemslotCall(1)));
        assertEquals(Style.SLOT_OK, slots.get(new Ref.MemslotCall(0)));
        assertTrue(s.texts().contains("slot 1 (gpu): EINVAL"), s.texts().toString());
    }

    @Test
    void exportCarriesCaptionWithScenarioPolicyAndFeatures() {
        List<String> texts = Picture.of(Fixtures.evaluation(false)).texts();
        assertEquals("grace-hopper-fwb", texts.get(0));
        assertEquals("arm64, 4K pages, features: DIC FWB IDC  |  policy upstream", texts.get(1));
    }

    @Test
    void gapBetweenClustersIsLabelledWithItsSize() {
        List<String> texts = Picture.of(Fixtures.evaluation(false)).texts();
        assertTrue(texts.contains("gap 4.0 TiB"), texts.toString());
    }

    @Test
    void subPixelRunsMergeAndTheMostSevereStyleWins() {
        Layout l = Layout.of(Fixtures.stress(32767));
        Scene s = l.scene(1200, 500, View.ALL, Theme.light(), Layout.Options.WINDOW);
        List<Scene.Hit> s2 = lane(s, Layout.LANE_S2);
        assertTrue(s2.size() < 2000, "32767 runs on ~1000 px must merge, got " + s2.size());
        assertTrue(s2.size() > 100);
        assertTrue(s2.stream().anyMatch(h -> h.style() == Style.EFAULT), "EFAULT runs (every 97th) must stay visible");
        assertTrue(s2.stream().allMatch(h -> h.style() != Style.WRITE_BACK || !h.tooltip().contains("runs narrower")));
    }

    @Test
    void zoomingInShowsSeparateRunsAgain() {
        Layout l = Layout.of(Fixtures.stress(32767));
        View v = new View(0.5, 0.5 + 20.0 / 32767);
        Scene s = l.scene(1200, 500, v, Theme.light(), Layout.Options.WINDOW);
        List<Scene.Hit> s2 = lane(s, Layout.LANE_S2);
        assertTrue(s2.size() >= 19 && s2.size() <= 22, "about 20 runs visible, got " + s2.size());
        assertTrue(s2.stream().noneMatch(h -> h.tooltip().contains("runs narrower")));
        assertTrue(s2.stream().anyMatch(h -> h.style() == Style.NON_CACHEABLE));
    }

    @Test
    void noTwoLabelsOverlapMeasuredWithThePaintersFont() {
        for (View v : List.of(View.ALL, new View(0.3, 0.6), new View(0.0, 0.05))) {
            Scene s = Layout.of(Fixtures.evaluation(false)).scene(900, 500, v, Theme.light(), Layout.Options.WINDOW);
            List<double[]> boxes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < s.prims().size(); i++) {
                if (s.prims().get(i) instanceof Scene.Text t && s.meta(i).cls() != null) {
                    boxes.add(TextMetrics.box(t));
                    names.add(t.text());
                }
            }
            assertTrue(boxes.size() > 5, "labels drawn: " + names);
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    double[] a = boxes.get(i);
                    double[] b = boxes.get(j);
                    assertFalse(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3],
                            "\"" + names.get(i) + "\" overlaps \"" + names.get(j) + "\" at " + v);
                }
            }
        }
    }

    @Test
    void nothingOutsideTheViewIsEmitted() {
        Layout l = Layout.of(Fixtures.stress(32767));
        Scene s = l.scene(1200, 500, new View(0.9, 0.9 + 1e-4), Theme.light(), Layout.Options.WINDOW);
        assertTrue(s.prims().size() < 400, "only visible prims, got " + s.prims().size());
    }

    @Test
    void zoomToSelectionFramesTheSelectedSlot() {
        Layout l = Layout.of(Fixtures.evaluation(false));
        View v = l.frame(new Ref.MemslotCall(2)).view();
        double a = l.gpaAxis().toUnit(0x10000000L);
        double b = l.gpaAxis().endUnit(0x10000000L, 16L << 20);
        assertTrue(v.u0() <= a && v.u1() >= b);
        assertTrue(v.span() < 0.5);
        assertFalse(v.equals(View.ALL));
    }

    @Test
    void blockTicksAppearOnlyWhenBlocksAreWideEnough() {
        Layout l = Layout.of(Fixtures.evaluation(false));
        Scene all = l.scene(1400, 500, View.ALL, Theme.light(), Layout.Options.WINDOW);
        long ticksAll = java.util.stream.IntStream.range(0, all.prims().size())
                .filter(i -> "block-tick".equals(all.meta(i).cls())).count();
        // 4 GiB of 1 GiB blocks: 3 inner boundaries are wide enough at full view; 2 MiB blocks of 96 GiB are not.
        assertEquals(3, ticksAll);
    }
}
