package org.stage2scope.render;

import java.util.List;
import java.util.function.Predicate;
import org.stage2scope.render.Bands.Band;

/**
 * Draws one lane of bands: culls what is outside the view, merges consecutive bands that share a
 * pixel (the most severe style wins, so an error is never hidden by a neighbour), and draws fills,
 * patterns, block ticks, the labels that fit, and the hit regions. A band that matters (it carries a
 * finding or an access) but is narrower than {@link #MIN_WIDTH} gets a marker of that width centred
 * on its true place, outlined as "not to scale", so the lane's widths stay true and it still shows.
 */
final class BandLane {
    /** Narrowest band a reviewer can see and point at on a projector. */
    static final double MIN_WIDTH = 12;

    /** What a lane needs besides its bands. */
    record Spec(String lane, double y, double h, Predicate<Band> dimmed, Predicate<Band> matters) {}

    private final Frame f;
    private final Plot p;
    private final Spec spec;
    private final double y;
    private final double h;
    /** Side labels already placed in this lane, so two of them never overlap. */
    private final Occupied sideLabels = new Occupied();
    /** Spans of the labels inside bands, which a callout must not cover. */
    private final Occupied bandLabels = new Occupied();

    private BandLane(Frame f, Plot p, Spec spec) {
        this.f = f;
        this.p = p;
        this.spec = spec;
        this.y = spec.y();
        this.h = spec.h();
    }

    static void draw(Frame f, Plot p, List<Band> bands, Spec spec) {
        new BandLane(f, p, spec).draw(bands);
    }

    private String cls(Band b, String extra) {
        return "band " + spec.lane() + extra;
    }

