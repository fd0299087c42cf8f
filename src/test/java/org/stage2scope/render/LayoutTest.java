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
                .collect(Collectors.toMap(Scene.Hit::ref, Scene.Hit::style));
        assertEquals(Style.SLOT_REFUSED, slots.get(new Ref.MemslotCall(1)));
        assertEquals(Style.SLOT_OK, slots.get(new Ref.MemslotCall(0)));
        assertTrue(s.texts().contains("slot 1 (gpu): EINVAL"), s.texts().toString());
    }

    @Test
    void exportCarriesCaptionWithScenarioPolicyAndFeatures() {
        List<String> texts = Picture.of(Fixtures.evaluation(false)).texts();
        assertEquals("grace-hopper-fwb", texts.get(0));
        assertEquals("policy upstream  |  arm64, 4K pages, features: DIC FWB IDC", texts.get(1));
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
    void labelsInOneRowNeverOverlap() {
        for (View v : List.of(View.ALL, new View(0.3, 0.6), new View(0.0, 0.05))) {
            Scene s = Fixtures.evaluation(false) == null ? null
                    : Layout.of(Fixtures.evaluation(false)).scene(900, 500, v, Theme.light(), Layout.Options.WINDOW);
            Map<Double, List<Scene.Text>> rows = new java.util.HashMap<>();
            for (Scene.Prim p : s.prims()) {
                if (p instanceof Scene.Text t && t.x() > 100) {
                    rows.computeIfAbsent(Math.rint(t.y()), k -> new ArrayList<>()).add(t);
                }
            }
            for (List<Scene.Text> row : rows.values()) {
                List<double[]> spans = new ArrayList<>();
                for (Scene.Text t : row) {
                    double w = TextFit.width(t.text(), t.size());
                    double x0 = t.anchor() == Scene.Anchor.MIDDLE ? t.x() - w / 2 : t.x();
                    spans.add(new double[] {x0, x0 + w});
                }
                spans.sort((a, b) -> Double.compare(a[0], b[0]));
                for (int i = 1; i < spans.size(); i++) {
                    assertTrue(spans.get(i)[0] >= spans.get(i - 1)[1] - 0.5,
                            "overlapping labels in row " + row.stream().map(Scene.Text::text).collect(Collectors.toList()));
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
        View v = l.viewFor(new Ref.MemslotCall(2));
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
        long ticksAll = all.prims().stream().filter(p -> p instanceof Scene.Line ln && ln.y2() - ln.y1() == 7).count();
        // 4 GiB of 1 GiB blocks: 3 inner boundaries are wide enough at full view.
        assertEquals(3, ticksAll);
    }
}
