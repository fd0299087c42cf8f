package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.model.U64;

/**
 * A 64-bit address space squeezed onto [0, 1]: used ranges get width (growing with the log of their
 * size, so a 4 KiB page and a 512 GiB aperture are both visible), and each empty gap between them
 * collapses to a fixed-width break that is labelled with its size. Linear inside a segment.
 * Addresses are unsigned; ranges are kept as inclusive [first, last] so one ending at 2^64 is fine.
 */
public final class Axis {

    /** A used stretch of addresses and where it sits on [0, 1]. */
    public record Segment(long first, long last, double u0, double u1) {
        /** Bytes covered, as a double (the full 2^64 space does not fit a long). */
        public double bytes() {
            return ud(last - first) + 1;
        }
    }

    /** A collapsed gap: its bytes and its place on [0, 1]. */
    public record Break(long first, long last, double u0, double u1) {
        public double bytes() {
            return ud(last - first) + 1;
        }
    }

    /** Share of the axis every break takes, relative to one weight unit of a segment. */
    static final double BREAK_WEIGHT = 1.2;

    private final List<Segment> segments;
    private final List<Break> breaks;

    private Axis(List<Segment> segments, List<Break> breaks) {
        this.segments = List.copyOf(segments);
        this.breaks = List.copyOf(breaks);
    }

    public List<Segment> segments() {
        return segments;
    }

    public List<Break> breaks() {
        return breaks;
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Unsigned long to double without losing the top bit. */
    public static double ud(long v) {
        return v >= 0 ? v : ((v >>> 1) * 2.0) + (v & 1);
    }

    /**
     * Builds an axis over {@code ranges} (each {start, size}; empty ones ignored). Ranges closer than
     * a sixteenth of the smaller neighbour stay in one linear segment, so adjacent memslots do not get
     * a break mark between them.
     */
    public static Axis of(List<long[]> ranges) {
        List<long[]> r = new ArrayList<>();
        for (long[] x : ranges) {
            if (x[1] != 0) {
                long size = U64.fits(x[0], x[1]) ? x[1] : -x[0]; // clip a wrapping range at 2^64
                r.add(new long[] {x[0], U64.last(x[0], size)});
            }
        }
        if (r.isEmpty()) {
            return new Axis(List.of(), List.of());
        }
        r.sort((a, b) -> U64.compare(a[0], b[0]));
        List<long[]> clusters = new ArrayList<>();
        long[] cur = r.get(0).clone();
        for (int i = 1; i < r.size(); i++) {
            long[] n = r.get(i);
            if (U64.le(n[0], cur[1]) || cur[1] == -1L) {
                cur[1] = U64.max(cur[1], n[1]);
                continue;
            }
            double gap = ud(n[0] - cur[1] - 1);
            double smaller = Math.min(ud(cur[1] - cur[0]) + 1, ud(n[1] - n[0]) + 1);
            if (gap <= smaller / 16) {
                cur[1] = U64.max(cur[1], n[1]);
            } else {
                clusters.add(cur);
                cur = n.clone();
            }
        }
        clusters.add(cur);

        double[] weights = new double[clusters.size()];
        double total = 0;
        for (int i = 0; i < clusters.size(); i++) {
            long[] c = clusters.get(i);
            double bytes = ud(c[1] - c[0]) + 1;
            weights[i] = Math.max(1.0, Math.log(bytes) / Math.log(2) - 11); // 4 KiB -> 1, 2 MiB -> 10, 1 GiB -> 19
            total += weights[i];
        }
        total += BREAK_WEIGHT * (clusters.size() - 1);
        List<Segment> segs = new ArrayList<>();
        List<Break> brks = new ArrayList<>();
        double u = 0;
        for (int i = 0; i < clusters.size(); i++) {
            long[] c = clusters.get(i);
            double w = weights[i] / total;
            segs.add(new Segment(c[0], c[1], u, u + w));
            u += w;
            if (i + 1 < clusters.size()) {
                double bw = BREAK_WEIGHT / total;
                brks.add(new Break(c[1] + 1, clusters.get(i + 1)[0] - 1, u, u + bw));
                u += bw;
            }
        }
        return new Axis(segs, brks);
    }

    /** Position of an address on [0, 1]; addresses in a gap land proportionally inside its break. */
    public double toUnit(long addr) {
        if (segments.isEmpty()) {
            return 0;
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) { // last segment whose first <= addr
            int mid = (lo + hi + 1) >>> 1;
            if (U64.le(segments.get(mid).first(), addr)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Segment s = segments.get(lo);
        if (U64.lt(addr, s.first())) {
            return s.u0();
        }
        if (U64.le(addr, s.last())) {
            return s.u0() + (s.u1() - s.u0()) * ud(addr - s.first()) / s.bytes();
        }
        if (lo < breaks.size()) {
            Break b = breaks.get(lo);
            return b.u0() + (b.u1() - b.u0()) * ud(addr - b.first()) / b.bytes();
        }
        return s.u1();
    }

    /** Position of the exclusive end of [start, start + size), correct when it ends at 2^64. */
    public double endUnit(long start, long size) {
        if (size == 0) {
            return toUnit(start);
        }
        long last = U64.last(start, size);
        Segment s = segmentOf(last);
        if (s != null) {
            return s.u0() + (s.u1() - s.u0()) * (ud(last - s.first()) + 1) / s.bytes();
        }
        return toUnit(last);
    }

    /** The address at a position (for tooltips and zoom anchoring). */
    public long toAddress(double u) {
        for (Segment s : segments) {
            if (u <= s.u1()) {
                double f = Math.max(0, (u - s.u0()) / (s.u1() - s.u0()));
                return s.first() + fromDouble(f * s.bytes());
            }
        }
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).last();
    }

    /** The segment holding {@code addr}, or null when it lies in a gap or outside. Binary search. */
    public Segment segmentOf(long addr) {
        if (segments.isEmpty()) {
            return null;
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (U64.le(segments.get(mid).first(), addr)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Segment s = segments.get(lo);
        return U64.le(s.first(), addr) && U64.le(addr, s.last()) ? s : null;
    }

    private static long fromDouble(double d) {
        if (d < 0x1p63) {
            return (long) d;
        }
        return ((long) (d / 2)) << 1;
    }
}