    private void draw(List<Band> bands) {
        Scene sc = f.scene();
        Theme t = f.theme();
        double plotL = f.left();
        double plotR = f.right();
        int n = bands.size();
        int lo = 0;
        int hi = n;
        while (lo < hi) { // first band whose end is inside the view (bands in a lane do not overlap)
            int mid = (lo + hi) >>> 1;
            if (p.x(bands.get(mid).u1()) < plotL) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo;
        int firstShown = lo;
        while (i < n) {
            Band b = bands.get(i);
            double x0 = p.x(b.u0());
            double x1 = p.x(b.u1());
            if (x0 > plotR) {
                break;
            }
            if (x1 < plotL) {
                i++;
                continue;
            }
            if (spec.dimmed().test(b)) {
                dimmed(b, Math.max(x0, plotL), Math.min(Math.max(x1, x0 + 1), plotR));
                i++;
                continue;
            }
            if (x1 - x0 < 1) {
                i = mergeSubPixel(bands, i, x0, x1);
                continue;
            }
            double cx0 = Math.max(x0, plotL);
            double cx1 = Math.min(x1, plotR);
            int fill = t.fill(b.style());
            boolean refused = b.style() == Style.SLOT_REFUSED;
            String clipped = cx0 > x0 || cx1 < x1 ? " clipped" : "";
            sc.add(new Scene.Rect(cx0, y, cx1 - cx0, h, fill, t.pattern(b.style()), Theme.patternOn(fill),
                    t.background(), 1, refused, false),
                    Scene.Meta.range(cls(b, clipped), b.ref(), b.start(), b.size(), b.outcome()));
            blockTicks(b, x0, x1, fill);
            label(b, cx0, cx1, fill);
            sc.hit(new Scene.Hit(cx0, y, cx1 - cx0, h, b.ref(), b.tip(), b.style(), spec.lane()));
            i++;
        }
        markers(bands, firstShown, i);
    }

    /** A band outside the story of the view (a VMA backing no slot in view): a pale outline, no label. */
    private void dimmed(Band b, double x0, double x1) {
        Theme t = f.theme();
        f.scene().add(new Scene.Rect(x0, y + 2, Math.max(1, x1 - x0), h - 4, t.laneBackground(), Pattern.NONE, 0, t.grid(),
                1, true, false), Scene.Meta.range(cls(b, " unrelated"), b.ref(), b.start(), b.size(), b.outcome()));
        f.scene().hit(new Scene.Hit(x0, y, Math.max(1, x1 - x0), h, b.ref(),
                () -> "Backs no memslot in view (dimmed).\n" + b.tip().get(), b.style(), spec.lane()));
    }

    /** Minimum-width markers for narrow bands that matter, drawn over the lane. */
    private void markers(List<Band> bands, int from, int to) {
        Theme t = f.theme();
        for (int i = from; i < to; i++) {
            Band b = bands.get(i);
            double x0 = p.x(b.u0());
            double x1 = p.x(b.u1());
            if (x1 - x0 >= MIN_WIDTH || x1 < f.left() || x0 > f.right() || spec.dimmed().test(b) || !spec.matters().test(b)) {
                continue;
            }
            double cx = Math.max(f.left() + MIN_WIDTH / 2, Math.min(f.right() - MIN_WIDTH / 2, (x0 + x1) / 2));
            int fill = t.fill(b.style());
            f.scene().add(new Scene.Rect(cx - MIN_WIDTH / 2, y + 1, MIN_WIDTH, h - 2, fill, t.pattern(b.style()),
                    Theme.patternOn(fill), t.foreground(), 1.5, true, false),
                    Scene.Meta.range(cls(b, " widened"), b.ref(), b.start(), b.size(), b.outcome()));
            f.scene().hit(new Scene.Hit(cx - MIN_WIDTH / 2, y, MIN_WIDTH, h, b.ref(),
                    () -> "Drawn wider than to scale so it stays visible.\n" + b.tip().get(), b.style(), spec.lane()));
            sideLabel(bands, i, cx);
        }
    }

    /**
     * A widened band is too narrow for its own label (the UC sliver that is a sample's whole point), so its
     * shortest label goes beside the marker, right then left, but only over empty lane: text over a
     * neighbouring band would read as that band's type.
     */
    private void sideLabel(List<Band> bands, int i, double cx) {
        Band b = bands.get(i);
        List<String> labels = b.labels();
        if (labels.isEmpty()) {
            return;
        }
        double fs = Math.min(f.font(), h * 0.42);
        String text = labels.get(labels.size() - 1);
        double tw = TextFit.width(text, fs);
        double half = MIN_WIDTH / 2;
        for (double x0 : new double[] {cx + half + 3, cx - half - 3 - tw - 6}) {
            double x1 = x0 + tw + 6;
            if (x0 < f.left() || x1 > f.right() || !sideLabels.free(x0, x1) || !emptyLane(bands, i, x0, x1)) {
                continue;
            }
            sideLabels.take(x0, x1);
            Theme t = f.theme();
            f.scene().add(f.rect(x0, y + h / 2 - fs * 0.7, tw + 6, fs * 1.4, t.laneBackground()), Scene.Meta.of("plate"));
            f.scene().add(new Scene.Text(x0 + 3 + tw / 2, y + h / 2 + fs * 0.36, text, fs, t.foreground(), false,
                    Scene.Anchor.MIDDLE), Scene.Meta.of("label " + spec.lane() + " side", b.ref()));
            return;
        }
        if (text.startsWith("\u26a0")) { // shorter words when the long ones find no room: "\u26a0 Dev", then the sign
            for (String c : List.of(text, labels.get(Math.max(0, labels.size() - 2)), "\u26a0")) {
                if (c.startsWith("\u26a0") && callout(b, cx, c, fs, TextFit.width(c, fs))) {
                    return;
                }
            }
        } else {
            // A widened band matters (a finding or an access): its type is named even when only a callout fits.
            callout(b, cx, text, fs, tw);
        }
    }

    /**
     * A warning on a band too narrow for its label, with no empty lane beside it (the 16 MiB BAR next to
     * 4 GiB of RAM): the label goes over the neighbour anyway, on an outlined plate with a leader from the
     * marker, so it reads as a callout about the marker and not as the neighbour's type.
     */
    private boolean callout(Band b, double cx, String text, double fs, double tw) {
        double half = MIN_WIDTH / 2;
        for (double x0 : new double[] {cx + half + 10, cx - half - 10 - tw - 6}) {
            double x1 = x0 + tw + 6;
            if (x0 < f.left() || x1 > f.right() || !sideLabels.free(x0 - 2, x1 + 2) || !bandLabels.free(x0 - 2, x1 + 2)) {
                continue;
            }
            sideLabels.take(x0, x1);
            Theme t = f.theme();
            double edge = x0 > cx ? x0 : x1;
            f.scene().add(new Scene.Line(x0 > cx ? cx + half : cx - half, y + h / 2, edge, y + h / 2, t.foreground(), 1.5, false),
                    Scene.Meta.of("leader " + spec.lane()));
            f.scene().add(new Scene.Rect(x0, y + h / 2 - fs * 0.75, tw + 6, fs * 1.5, t.laneBackground(), Pattern.NONE, 0,
                    t.foreground(), 1, false, false), Scene.Meta.of("plate callout"));
            f.scene().add(new Scene.Text(x0 + 3 + tw / 2, y + h / 2 + fs * 0.36, text, fs, t.foreground(), false,
                    Scene.Anchor.MIDDLE), Scene.Meta.of("label " + spec.lane() + " side callout", b.ref()));
            f.scene().hit(new Scene.Hit(x0, y + h / 2 - fs * 0.75, tw + 6, fs * 1.5, b.ref(), b.tip(), b.style(), spec.lane()));
            return true;
        }
        return false;
    }

    /**
     * True when no band of this lane other than band {@code own} (nor its widened marker) is drawn within
     * [x0, x1]. Bands in a lane are sorted and disjoint, so the walk goes outwards from {@code own} and
     * stops at the first band past the span: a few steps per marker.
     */
    private boolean emptyLane(List<Band> bands, int own, double x0, double x1) {
        for (int j = own + 1; j < bands.size() && drawnFrom(bands.get(j)) < x1; j++) {
            if (!spec.dimmed().test(bands.get(j)) && drawnTo(bands.get(j)) > x0) {
                return false;
            }
        }
        for (int j = own - 1; j >= 0 && drawnTo(bands.get(j)) > x0; j--) {
            if (!spec.dimmed().test(bands.get(j)) && drawnFrom(bands.get(j)) < x1) {
                return false;
            }
        }
        return true;
    }

    /** Left edge of a band as drawn: its true place, or its widened marker. */
    private double drawnFrom(Band o) {
        double ox0 = p.x(o.u0());
        double ox1 = p.x(o.u1());
        return spec.matters().test(o) && ox1 - ox0 < MIN_WIDTH ? Math.min(ox0, (ox0 + ox1 - MIN_WIDTH) / 2) : ox0;
    }

    /** Right edge of a band as drawn (at least one pixel, or its widened marker). */
    private double drawnTo(Band o) {
        double ox0 = p.x(o.u0());
        double ox1 = Math.max(p.x(o.u1()), ox0 + 1);
        return spec.matters().test(o) && ox1 - ox0 < MIN_WIDTH ? Math.max(ox1, (ox0 + ox1 + MIN_WIDTH) / 2) : ox1;
    }

    /** Merges band {@code i} and the following sub-pixel bands into one pixel-wide bar; returns the next index. */
    private int mergeSubPixel(List<Band> bands, int i, double x0, double x1) {
        Band b = bands.get(i);
        Style worst = b.style();
        int count = 1;
        double mx1 = x1;
        int j = i + 1;
        while (j < bands.size()) {
            Band c = bands.get(j);
            double cx0 = p.x(c.u0());
            double cx1 = p.x(c.u1());
            if (cx1 - cx0 >= 1 || cx0 > x0 + 1.5 || spec.dimmed().test(c)) {
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
        f.scene().add(new Scene.Rect(x0, y, w, h, f.theme().fill(shown), Pattern.NONE, 0, -1, 0, false, false),
                count == 1 ? Scene.Meta.range(cls(b, " subpixel"), b.ref(), b.start(), b.size(), b.outcome())
                        : new Scene.Meta(cls(b, " merged"), null, null, null, shown.name()));
        int merged = count;
        Style worstF = worst;
        f.scene().hit(new Scene.Hit(x0, y, w, h, b.ref(), merged == 1 ? b.tip()
                : () -> merged + " runs narrower than a pixel here; zoom in.\nMost severe: " + worstF.label()
                        + "\nfirst:\n" + b.tip().get(), shown, spec.lane()));
        return j;
    }

    private void blockTicks(Band b, double x0, double x1, int fill) {
        if (b.blockSize() <= 0 || b.size() == 0) {
            return;
        }
        double per = (x1 - x0) * Axis.ud(b.blockSize()) / Axis.ud(b.size());
        if (per < 8 || per >= x1 - x0) {
            return;
        }
        long k = (long) Math.max(1, Math.ceil((f.left() - x0) / per));
        int col = Theme.patternOn(fill);
        for (int guard = 0; guard < 4000; guard++, k++) {
            double tx = x0 + k * per;
            if (tx >= Math.min(x1, f.right())) {
                break;
            }
            f.scene().add(new Scene.Line(tx, y + h - 7, tx, y + h, col, 1, false), Scene.Meta.of("block-tick"));
        }
    }

    private void label(Band b, double cx0, double cx1, int fill) {
        double fs = Math.min(f.font(), h * 0.42);
        double avail = cx1 - cx0 - 8;
        List<String> labels = b.labels();
        String text = TextFit.firstFitting(fs, avail, labels.toArray(String[]::new));
        if (text == null) {
            text = TextFit.ellipsize(labels.get(labels.size() - 1), fs, avail);
        }
        if (text == null) {
            return;
        }
        // Labels sit on a plate of the band colour so patterns never cross the glyphs.
        double tw = TextFit.width(text, fs);
        double cx = (cx0 + cx1) / 2;
        bandLabels.take(cx - tw / 2 - 3, cx + tw / 2 + 3);
        f.scene().add(f.rect(cx - tw / 2 - 3, y + h / 2 - fs * 0.7, tw + 6, fs * 1.4, fill), Scene.Meta.of("plate"));
        f.scene().add(new Scene.Text(cx, y + h / 2 + fs * 0.36, text, fs, Theme.textOn(fill), false, Scene.Anchor.MIDDLE),
                Scene.Meta.of("label " + spec.lane(), b.ref()));
    }
}
