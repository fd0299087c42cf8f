package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.model.U64;

/**
 * Address labels along an axis, and the break marks where an empty gap collapses. Every axis keeps
 * at least two readable labels at any zoom: round addresses where there is room, the view's own
 * edges otherwise.
 */
final class AxisMarks {
    private final Frame f;
    private final Axis axis;
    private final Plot p;
    private final String name;

    AxisMarks(Frame f, Axis axis, Plot p, String name) {
        this.f = f;
        this.axis = axis;
        this.p = p;
        this.name = name;
    }

    /** A tick at {@code x}; its label must end before {@code limit}, where its segment ends at a gap break. */
    private record Tick(long addr, double x, Scene.Anchor anchor, double limit) {}

    /** Round addresses a power of two apart inside each visible segment, plus each visible segment start. */
    void ticks(double y, boolean top) {
        double fs = f.font() * 0.78;
        double plotL = f.left();
        double plotR = f.right();
        List<Tick> want = new ArrayList<>();
        double sample = TextFit.width("0x" + "f".repeat(11), fs) + 24;
        for (Axis.Segment s : axis.segments()) {
            double x0 = p.x(s.u0());
            double x1 = p.x(s.u1());
            if (x1 < plotL || x0 > plotR) {
                continue;
            }
            // A label running past its segment's end would sit under the next segment, across the gap break,
            // and read as that segment's start address.
            double limit = x1 >= plotR ? plotR + 8 : x1 - 4;
            if (x0 >= plotL) {
                want.add(new Tick(s.first(), x0, Scene.Anchor.START, limit));
            }
            double bytesPerPx = s.bytes() / Math.max(1e-9, x1 - x0);
            double stepBytes = bytesPerPx * sample;
            if (stepBytes >= 0x1p62) {
                continue;
            }
            long step = Math.max(1, Long.highestOneBit(Math.max(1, (long) Math.ceil(stepBytes))));
            if (step < stepBytes) {
                step <<= 1;
            }
            long from = axis.toAddress(p.u(Math.max(x0, plotL)));
            long a = U64.alignUp(from, step);
            for (int guard = 0; guard < 256 && U64.le(s.first(), a) && U64.le(a, s.last()); guard++) {
                double ax = p.x(axis.toUnit(a));
                if (ax > Math.min(x1, plotR)) {
                    break;
                }
                if (ax > x0 + 1 && ax >= plotL) {
                    want.add(new Tick(a, ax, Scene.Anchor.START, limit));
                }
                long next = a + step;
                if (U64.lt(next, a) || a == 0 && step == 0) {
                    break;
                }
                a = next;
            }
        }
        want.sort((a, b) -> Double.compare(a.x(), b.x()));
        List<Tick> placed = greedy(want, fs);
        boolean edges = placed.size() < 2;
        if (edges) {
            // Deep inside one segment (or a gap): label the view's own edges, exactly.
            placed = List.of(new Tick(edgeAddress(plotL, true), plotL, Scene.Anchor.START, plotR),
                    new Tick(edgeAddress(plotR, false), plotR, Scene.Anchor.END, plotR));
        }
        Theme t = f.theme();
        for (Tick k : placed) {
            String text = U64.hex(k.addr());
            f.scene().add(new Scene.Line(k.x(), top ? y + 3 : y - fs * 1.2, k.x(), top ? y + 9 : y - fs * 1.2 - 6, t.muted(), 1,
                    false), Scene.Meta.of("tick " + name));
            double tx = k.anchor() == Scene.Anchor.START ? k.x() + 2 : k.x() - 2;
            f.scene().add(new Scene.Text(tx, y, text, fs, t.muted(), false, k.anchor()),
                    new Scene.Meta("label tick " + name + (edges ? " edge" : ""), null, text, null, null));
        }
    }

    /**
     * The address at a view edge. Inside a collapsed gap no address has a place, so the edge is named by the
     * gap's own bound on that side (its first byte on the left, its last on the right): the two labels then
     * say the view lies in that gap, not that it starts at the next segment twice.
     */
    private long edgeAddress(double x, boolean left) {
        double u = p.u(x);
        for (Axis.Break b : axis.breaks()) {
            if (u >= b.u0() && u <= b.u1()) {
                return left ? b.first() : b.last();
            }
        }
        return axis.toAddress(u);
    }

    /** Keeps ticks left to right that do not overlap the previous one and end inside their segment and the plot. */
    private List<Tick> greedy(List<Tick> want, double fs) {
        List<Tick> out = new ArrayList<>();
        double lastRight = -1e9;
        for (Tick k : want) {
            double tw = TextFit.width(U64.hex(k.addr()), fs);
            if (k.x() > lastRight + 10 && k.x() + 2 + tw <= Math.min(k.limit(), f.right() + 8)) {
                out.add(k);
                lastRight = k.x() + 2 + tw;
            }
        }
        return out;
    }

    /**
     * A zig-zag across the lanes from {@code yTop} to {@code yBottom} at each collapsed gap, with the
     * gap's size at {@code labelY} (none when labelY is negative), clear of {@code taken}.
     */
    void breaks(double yTop, double yBottom, double labelY, Occupied taken) {
        Theme t = f.theme();
        double fs = f.font() * 0.72;
        for (Axis.Break b : axis.breaks()) {
            double x0 = p.x(b.u0());
            double x1 = p.x(b.u1());
            if (p.shown(b.u0(), b.u1()) < 1) {
                continue;
            }
            // A view whose edge falls inside the break (a zoom with a margin) shows only part of it: the
            // zig-zag goes in the middle of that part, or the reader sees blank lanes and no break at all.
            double cx = Math.max(f.left() + 3, Math.min(f.right() - 3, (Math.max(f.left(), x0) + Math.min(f.right(), x1)) / 2));
            f.scene().add(new Scene.Rect(Math.max(f.left(), x0), yTop,
                    Math.max(1, Math.min(x1, f.right()) - Math.max(f.left(), x0)), yBottom - yTop, t.background(),
                    Pattern.NONE, 0, -1, 0, false, false), Scene.Meta.range("gap " + name, null, b.first(),
                    b.last() - b.first() + 1, null));
            double[] xs = new double[9];
            double[] ys = new double[9];
            for (int i = 0; i < 9; i++) {
                xs[i] = cx + ((i % 2 == 0) ? -3 : 3);
                ys[i] = yTop + (yBottom - yTop) * i / 8.0;
            }
            for (int i = 0; i < 8; i++) {
                f.scene().add(new Scene.Line(xs[i], ys[i], xs[i + 1], ys[i + 1], t.muted(), 1.2, false),
                        Scene.Meta.of("break " + name));
            }
            if (labelY > 0) {
                String text = "gap " + U64.human(b.last() - b.first() + 1);
                double tw = TextFit.width(text, fs);
                if (taken.free(cx - tw / 2 - 6, cx + tw / 2 + 6) && cx - tw / 2 >= f.left() && cx + tw / 2 <= f.right()) {
                    f.scene().add(new Scene.Text(cx, labelY, text, fs, t.muted(), false, Scene.Anchor.MIDDLE),
                            Scene.Meta.of("label gap"));
                    taken.take(cx - tw / 2, cx + tw / 2);
                }
            }
        }
    }

    /** Bytes one pixel stands for in this view (the axis has one linear scale). */
    double bytesPerPixel() {
        return axis.bytesPerUnit() / p.pxPerUnit();
    }
}
