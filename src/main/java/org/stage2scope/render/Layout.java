package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Pure geometry: turns an Evaluation into a Scene for a given size, view and theme. Builds the HVA
 * and GPA axes once per evaluation; {@link #scene} is cheap and only emits what is visible. The
 * drawing itself is done by one small painter per part of the picture (lanes, connectors, accesses,
 * axes, legend, caption, highlights), in the order this class calls them.
 */
public final class Layout {

    public static final String LANE_VMA = "vma";
    public static final String LANE_SLOT = "memslot";
    public static final String LANE_S2 = "stage2";
    public static final String LANE_EFF = "effective";
    public static final String LANE_ACCESS = "access";

    /**
     * What to draw besides the lanes.
     *
     * @param changed GPA ranges the last edit changed (outlined)
     */
    public record Options(boolean caption, boolean legend, Ref selected, List<Ref.GpaRange> changed) {
        public static final Options WINDOW = new Options(false, true, Ref.NONE, List.of());
        public static final Options EXPORT = new Options(true, true, Ref.NONE, List.of());

        public Options {
            selected = selected == null ? Ref.NONE : selected;
            changed = changed == null ? List.of() : List.copyOf(changed);
        }
    }

    /** Vertical positions of every row, derived from the theme's sizes. */
    public record Rows(double captionY, double hvaAxisY, double vmaY, double slotY, double s2Y, double effY,
                       double accessY, double gpaAxisY, double legendY, double lane, double slotH, double accessH,
                       double font, double left, double right) {}

    private final Evaluation ev;
    private final Axis hva;
    private final Axis gpa;
    private final Connectors connectors;
    private final Bands bands;
    private final Legend legend;

    private Layout(Evaluation ev) {
        this.ev = ev;
        Scenario sc = ev.scenario();
        List<Axis.Span> h = new ArrayList<>();
        for (Vma v : sc.vmas()) {
            h.add(new Axis.Span(v.start(), v.size()));
        }
        List<Axis.Span> g = new ArrayList<>();
        List<MemslotResult> shown = Connectors.shownCalls(ev.memslotCalls());
        for (MemslotResult r : shown) {
            MemslotCall c = r.call();
            h.add(new Axis.Span(c.hva(), c.size()));
            g.add(new Axis.Span(c.gpa(), c.size()));
        }
        for (Stage2Run r : ev.stage2()) {
            g.add(new Axis.Span(r.gpa(), r.size()));
        }
        long page = sc.host().pageSize().pageSize();
        for (AccessResult a : ev.accesses()) {
            g.add(new Axis.Span(U64.alignDown(a.access().gpa(), page), page));
        }
        hva = Axis.of(h);
        gpa = Axis.of(g);
        connectors = new Connectors(ev.memslotCalls(), hva, gpa);
        bands = new Bands(ev, hva, gpa);
        legend = new Legend(ev, connectors.shown());
    }

    public static Layout of(Evaluation ev) {
        return new Layout(ev);
    }

    public Evaluation evaluation() {
        return ev;
    }

    public Axis hvaAxis() {
        return hva;
    }

    public Axis gpaAxis() {
        return gpa;
    }

    public static Rows rows(Theme t, double width, boolean caption) {
        double f = t.fontSize();
        double lane = t.laneHeight();
        double y = 8;
        double captionY = y;
        if (caption) {
            y += f * 3.4;
        }
        double hvaAxisY = y;
        y += f * 1.8;
        double vmaY = y;
        y += lane;
        double slotY = y;
        double slotH = lane * 1.6;
        y += slotH;
        double s2Y = y;
        y += lane + 6;
        double effY = y;
        y += lane + 6;
        double accessY = y;
        double accessH = lane * 0.9;
        y += accessH;
        double gpaAxisY = y + 4;
        y += f * 3.2;
        return new Rows(captionY, hvaAxisY, vmaY, slotY, s2Y, effY, accessY, gpaAxisY, y, lane, slotH, accessH, f,
                Math.round(f * 10.5), 16);
    }

    /** Height that fits every row and a legend of {@code legendRows} lines. */
    public static double preferredHeight(Theme t, boolean caption, int legendRows) {
        return rows(t, 0, caption).legendY() + legendRows * t.fontSize() * 1.9 + 12;
    }

    /** Legend lines needed at this width. */
    public int legendRows(Theme t, double width) {
        return legend.rows(t, width);
    }

    public Scene scene(double width, double height, View view, Theme t, Options o) {
        return scene(width, height, view, view, t, o);
    }

    /**
     * @param gpaView what part of the GPA axis the stage-2, effective and access lanes show
     * @param hvaView what part of the HVA axis the VMA lane shows; memslot connectors join the two
     */
    public Scene scene(double width, double height, View gpaView, View hvaView, Theme t, Options o) {
        Scene sc = new Scene(width, height, t.background());
        Rows r = rows(t, width, o.caption());
        double plotR = width - r.right();
        Frame f = new Frame(sc, t, r, new Plot(gpaView, r.left(), plotR), new Plot(hvaView, r.left(), plotR));
        if (o.caption()) {
            Caption.draw(f, ev);
        }
        LaneChrome.backgrounds(f);
        AxisMarks hvaMarks = new AxisMarks(f, hva, f.hva());
        AxisMarks gpaMarks = new AxisMarks(f, gpa, f.gpa());
        hvaMarks.breaks(r.vmaY(), r.vmaY() + r.lane(), -1);
        gpaMarks.breaks(r.s2Y(), r.accessY() + r.accessH(), r.gpaAxisY() + r.font() * 2.4);
        BandLane.draw(f, f.hva(), bands.vmas(), r.vmaY(), r.lane(), LANE_VMA);
        Map<Ref, Connectors.Outline> outlines = connectors.draw(f);
        BandLane.draw(f, f.gpa(), bands.stage2(), r.s2Y(), r.lane(), LANE_S2);
        BandLane.draw(f, f.gpa(), bands.effective(), r.effY(), r.lane(), LANE_EFF);
        AccessMarks.draw(f, ev, gpa);
        hvaMarks.ticks(r.hvaAxisY() + r.font() * 1.2, true);
        gpaMarks.ticks(r.gpaAxisY() + r.font() * 1.1, false);
        Highlights.changed(f, gpa, o.changed());
        Highlights.selection(f, o.selected(), outlines);
        LaneChrome.titles(f);
        if (o.legend()) {
            legend.draw(f, r.legendY());
        }
        return sc;
    }

    /** The GPA-axis view that frames a Ref (for a VMA: the GPA ranges of the memslots over it). */
    public View viewFor(Ref ref) {
        View v = framing(ref).gpa();
        return v == null ? View.ALL : v;
    }

    /** The views that frame a Ref on both axes. */
    public Framing framing(Ref ref) {
        return Framing.of(ref, ev.scenario(), connectors.shown(), hva, gpa);
    }
}
