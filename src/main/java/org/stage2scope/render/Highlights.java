package org.stage2scope.render;

import org.stage2scope.model.U64;

import java.util.List;
import java.util.Map;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Ref;

/**
 * Outlines drawn over the lanes: what the last edit changed (on every lane it changed), the current
 * selection, and the selection's partners in the other lanes (dashed and lighter, so they read apart
 * from the selection without relying on hue).
 */
final class Highlights {
    private Highlights() {}

    /**
     * Outlines each change on its own lane: a GPA change over its range on the stage-2 or effective
     * row, a VMA, memslot or access change around that item's bands (a slot along its connector).
     */
    static void changed(Frame f, Axis gpa, List<Change> changes, Map<Ref, Connectors.Outline> connectors) {
        Layout.Rows r = f.rows();
        int col = f.theme().highlight();
        List<Marker> s2Markers = widened(f.scene(), "band " + Layout.LANE_S2 + " widened");
        List<Marker> effMarkers = widened(f.scene(), "band " + Layout.LANE_EFF + " widened");
        for (Change c : changes) {
            Scene.Meta meta = Scene.Meta.of("highlight changed " + c.lane().name().toLowerCase(java.util.Locale.ROOT),
                    c.ref());
            if (c.ref() instanceof Ref.GpaRange g && (c.lane() == Change.Lane.STAGE2 || c.lane() == Change.Lane.EFFECTIVE)) {
                double y = c.lane() == Change.Lane.STAGE2 ? r.s2Y() : r.effY();
                double x0 = Math.max(f.left(), f.gpa().x(gpa.toUnit(g.gpa())));
                double x1 = Math.min(f.right(), f.gpa().x(gpa.endUnit(g.gpa(), g.size())));
                // A range drawn wider than to scale is outlined around its marker too: the outline of its
                // true pixel stood beside the dashed marker (pflash0 after an FWB flip).
                for (Marker m : c.lane() == Change.Lane.STAGE2 ? s2Markers : effMarkers) {
                    if (g.size() != 0 && U64.le(m.first(), U64.last(g.gpa(), g.size())) && U64.le(g.gpa(), m.last())) {
                        x0 = Math.min(x0, m.x0());
                        x1 = Math.max(x1, m.x1());
                    }
                }
                if (x1 < f.left() || x0 > f.right()) {
                    continue;
                }
                f.scene().add(new Scene.Rect(x0 - 2, y - 3, Math.max(3, x1 - x0) + 4, r.lane() + 6, 0, Pattern.NONE, 0,
                        col, 4, false, true), meta);
                continue;
            }
            outline(f, c.ref(), lane(c.lane()), connectors, col, 3.5, false, meta);
        }
    }

    /** A marker drawn wider than to scale: where it stands and the GPA range it stands for. */
    private record Marker(double x0, double x1, long first, long last) {}

    /** The widened markers of class {@code cls} the lanes drew. */
    private static List<Marker> widened(Scene sc, String cls) {
        List<Marker> out = new java.util.ArrayList<>();
        for (int i = 0; i < sc.prims().size(); i++) {
            Scene.Meta m = sc.meta(i);
            if (cls.equals(m.cls()) && sc.prims().get(i) instanceof Scene.Rect rect && m.start() != null && m.size() != null) {
                long first = U64.parseAddress(m.start());
                out.add(new Marker(rect.x(), rect.x() + rect.w(), first, U64.last(first, Long.parseUnsignedLong(m.size()))));
            }
        }
        return out;
    }

    /** Outlines the selected item: a memslot along its connector, anything else around its hit region. */
    static void selection(Frame f, Ref ref, Map<Ref, Connectors.Outline> connectors) {
        if (ref instanceof Ref.None) {
            return;
        }
        outline(f, ref, null, connectors, f.theme().selection(), 2.5, false, Scene.Meta.NONE);
    }

    /** Dashed, lighter outlines on the bands that belong with the selection (see {@link Partners}). */
    static void partners(Frame f, Partners p, Map<Ref, Connectors.Outline> connectors) {
        if (p.items().isEmpty() && p.ranges().isEmpty()) {
            return;
        }
        int col = mix(f.theme().selection(), f.theme().background(), 0.45);
        for (Ref ref : p.items()) {
            outline(f, ref, null, connectors, col, 2, true, Scene.Meta.of("highlight partner", ref));
        }
        double band = f.rows().lane() - 1;
        for (Scene.Hit h : List.copyOf(f.scene().hits())) {
            boolean gpaLane = h.lane().equals(Layout.LANE_S2) || h.lane().equals(Layout.LANE_EFF);
            if (gpaLane && h.h() >= band && h.ref() instanceof Ref.GpaRange g && p.touches(g.gpa(), g.size())) {
                f.scene().add(new Scene.Rect(h.x() - 2, h.y() - 2, Math.max(2, h.w()) + 4, h.h() + 4, 0, Pattern.NONE, 0,
                        col, 2, true, true), Scene.Meta.of("highlight partner", g));
            }
        }
    }

    /** The hit lane a change of that lane sits in; null for the GPA lanes, drawn by range. */
    private static String lane(Change.Lane l) {
        return switch (l) {
            case VMA -> Layout.LANE_VMA;
            case MEMSLOT -> Layout.LANE_SLOT;
            case ACCESS -> Layout.LANE_ACCESS;
            case STAGE2 -> Layout.LANE_S2;
            case EFFECTIVE -> Layout.LANE_EFF;
        };
    }

    private static void outline(Frame f, Ref ref, String lane, Map<Ref, Connectors.Outline> connectors, int col,
                                double width, boolean dashed, Scene.Meta meta) {
        Scene sc = f.scene();
        Connectors.Outline poly = connectors.get(ref);
        if (poly != null) {
            sc.add(new Scene.Poly(poly.xs(), poly.ys(), 0, 0, Pattern.NONE, 0, col, width + 0.5, dashed), meta);
        }
        for (Scene.Hit h : List.copyOf(sc.hits())) {
            if (poly != null && h.lane().equals(Layout.LANE_SLOT)) {
                continue;
            }
            if (h.ref().equals(ref) && (lane == null || h.lane().equals(lane))) {
                sc.add(new Scene.Rect(h.x() - 1, h.y() - 1, Math.max(2, h.w()) + 2, h.h() + 2, 0, Pattern.NONE, 0, col,
                        width, dashed, true), meta);
            }
        }
    }

    /** {@code a} moved towards {@code b} by {@code t} (0..1), per RGB channel. */
    private static int mix(int a, int b, double t) {
        int out = 0xff000000 & a;
        for (int shift = 0; shift <= 16; shift += 8) {
            int ca = (a >> shift) & 0xff;
            int cb = (b >> shift) & 0xff;
            out |= ((int) Math.round(ca + (cb - ca) * t) & 0xff) << shift;
        }
        return out;
    }
}
