package org.stage2scope.render;

import org.stage2scope.model.U64;

/** Address labels along an axis, and the break marks where an empty gap collapses. */
final class AxisMarks {
    private final Frame f;
    private final Axis axis;
    private final Plot p;

    AxisMarks(Frame f, Axis axis, Plot p) {
        this.f = f;
        this.axis = axis;
        this.p = p;
    }

    /**
     * Address labels: every segment start, plus round addresses (a power of two apart, at least
     * ~140 px) inside wide segments. A label that would overlap its left neighbour is dropped.
     */
    void ticks(double y, boolean top) {
        double fs = f.font() * 0.78;
        double plotL = f.left();
        double plotR = f.right();
        double lastRight = -1e9;
        for (Axis.Segment s : axis.segments()) {
            double x0 = p.x(s.u0());
            double x1 = p.x(s.u1());
            if (x1 < plotL || x0 > plotR) {
                continue;
            }
            if (x0 >= plotL) {
                lastRight = tick(s.first(), x0, y, top, fs, lastRight);
            }
            double bytesPerPx = s.bytes() / Math.max(1e-9, x1 - x0);
            double want = bytesPerPx * 140;
            if (want >= 0x1p62 || x1 - x0 < 280) {
                continue;
            }
            long step = Long.highestOneBit(Math.max(1, (long) want)) << 1;
            double lx = Math.max(x0, plotL);
            View view = p.view();
            long from = axis.toAddress(view.u0() + (lx - plotL) / (plotR - plotL) * view.span());
            long a = U64.alignUp(from, step);
            for (int guard = 0; guard < 64 && a != 0 && U64.le(a, s.last()) && U64.le(s.first(), a); guard++) {
                double ax = p.x(axis.toUnit(a));
                if (ax > Math.min(x1, plotR)) {
                    break;
                }
                if (ax > x0 + 1) {
                    lastRight = tick(a, ax, y, top, fs, lastRight);
                }
                long next = a + step;
                if (U64.lt(next, a)) {
                    break;
                }
                a = next;
            }
        }
    }

    private double tick(long addr, double lx, double y, boolean top, double fs, double lastRight) {
        String text = U64.hex(addr);
        double tw = TextFit.width(text, fs);
        if (lx > lastRight + 8 && lx + tw <= f.right() + 8) {
            Theme t = f.theme();
            f.scene().add(new Scene.Line(lx, top ? y + 3 : y - fs * 1.2, lx, top ? y + 9 : y - fs * 1.2 - 6, t.muted(), 1,
                    false));
            f.scene().add(new Scene.Text(lx + 2, y, text, fs, t.muted(), false, Scene.Anchor.START));
            return lx + tw;
        }
        return lastRight;
    }

    /**
     * A zig-zag across the lanes from {@code yTop} to {@code yBottom} at each collapsed gap, with the
     * gap's size at {@code labelY} (none when labelY is negative).
     */
    void breaks(double yTop, double yBottom, double labelY) {
        Theme t = f.theme();
        double fs = f.font() * 0.72;
        double lastRight = -1e9;
        for (Axis.Break b : axis.breaks()) {
            double x0 = p.x(b.u0());
            double x1 = p.x(b.u1());
            if (x1 < f.left() || x0 > f.right()) {
                continue;
            }
            double cx = (x0 + x1) / 2;
            f.scene().add(new Scene.Rect(Math.max(f.left(), x0), yTop,
                    Math.max(1, Math.min(x1, f.right()) - Math.max(f.left(), x0)), yBottom - yTop, t.background(),
                    Pattern.NONE, 0, -1, 0, false, false));
            double[] xs = new double[9];
            double[] ys = new double[9];
            for (int i = 0; i < 9; i++) {
                xs[i] = cx + ((i % 2 == 0) ? -3 : 3);
                ys[i] = yTop + (yBottom - yTop) * i / 8.0;
            }
            for (int i = 0; i < 8; i++) {
                f.scene().add(new Scene.Line(xs[i], ys[i], xs[i + 1], ys[i + 1], t.muted(), 1.2, false));
            }
            if (labelY > 0) {
                String text = "gap " + U64.human(b.last() - b.first() + 1);
                double tw = TextFit.width(text, fs);
                if (cx - tw / 2 > lastRight + 6) {
                    f.scene().add(new Scene.Text(cx, labelY, text, fs, t.muted(), false, Scene.Anchor.MIDDLE));
                    lastRight = cx + tw / 2;
                }
            }
        }
    }
}
