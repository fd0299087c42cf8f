package org.stage2scope.render;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Pure geometry: turns an Evaluation into a Scene for a given size, view and theme. Builds the HVA
 * and GPA axes once per evaluation; {@link #scene} is cheap and only emits what is visible, merging
 * runs narrower than a pixel (the most severe style of the merged runs wins, so errors stay visible).
 */
public final class Layout {

    public static final String LANE_VMA = "vma";
    public static final String LANE_SLOT = "memslot";
    public static final String LANE_S2 = "stage2";
    public static final String LANE_EFF = "effective";
    public static final String LANE_ACCESS = "access";

    /** What to draw besides the lanes. */
    public record Options(boolean caption, boolean legend, Ref selected, List<long[]> changedGpa) {
        public static final Options WINDOW = new Options(false, true, Ref.NONE, List.of());
        public static final Options EXPORT = new Options(true, true, Ref.NONE, List.of());

        public Options {
            selected = selected == null ? Ref.NONE : selected;
            changedGpa = changedGpa == null ? List.of() : List.copyOf(changedGpa);
        }
    }

    private final Evaluation ev;
    private final Axis hva;
    private final Axis gpa;
    private final List<MemslotResult> shownCalls;

    private Layout(Evaluation ev) {
        this.ev = ev;
        Scenario sc = ev.scenario();
        List<long[]> h = new ArrayList<>();
        for (Vma v : sc.vmas()) {
            h.add(new long[] {v.start(), v.size()});
        }
        List<long[]> g = new ArrayList<>();
        shownCalls = shownCalls(ev.memslotCalls());
        for (MemslotResult r : shownCalls) {
            MemslotCall c = r.call();
            h.add(new long[] {c.hva(), c.size()});
            g.add(new long[] {c.gpa(), c.size()});
        }
        for (Stage2Run r : ev.stage2()) {
            g.add(new long[] {r.gpa(), r.size()});
        }
        long page = sc.host().pageSize().pageSize();
        for (AccessResult a : ev.accesses()) {
            g.add(new long[] {U64.alignDown(a.access().gpa(), page), page});
        }
        hva = Axis.of(h);
        gpa = Axis.of(g);
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

    /**
     * Memslot calls worth a connector: successful creates/moves still in effect at the end, and every
     * refused call with a size (drawn as a ghost). A later successful call on the same slot supersedes.
     */
    static List<MemslotResult> shownCalls(List<MemslotResult> calls) {
        Map<Integer, Integer> lastOk = new HashMap<>();
        for (MemslotResult r : calls) {
            if (r.ok()) {
                lastOk.put(r.call().rawSlot(), r.index());
            }
        }
        List<MemslotResult> out = new ArrayList<>();
        for (MemslotResult r : calls) {
            if (r.call().size() == 0) {
                continue;
            }
            if (!r.ok() || lastOk.get(r.call().rawSlot()) == r.index()) {
                out.add(r);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- geometry

    /** Vertical positions of every row, derived from the theme's sizes. */
    public record Rows(double captionY, double hvaAxisY, double vmaY, double slotY, double s2Y, double effY,
                       double accessY, double gpaAxisY, double legendY, double lane, double slotH, double accessH,
                       double font, double left, double right) {}

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
        Set<Style> styles = stylesUsed();
        double x = 0;
        int rowsNeeded = 1;
        double avail = width - rows(t, width, false).left() - 16;
        for (Style s : styles) {
            double w = t.fontSize() * 2 + textWidth(s.label(), t.fontSize()) + t.fontSize() * 1.5;
            if (x + w > avail && x > 0) {
                rowsNeeded++;
                x = 0;
            }
            x += w;
        }
        return rowsNeeded;
    }

    /** Estimated text width: painters use proportional sans fonts averaging ~0.58 em per glyph. */
    public static double textWidth(String s, double size) {
        return s.length() * size * 0.58;
    }

    // ---------------------------------------------------------------- the scene

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
        Painter p = new Painter(sc, t, r, gpaView, hvaView, width);
        if (o.caption()) {
            p.caption();
        }
        p.laneBackgrounds();
        p.breaks();
        p.vmas();
        p.connectors();
        p.stage2();
        p.effective();
        p.accesses();
        p.axis(hva, r.hvaAxisY() + r.font() * 1.2, true);
        p.axis(gpa, r.gpaAxisY() + r.font() * 1.1, false);
        p.changed(o.changedGpa());
        p.selection(o.selected());
        p.laneTitles();
        if (o.legend()) {
            p.legend(r.legendY());
        }
        return sc;
    }

    /** The GPA-axis view that frames a Ref (for a VMA: the GPA ranges of the memslots over it). */
    public View viewFor(Ref ref) {
        View[] v = viewsFor(ref);
        return v[0] == null ? View.ALL : v[0];
    }

    /**
     * Views {GPA, HVA} that frame a Ref on both axes, following memslots from one space to the other;
     * an entry is null when the Ref has no place on that axis (keep the current view there).
     */
    public View[] viewsFor(Ref ref) {
        Scenario s = ev.scenario();
        double[] g = null;
        double[] h = null;
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            h = new double[] {hva.toUnit(vma.start()), hva.endUnit(vma.start(), vma.size())};
            for (MemslotResult m : shownCalls) {
                MemslotCall c = m.call();
                if (m.ok() && U64.lt(c.hva(), vma.end() == 0 ? -1L : vma.end()) && U64.lt(vma.start(), c.hva() + c.size())) {
                    g = union(g, gpa.toUnit(c.gpa()), gpa.endUnit(c.gpa(), c.size()));
                }
            }
        } else if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            if (c.size() != 0) {
                g = new double[] {gpa.toUnit(c.gpa()), gpa.endUnit(c.gpa(), c.size())};
                h = new double[] {hva.toUnit(c.hva()), hva.endUnit(c.hva(), c.size())};
            }
        } else if (ref instanceof Ref.GpaRange r) {
            long size = Math.max(1, r.size());
            g = new double[] {gpa.toUnit(r.gpa()), gpa.endUnit(r.gpa(), size)};
            MemslotCall c = slotOf(r.gpa());
            if (c != null) {
                long hv = c.hva() + (r.gpa() - c.gpa());
                h = new double[] {hva.toUnit(hv), hva.endUnit(hv, size)};
            }
        } else if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            long at = s.guest().accesses().get(a.index()).gpa();
            double u = gpa.toUnit(at);
            g = new double[] {u - 0.002, u + 0.002};
            MemslotCall c = slotOf(at);
            if (c != null) {
                double hu = hva.toUnit(c.hva() + (at - c.gpa()));
                h = new double[] {hu - 0.002, hu + 0.002};
            }
        }
        return new View[] {g == null ? null : View.around(g[0], g[1]), h == null ? null : View.around(h[0], h[1])};
    }

    private static double[] union(double[] a, double u0, double u1) {
        return a == null ? new double[] {u0, u1} : new double[] {Math.min(a[0], u0), Math.max(a[1], u1)};
    }

    /** The accepted memslot in effect that holds a GPA, or null. */
    private MemslotCall slotOf(long at) {
        for (MemslotResult m : shownCalls) {
            MemslotCall c = m.call();
            if (m.ok() && U64.le(c.gpa(), at) && U64.lt(at - c.gpa(), c.size())) {
                return c;
            }
        }
        return null;
    }

    double[] unitsOf(Ref ref) {
        Scenario s = ev.scenario();
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            return new double[] {hva.toUnit(vma.start()), hva.endUnit(vma.start(), vma.size())};
        }
        if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            if (c.size() == 0) {
                return null;
            }
            return new double[] {gpa.toUnit(c.gpa()), gpa.endUnit(c.gpa(), c.size())};
        }
        if (ref instanceof Ref.GpaRange g) {
            return new double[] {gpa.toUnit(g.gpa()), gpa.endUnit(g.gpa(), Math.max(1, g.size()))};
        }
        if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            long at = s.guest().accesses().get(a.index()).gpa();
            double u = gpa.toUnit(at);
            return new double[] {u - 0.002, u + 0.002};
        }
        return null;
    }

    /** Styles drawn for this evaluation, in legend order. */
    public Set<Style> stylesUsed() {
        Set<Style> used = EnumSet.noneOf(Style.class);
        for (Vma v : ev.scenario().vmas()) {
            used.add(vmaStyle(v));
        }
        for (MemslotResult m : shownCalls) {
            used.add(m.ok() ? Style.SLOT_OK : Style.SLOT_REFUSED);
        }
        for (Stage2Run s : ev.stage2()) {
            used.add(runStyle(s));
        }
        for (EffectiveRun e : ev.effective()) {
            used.add(classStyle(e.memClass()));
        }
        Set<Style> ordered = new LinkedHashSet<>();
        for (Style s : Style.values()) {
            if (used.contains(s) && s != Style.MIXED && !s.name().startsWith("ACCESS")) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    public static Style vmaStyle(Vma v) {
        return v.backing().kind() == org.stage2scope.model.Backing.Kind.DEVICE ? Style.VMA_DEVICE : Style.VMA_RAM;
    }

    public static Style classStyle(MemClass c) {
        if (c == null) {
            return Style.RESERVED;
        }
        return switch (c) {
            case WRITE_BACK -> Style.WRITE_BACK;
            case WRITE_THROUGH -> Style.WRITE_THROUGH;
            case NON_CACHEABLE -> Style.NON_CACHEABLE;
            case DEVICE -> Style.DEVICE;
            case RESERVED -> Style.RESERVED;
        };
    }

    public static Style runStyle(Stage2Run r) {
        return switch (r.outcome()) {
            case MAPPED -> r.s2() == null ? Style.RESERVED : classStyle(r.s2().memClass());
            case EFAULT -> Style.EFAULT;
            case SIGBUS -> Style.SIGBUS;
        };
    }

    public static Style accessStyle(AccessResult a) {
        return switch (a.outcome()) {
            case MAPPED -> Style.ACCESS_OK;
            case MMIO_EXIT -> Style.ACCESS_EXIT;
            default -> Style.ACCESS_FAIL;
        };
    }

    static String range(String space, long start, long size) {
        if (size == 0) {
            return space + " " + U64.hex(start) + " (empty)";
        }
        return space + " " + U64.hex(start) + " - " + U64.hex(U64.last(start, size)) + "  (" + U64.human(size) + ")";
    }

    public static String tooltip(Stage2Run r) {
        StringBuilder sb = new StringBuilder(range("GPA", r.gpa(), r.size()));
        sb.append("\nslot ").append(MemslotCall.slotId(r.addressSpace(), r.slot()))
                .append(r.vma() == null ? ", no VMA behind it" : ", VMA " + r.vma());
        sb.append("\nstage 2: ").append(r.outcome().id());
        Stage2Entry e = r.s2();
        if (e != null) {
            sb.append(' ').append(e.type());
            if (e.memAttr() != null) {
                sb.append(", MemAttr ").append(Stage2Entry.bits(e.memAttr()));
            }
            if (e.ipat() != null) {
                sb.append(", IPAT=").append(e.ipat() ? 1 : 0);
            }
            sb.append(", ").append(e.perms()).append(", ").append(U64.human(e.blockSize())).append(" blocks");
            if (e.dcacheClean()) {
                sb.append(", D-cache clean");
            }
            if (e.icacheInval()) {
                sb.append(", I-cache inval");
            }
        }
        if (r.rule() != null) {
            sb.append("\nrule ").append(r.rule().id()).append(" (").append(r.rule().kernelFunction()).append(')');
        }
        if (r.reason() != null && !r.reason().isEmpty()) {
            sb.append('\n').append(r.reason());
        }
        return sb.toString();
    }

    public static String tooltip(EffectiveRun e) {
        StringBuilder sb = new StringBuilder(range("GPA", e.gpa(), e.size()));
        sb.append("\neffective: ").append(e.name()).append(" (").append(e.result()).append(')');
        if (e.stage1() != null) {
            sb.append("\nstage 1: ").append(e.stage1().id()).append(e.stage1Assumed() ? " (assumed: no stage-1 range)" : "");
        }
        if (e.rule() != null) {
            sb.append("\nrule ").append(e.rule().id()).append(" (").append(e.rule().kernelFunction()).append(')');
        }
        if (e.reason() != null && !e.reason().isEmpty()) {
            sb.append('\n').append(e.reason());
        }
        return sb.toString();
    }

    public static String tooltip(Vma v) {
        String flags = v.flags().stream().map(f -> f.id()).sorted().collect(Collectors.joining(" "));
        return "VMA " + v.name() + "\n" + range("HVA", v.start(), v.size()) + "\n" + v.perms() + "  " + v.memType().id()
                + "  " + v.backing().kind().id() + (v.backing().thp() ? " thp" : "") + ", "
                + U64.human(v.backing().pageSize()) + " pages" + (flags.isEmpty() ? "" : "\n" + flags);
    }

    public static String tooltip(MemslotResult m) {
        MemslotCall c = m.call();
        String flags = c.flags().stream().map(f -> f.id()).sorted().collect(Collectors.joining(" "));
        StringBuilder sb = new StringBuilder("call #" + m.index() + ": " + c.displayName() + " -> " + m.resultName()
                + (m.change() == null ? "" : " (" + m.change().name().toLowerCase(Locale.ROOT) + ")"));
        sb.append('\n').append(range("GPA", c.gpa(), c.size())).append('\n').append(range("HVA", c.hva(), c.size()));
        if (!flags.isEmpty()) {
            sb.append('\n').append(flags);
        }
        if (m.rule() != null) {
            sb.append("\nrule ").append(m.rule().id()).append(" (").append(m.rule().kernelFunction()).append(')');
        }
        if (m.explanation() != null && !m.explanation().isEmpty()) {
            sb.append('\n').append(m.explanation());
        }
        return sb.toString();
    }

    public static String tooltip(AccessResult a) {
        StringBuilder sb = new StringBuilder("access #" + a.index() + ": " + a.access().kind().id() + " at GPA "
                + U64.hex(a.access().gpa()) + (a.access().label().isEmpty() ? "" : " (" + a.access().label() + ")"));
        sb.append("\noutcome: ").append(a.outcome().name());
        if (a.s2() != null) {
            sb.append(", ").append(a.s2().type()).append(' ').append(a.s2().perms());
        }
        if (a.rule() != null) {
            sb.append("\nrule ").append(a.rule().id()).append(" (").append(a.rule().kernelFunction()).append(')');
        }
        if (a.explanation() != null && !a.explanation().isEmpty()) {
            sb.append('\n').append(a.explanation());
        }
        return sb.toString();
    }

    /** The caption exports carry: scenario, policy, host. */
    public static String[] captionLines(Evaluation ev) {
        Scenario s = ev.scenario();
        String feats = s.host().features().stream().map(CpuFeature::id).sorted().collect(Collectors.joining(" "));
        String name = s.name().isEmpty() ? "(unnamed scenario)" : s.name();
        String host = s.host().arch().id() + ", " + s.host().pageSize().id() + " pages, features: "
                + (feats.isEmpty() ? "none" : feats) + (s.vm().mte() ? ", vm.mte" : "");
        return new String[] {name, "policy " + ev.policy().id() + "  |  " + host};
    }

    // ---------------------------------------------------------------- drawing helper

    /** One band before culling and merging. */
    private record Band(double u0, double u1, Style style, String label, String shortLabel, Ref ref,
                        java.util.function.Supplier<String> tip, long blockSize, long size) {}

    // Bands depend only on the evaluation, so they are built once and each frame only culls and merges.
    private List<Band> vmaBands;
    private List<Band> s2Bands;
    private List<Band> effBands;
    private double[][] slotUnits;

    private List<Band> vmaBands() {
        if (vmaBands == null) {
            List<Band> bands = new ArrayList<>();
            List<Vma> vmas = ev.scenario().vmas();
            for (int i = 0; i < vmas.size(); i++) {
                Vma v = vmas.get(i);
                bands.add(new Band(hva.toUnit(v.start()), hva.endUnit(v.start(), v.size()), vmaStyle(v),
                        v.name() + "  " + U64.human(v.size()), v.name(), new Ref.Vma(i), () -> tooltip(v), 0, v.size()));
            }
            bands.sort((a, b) -> Double.compare(a.u0(), b.u0()));
            vmaBands = bands;
        }
        return vmaBands;
    }

    private List<Band> s2Bands() {
        if (s2Bands == null) {
            List<Band> bands = new ArrayList<>(ev.stage2().size());
            for (Stage2Run s : ev.stage2()) {
                Stage2Entry e = s.s2();
                String label = e != null ? e.type() : s.outcome().id();
                bands.add(new Band(gpa.toUnit(s.gpa()), gpa.endUnit(s.gpa(), s.size()), runStyle(s),
                        label + (s.vma() == null ? "" : "  " + withoutDetail(s.vma())), label, new Ref.GpaRange(s.gpa(), s.size()),
                        () -> tooltip(s), e == null ? 0 : e.blockSize(), s.size()));
            }
            bands.sort((a, b) -> Double.compare(a.u0(), b.u0()));
            s2Bands = bands;
        }
        return s2Bands;
    }

    private List<Band> effBands() {
        if (effBands == null) {
            List<Band> bands = new ArrayList<>(ev.effective().size());
            for (EffectiveRun e : ev.effective()) {
                bands.add(new Band(gpa.toUnit(e.gpa()), gpa.endUnit(e.gpa(), e.size()), classStyle(e.memClass()),
                        e.name() + (e.stage1Assumed() ? "" : "  (S1 " + e.stage1().id() + ")"), e.name(),
                        new Ref.GpaRange(e.gpa(), e.size()), () -> tooltip(e), 0, e.size()));
            }
            bands.sort((a, b) -> Double.compare(a.u0(), b.u0()));
            effBands = bands;
        }
        return effBands;
    }

    /** Per shown call: HVA start/end and GPA start/end units. */
    private double[][] slotUnits() {
        if (slotUnits == null) {
            double[][] u = new double[shownCalls.size()][];
            for (int i = 0; i < u.length; i++) {
                MemslotCall c = shownCalls.get(i).call();
                u[i] = new double[] {hva.toUnit(c.hva()), hva.endUnit(c.hva(), c.size()), gpa.toUnit(c.gpa()),
                        gpa.endUnit(c.gpa(), c.size())};
            }
            slotUnits = u;
        }
        return slotUnits;
    }

    private final class Painter {
        private final Scene sc;
        private final Theme t;
        private final Rows r;
        /** Connector outlines by call, so a selected memslot is outlined along its own edges. */
        private final Map<Ref, double[][]> connectorShapes = new HashMap<>();
        private final View gView;
        private final View hView;
        /** The view x() uses: the GPA view except while drawing HVA things. */
        private View view;
        private final double plotL;
        private final double plotR;

        Painter(Scene sc, Theme t, Rows r, View gView, View hView, double width) {
            this.sc = sc;
            this.t = t;
            this.r = r;
            this.gView = gView;
            this.hView = hView;
            this.view = gView;
            this.plotL = r.left();
            this.plotR = width - r.right();
        }

        double x(double u) {
            return xv(u, view);
        }

        double xv(double u, View v) {
            return plotL + (u - v.u0()) / v.span() * (plotR - plotL);
        }

        void caption() {
            String[] lines = captionLines(ev);
            sc.add(new Scene.Text(plotL, r.captionY() + r.font() * 1.3, lines[0], r.font() * 1.35, t.foreground(), true,
                    Scene.Anchor.START));
            sc.add(new Scene.Text(plotL, r.captionY() + r.font() * 2.8, lines[1], r.font(), t.muted(), false,
                    Scene.Anchor.START));
        }

        void laneBackgrounds() {
            double w = plotR - plotL;
            sc.add(rect(plotL, r.vmaY(), w, r.lane(), t.laneBackground()));
            sc.add(rect(plotL, r.s2Y(), w, r.lane(), t.laneBackground()));
            sc.add(rect(plotL, r.effY(), w, r.lane(), t.laneBackground()));
            sc.add(rect(plotL, r.accessY(), w, r.accessH(), t.laneBackground()));
        }

        Scene.Rect rect(double x, double y, double w, double h, int fill) {
            return new Scene.Rect(x, y, w, h, fill, Pattern.NONE, 0, -1, 0, false, false);
        }

        void laneTitles() {
            // An opaque margin so bands panned to the left never run under the titles.
            sc.add(rect(0, 0, plotL - 4, r.legendY(), t.background()));
            double f = r.font();
            title("Host VMAs", "HVA", r.vmaY(), r.lane());
            title("Memslots", "KVM_SET_USER_MEMORY_REGION2", r.slotY(), r.slotH());
            title("Stage 2", "GPA -> PA", r.s2Y(), r.lane());
            title("Effective", "stage 1 x stage 2", r.effY(), r.lane());
            title("Accesses", "guest faults", r.accessY(), r.accessH());
            sc.add(new Scene.Text(8, r.hvaAxisY() + f * 1.2, "HVA", f * 0.85, t.muted(), true, Scene.Anchor.START));
            sc.add(new Scene.Text(8, r.gpaAxisY() + f * 1.1, "GPA", f * 0.85, t.muted(), true, Scene.Anchor.START));
        }

        private void title(String main, String sub, double y, double h) {
            double f = r.font();
            sc.add(new Scene.Text(8, y + h / 2 - 1, main, f, t.foreground(), true, Scene.Anchor.START));
            if (textWidth(sub, f * 0.75) < plotL - 12 && h > f * 1.8) {
                sc.add(new Scene.Text(8, y + h / 2 + f * 0.9, sub, f * 0.75, t.muted(), false, Scene.Anchor.START));
            }
        }

        /**
         * Culls bands outside the view, merges consecutive bands that share a pixel, draws fills,
         * patterns, labels that fit, block ticks, and registers hits.
         */
        void lane(List<Band> bands, double y, double h, String lane) {
            int n = bands.size();
            int lo = 0;
            int hi = n;
            while (lo < hi) { // first band whose end is inside the view (bands in a lane do not overlap)
                int mid = (lo + hi) >>> 1;
                if (x(bands.get(mid).u1()) < plotL) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int i = lo;
            while (i < n) {
                Band b = bands.get(i);
                double x0 = x(b.u0());
                double x1 = x(b.u1());
                if (x0 > plotR) {
                    break;
                }
                if (x1 < plotL) {
                    i++;
                    continue;
                }
                if (x1 - x0 < 1) {
                    // Merge the following sub-pixel bands into one pixel-wide bar; the worst style shows.
                    Style worst = b.style();
                    int count = 1;
                    double mx1 = x1;
                    int j = i + 1;
                    while (j < n) {
                        Band c = bands.get(j);
                        double cx0 = x(c.u0());
                        double cx1 = x(c.u1());
                        if (cx1 - cx0 >= 1 || cx0 > x0 + 1.5) {
                            break;
                        }
                        if (c.style().severity() > worst.severity()) {
                            worst = c.style();
                        }
                        mx1 = Math.max(mx1, cx1);
                        count++;
                        j++;
                    }
                    double w = Math.max(1, mx1 - x0);
                    Style shown = count > 1 && worst.severity() <= 1 ? b.style() : worst;
                    sc.add(new Scene.Rect(x0, y, w, h, t.fill(shown), Pattern.NONE, 0, -1, 0, false, false));
                    int merged = count;
                    Style worstF = worst;
                    sc.hit(new Scene.Hit(x0, y, w, h, b.ref(), merged == 1 ? b.tip()
                            : () -> merged + " runs narrower than a pixel here; zoom in.\nMost severe: " + worstF.label()
                                    + "\nfirst:\n" + b.tip().get(), shown, lane));
                    i = j;
                    continue;
                }
                double cx0 = Math.max(x0, plotL);
                double cx1 = Math.min(x1, plotR);
                int fill = t.fill(b.style());
                boolean refused = b.style() == Style.SLOT_REFUSED;
                sc.add(new Scene.Rect(cx0, y, cx1 - cx0, h, fill, t.pattern(b.style()), Theme.patternOn(fill),
                        t.background(), 1, refused, false));
                blockTicks(b, x0, x1, y, h, fill);
                label(b, cx0, cx1, y, h, fill);
                sc.hit(new Scene.Hit(cx0, y, cx1 - cx0, h, b.ref(), b.tip(), b.style(), lane));
                i++;
            }
        }

        private void blockTicks(Band b, double x0, double x1, double y, double h, int fill) {
            if (b.blockSize() <= 0 || b.size() == 0) {
                return;
            }
            double per = (x1 - x0) * Axis.ud(b.blockSize()) / Axis.ud(b.size());
            if (per < 8 || per >= x1 - x0) {
                return;
            }
            long k = (long) Math.max(1, Math.ceil((plotL - x0) / per));
            int col = Theme.patternOn(fill);
            for (int guard = 0; guard < 4000; guard++, k++) {
                double tx = x0 + k * per;
                if (tx >= Math.min(x1, plotR)) {
                    break;
                }
                sc.add(new Scene.Line(tx, y + h - 7, tx, y + h, col, 1, false));
            }
        }

        private void label(Band b, double cx0, double cx1, double y, double h, int fill) {
            double f = Math.min(r.font(), h * 0.42);
            double avail = cx1 - cx0 - 8;
            String text = null;
            String bare = withoutDetail(b.shortLabel());
            for (String cand : new String[] {b.label(), b.shortLabel(), bare, shortType(b.shortLabel())}) {
                if (cand != null && !cand.isEmpty() && textWidth(cand, f) <= avail) {
                    text = cand;
                    break;
                }
            }
            if (text == null) {
                text = ellipsize(bare, f, avail);
            }
            if (text == null) {
                return;
            }
            // Labels sit on a plate of the band colour so patterns never cross the glyphs.
            double tw = textWidth(text, f);
            double cx = (cx0 + cx1) / 2;
            sc.add(rect(cx - tw / 2 - 3, y + h / 2 - f * 0.7, tw + 6, f * 1.4, fill));
            sc.add(new Scene.Text(cx, y + h / 2 + f * 0.36, text, f, Theme.textOn(fill), false, Scene.Anchor.MIDDLE));
        }

        void vmas() {
            view = hView;
            lane(vmaBands(), r.vmaY(), r.lane(), LANE_VMA);
            view = gView;
        }

        void connectors() {
            double top = r.slotY() + 1;
            double bottom = r.slotY() + r.slotH() - 1;
            List<Object[]> labels = new ArrayList<>();
            double[][] units = slotUnits();
            double lastH = Double.NaN;
            double lastG = Double.NaN;
            boolean lastOk = true;
            for (int k = 0; k < shownCalls.size(); k++) {
                MemslotResult m = shownCalls.get(k);
                MemslotCall c = m.call();
                double hx0 = xv(units[k][0], hView);
                double hx1 = xv(units[k][1], hView);
                double gx0 = xv(units[k][2], gView);
                double gx1 = xv(units[k][3], gView);
                if (Math.max(hx1, gx1) < plotL || Math.min(hx0, gx0) > plotR) {
                    continue;
                }
                if (hx1 - hx0 < 1 && gx1 - gx0 < 1 && m.ok() == lastOk
                        && Math.abs(hx0 - lastH) < 1 && Math.abs(gx0 - lastG) < 1) {
                    continue; // same pixel at both ends as the previous sub-pixel connector
                }
                lastH = hx0;
                lastG = gx0;
                lastOk = m.ok();
                boolean ok = m.ok();
                Style st = ok ? Style.SLOT_OK : Style.SLOT_REFUSED;
                int fill = ok ? t.fill(Style.SLOT_OK) : t.fill(Style.EFAULT);
                double[] xs = {clip(hx0), clip(Math.max(hx1, hx0 + 1)), clip(Math.max(gx1, gx0 + 1)), clip(gx0)};
                double[] ys = {top, top, bottom, bottom};
                sc.add(new Scene.Poly(xs, ys, fill, ok ? 0.85 : 0.35, ok ? Pattern.NONE : Pattern.HATCH,
                        ok ? t.muted() : t.fill(Style.EFAULT), ok ? t.muted() : t.fill(Style.EFAULT), 1, !ok));
                if (labels.size() < 400) {
                    labels.add(new Object[] {xs, m});
                }
                connectorShapes.put(new Ref.MemslotCall(m.index()), new double[][] {xs, ys});
                double minX = Math.min(xs[0], xs[3]);
                double maxX = Math.max(xs[1], xs[2]);
                sc.hit(new Scene.Hit(minX, r.slotY(), Math.max(1, maxX - minX), r.slotH(),
                        new Ref.MemslotCall(m.index()), () -> tooltip(m), st, LANE_SLOT));
            }
            // Refused calls are labelled first: their errno matters more than an accepted slot's name.
            labels.sort((a, b) -> Boolean.compare(((MemslotResult) a[1]).ok(), ((MemslotResult) b[1]).ok()));
            // Two label rows: near the GPA end first (GPA ranges never overlap, while connectors cross in
            // the middle), then mid-height for what did not fit there.
            List<List<double[]>> taken = List.of(new ArrayList<>(), new ArrayList<>());
            for (Object[] l : labels) {
                connectorLabel(taken, (double[]) l[0], (MemslotResult) l[1]);
            }
        }

        private static final double[] LABEL_ROWS = {0.74, 0.42};

        private void connectorLabel(List<List<double[]>> taken, double[] xs, MemslotResult m) {
            MemslotCall c = m.call();
            boolean ok = m.ok();
            double f = r.font() * 0.85;
            String[] candidates = ok ? new String[] {c.displayName(), "slot " + c.slot()}
                    : new String[] {c.displayName() + ": " + m.resultName(), "slot " + c.slot() + ": " + m.resultName(),
                            m.resultName()};
            for (int row = 0; row < LABEL_ROWS.length; row++) {
                double k = LABEL_ROWS[row];
                // The connector's centre and width at this height (linear between its HVA and GPA edges).
                double mx = (xs[0] + xs[1]) / 2 * (1 - k) + (xs[2] + xs[3]) / 2 * k;
                double width = (xs[1] - xs[0]) * (1 - k) + (xs[2] - xs[3]) * k;
                for (String cand : candidates) {
                    double tw = textWidth(cand, f);
                    if (tw <= width + 40 && mx - tw / 2 >= plotL && mx + tw / 2 <= plotR
                            && free(taken.get(row), mx - tw / 2 - 6, mx + tw / 2 + 6)) {
                        double y = r.slotY() + r.slotH() * k;
                        // A plate keeps the name readable where other connectors cross under it.
                        sc.add(rect(mx - tw / 2 - 4, y - f * 0.75, tw + 8, f * 1.5, t.background()));
                        sc.add(new Scene.Text(mx, y + f * 0.35, cand, f, t.foreground(), !ok, Scene.Anchor.MIDDLE));
                        taken.get(row).add(new double[] {mx - tw / 2, mx + tw / 2});
                        return;
                    }
                }
            }
        }

        private boolean free(List<double[]> taken, double a, double b) {
            if (taken.size() > 200) {
                return false;
            }
            for (double[] t : taken) {
                if (a < t[1] && t[0] < b) {
                    return false;
                }
            }
            return true;
        }

        private double clip(double v) {
            return Math.max(plotL - 2, Math.min(plotR + 2, v));
        }

        void stage2() {
            lane(s2Bands(), r.s2Y(), r.lane(), LANE_S2);
        }

        void effective() {
            lane(effBands(), r.effY(), r.lane(), LANE_EFF);
        }

        void accesses() {
            double h = r.accessH();
            double tri = Math.min(h * 0.45, r.font() * 0.9);
            List<double[]> taken = new ArrayList<>(); // accesses come in scenario order, not GPA order
            for (AccessResult a : ev.accesses()) {
                double ax = x(gpa.toUnit(a.access().gpa()));
                if (ax < plotL - tri || ax > plotR + tri) {
                    continue;
                }
                Style st = accessStyle(a);
                int fill = t.fill(st);
                double y0 = r.accessY() + 3;
                sc.add(new Scene.Poly(new double[] {ax - tri, ax + tri, ax}, new double[] {y0, y0, y0 + tri * 1.4}, fill, 1,
                        Pattern.NONE, 0, t.foreground(), 1, false));
                String glyph = switch (a.outcome()) {
                    case MAPPED -> "ok";
                    case MMIO_EXIT -> "MMIO";
                    case EFAULT -> "EFAULT";
                    case SIGBUS -> "SIGBUS";
                    case ENOEXEC -> "ENOEXEC";
                    case ABORT_INJECTED -> "abort";
                };
                String text = a.access().kind().id() + " " + glyph;
                double f = r.font() * 0.8;
                double tw = textWidth(text, f);
                double lx = Math.max(plotL + tw / 2, Math.min(plotR - tw / 2, ax)); // keep it off the margin
                if (free(taken, lx - tw / 2 - 4, lx + tw / 2 + 4)) {
                    sc.add(new Scene.Text(lx, y0 + tri * 1.4 + f * 1.05, text, f,
                            t.foreground(), st != Style.ACCESS_OK, Scene.Anchor.MIDDLE));
                    taken.add(new double[] {lx - tw / 2, lx + tw / 2});
                }
                sc.hit(new Scene.Hit(ax - tri, r.accessY(), tri * 2, h, new Ref.Access(a.index()), () -> tooltip(a), st,
                        LANE_ACCESS));
            }
        }

        /**
         * Address labels: every segment start, plus round addresses (a power of two apart, at least
         * ~140 px) inside wide segments. A label that would overlap its left neighbour is dropped.
         */
        void axis(Axis axis, double y, boolean top) {
            view = top ? hView : gView;
            double f = r.font() * 0.78;
            double lastRight = -1e9;
            for (Axis.Segment s : axis.segments()) {
                double x0 = x(s.u0());
                double x1 = x(s.u1());
                if (x1 < plotL || x0 > plotR) {
                    continue;
                }
                if (x0 >= plotL) {
                    lastRight = tick(s.first(), x0, y, top, f, lastRight);
                }
                double bytesPerPx = s.bytes() / Math.max(1e-9, x1 - x0);
                double want = bytesPerPx * 140;
                if (want >= 0x1p62 || x1 - x0 < 280) {
                    continue;
                }
                long step = Long.highestOneBit(Math.max(1, (long) want)) << 1;
                double lx = Math.max(x0, plotL);
                long from = axis.toAddress(view.u0() + (lx - plotL) / (plotR - plotL) * view.span());
                long a = U64.alignUp(from, step);
                for (int guard = 0; guard < 64 && a != 0 && U64.le(a, s.last()) && U64.le(s.first(), a); guard++) {
                    double ax = x(axis.toUnit(a));
                    if (ax > Math.min(x1, plotR)) {
                        break;
                    }
                    if (ax > x0 + 1) {
                        lastRight = tick(a, ax, y, top, f, lastRight);
                    }
                    long next = a + step;
                    if (U64.lt(next, a)) {
                        break;
                    }
                    a = next;
                }
            }
        }

        private double tick(long addr, double lx, double y, boolean top, double f, double lastRight) {
            String text = U64.hex(addr);
            double tw = textWidth(text, f);
            if (lx > lastRight + 8 && lx + tw <= plotR + 8) {
                sc.add(new Scene.Line(lx, top ? y + 3 : y - f * 1.2, lx, top ? y + 9 : y - f * 1.2 - 6, t.muted(), 1, false));
                sc.add(new Scene.Text(lx + 2, y, text, f, t.muted(), false, Scene.Anchor.START));
                return lx + tw;
            }
            return lastRight;
        }

        /** A zig-zag across every lane at each collapsed gap, with the gap's size under the GPA axis. */
        void breaks() {
            breakMarks(hva, r.vmaY(), r.vmaY() + r.lane(), -1);
            breakMarks(gpa, r.s2Y(), r.accessY() + r.accessH(), r.gpaAxisY() + r.font() * 2.4);
        }

        private void breakMarks(Axis axis, double yTop, double yBottom, double labelY) {
            view = axis == hva ? hView : gView;
            double f = r.font() * 0.72;
            double lastRight = -1e9;
            for (Axis.Break b : axis.breaks()) {
                double x0 = x(b.u0());
                double x1 = x(b.u1());
                if (x1 < plotL || x0 > plotR) {
                    continue;
                }
                double cx = (x0 + x1) / 2;
                sc.add(new Scene.Rect(Math.max(plotL, x0), yTop, Math.max(1, Math.min(x1, plotR) - Math.max(plotL, x0)),
                        yBottom - yTop, t.background(), Pattern.NONE, 0, -1, 0, false, false));
                double[] xs = new double[9];
                double[] ys = new double[9];
                for (int i = 0; i < 9; i++) {
                    xs[i] = cx + ((i % 2 == 0) ? -3 : 3);
                    ys[i] = yTop + (yBottom - yTop) * i / 8.0;
                }
                for (int i = 0; i < 8; i++) {
                    sc.add(new Scene.Line(xs[i], ys[i], xs[i + 1], ys[i + 1], t.muted(), 1.2, false));
                }
                if (labelY > 0) {
                    String text = "gap " + U64.human(gapBytes(b));
                    double tw = textWidth(text, f);
                    if (cx - tw / 2 > lastRight + 6) {
                        sc.add(new Scene.Text(cx, labelY, text, f, t.muted(), false, Scene.Anchor.MIDDLE));
                        lastRight = cx + tw / 2;
                    }
                }
            }
        }

        private long gapBytes(Axis.Break b) {
            return b.last() - b.first() + 1;
        }

        void changed(List<long[]> ranges) {
            for (long[] g : ranges) {
                double x0 = Math.max(plotL, x(gpa.toUnit(g[0])));
                double x1 = Math.min(plotR, x(gpa.endUnit(g[0], g[1])));
                if (x1 < plotL || x0 > plotR) {
                    continue;
                }
                sc.add(new Scene.Rect(x0 - 2, r.s2Y() - 3, Math.max(3, x1 - x0) + 4, r.effY() + r.lane() - r.s2Y() + 6,
                        0, Pattern.NONE, 0, t.highlight(), 4, false, true));
            }
        }

        void selection(Ref ref) {
            if (ref instanceof Ref.None) {
                return;
            }
            double[][] poly = connectorShapes.get(ref);
            if (poly != null) {
                sc.add(new Scene.Poly(poly[0], poly[1], 0, 0, Pattern.NONE, 0, t.selection(), 3, false));
            }
            for (Scene.Hit h : sc.hits()) {
                if (poly != null && h.lane().equals(LANE_SLOT)) {
                    continue;
                }
                if (h.ref().equals(ref) || overlapsGpa(ref, h)) {
                    sc.add(new Scene.Rect(h.x() - 1, h.y() - 1, Math.max(2, h.w()) + 2, h.h() + 2, 0, Pattern.NONE, 0,
                            t.selection(), 2.5, false, true));
                }
            }
        }

        private boolean overlapsGpa(Ref ref, Scene.Hit h) {
            return ref instanceof Ref.GpaRange g && h.ref() instanceof Ref.GpaRange o && h.lane().equals(LANE_S2)
                    && g.equals(o);
        }

        void legend(double y) {
            double f = r.font() * 0.85;
            double x = plotL;
            double sw = r.font() * 1.6;
            double rowH = r.font() * 1.9;
            sc.add(new Scene.Text(8, y + rowH * 0.6, "Legend", r.font(), t.foreground(), true, Scene.Anchor.START));
            for (Style s : stylesUsed()) {
                double w = sw + 6 + textWidth(s.label(), f) + r.font() * 1.5;
                if (x + w > plotR && x > plotL) {
                    x = plotL;
                    y += rowH;
                }
                int fill = t.fill(s);
                sc.add(new Scene.Rect(x, y + 4, sw, rowH - 10, fill, t.pattern(s), Theme.patternOn(fill), t.muted(), 1,
                        s == Style.SLOT_REFUSED, false));
                sc.add(new Scene.Text(x + sw + 6, y + rowH * 0.6, s.label(), f, t.foreground(), false, Scene.Anchor.START));
                x += w;
            }
        }
    }

    /** "Normal-WB" -> "WB", "Device-nGnRE" -> "Dev": what fits in a narrow band. */
    /** "nvgrace-gpu usemem (/dev/vfio/..., BAR4)" -> "nvgrace-gpu usemem": the name without its detail. */
    static String withoutDetail(String label) {
        if (label == null) {
            return "";
        }
        int paren = label.indexOf(" (");
        return paren > 0 ? label.substring(0, paren) : label;
    }

    /** The longest prefix of {@code text} plus an ellipsis that fits, or null when not even 3 characters do. */
    private static String ellipsize(String text, double font, double avail) {
        for (int n = text.length() - 1; n >= 3; n--) {
            String cand = text.substring(0, n).strip() + "\u2026";
            if (textWidth(cand, font) <= avail) {
                return cand;
            }
        }
        return null;
    }

    static String shortType(String type) {
        if (type == null) {
            return "";
        }
        if (type.startsWith("Normal-")) {
            return type.substring(7);
        }
        if (type.startsWith("Device")) {
            return "Dev";
        }
        return type;
    }
}
