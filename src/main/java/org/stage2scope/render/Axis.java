package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.model.U64;

/**
 * A 64-bit address space squeezed onto [0, 1] at ONE linear scale: every used stretch (segment)
 * gets width in proportion to its bytes, so inside a lane a larger range is never narrower and
 * equal sizes get equal widths; each empty gap between segments collapses to a break of fixed
 * width, labelled with its size. Addresses are unsigned; ranges are kept as inclusive
 * [first, last] so one ending at 2^64 is fine.
 */
public final class Axis {

    /** A range to place on the axis: {@code size} bytes from {@code start} (unsigned; 0 bytes is ignored). */
    public record Span(long start, long size) {}

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

    /** Share of the axis one break takes (all breaks together take at most {@link #BREAKS_MAX}). */
    static final double BREAK_SHARE = 0.025;
    static final double BREAKS_MAX = 0.3;

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

    /** Bytes per unit inside every segment: the axis's one scale. */
    public double bytesPerUnit() {
        if (segments.isEmpty()) {
            return 1;
        }
        Segment s = segments.get(0);
        return s.bytes() / (s.u1() - s.u0());
    }

    /**
     * Builds an axis over {@code ranges} (empty ones ignored). Ranges closer than a sixteenth of the
     * smaller neighbour stay in one segment, so adjacent memslots do not get a break between them.
     */
    public static Axis of(List<Span> ranges) {
        List<long[]> r = new ArrayList<>();
        for (Span x : ranges) {
            if (x.size() != 0) {
                r.add(new long[] {x.start(), U64.lastClipped(x.start(), x.size())}); // a wrapping range ends at 2^64
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

        int nBreaks = clusters.size() - 1;
        double breakU = nBreaks == 0 ? 0 : Math.min(BREAK_SHARE, BREAKS_MAX / nBreaks);
        double total = 0;
        for (long[] c : clusters) {
            total += ud(c[1] - c[0]) + 1;
        }
        double perByte = (1 - breakU * nBreaks) / total;
        List<Segment> segs = new ArrayList<>();
        List<Break> brks = new ArrayList<>();
        double u = 0;
        for (int i = 0; i < clusters.size(); i++) {
            long[] c = clusters.get(i);
            double w = (ud(c[1] - c[0]) + 1) * perByte;
            double end = i == clusters.size() - 1 ? 1 : u + w;
            segs.add(new Segment(c[0], c[1], u, end));
            u = end;
            if (i < nBreaks) {
                brks.add(new Break(c[1] + 1, clusters.get(i + 1)[0] - 1, u, u + breakU));
                u += breakU;
            }
        }
        return new Axis(segs, brks);
    }

    /** Position of an address on [0, 1]; addresses in a gap land proportionally inside its break. */
    public double toUnit(long addr) {
        if (segments.isEmpty()) {
            return 0;
        }
        int i = find(addr);
        if (i < 0) {
            return segments.get(0).u0();
        }
        Segment s = segments.get(i);
        if (U64.le(addr, s.last())) {
            return s.u0() + (s.u1() - s.u0()) * ud(addr - s.first()) / s.bytes();
        }
        if (i < breaks.size()) {
            Break b = breaks.get(i);
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
        int i = find(last);
        if (i >= 0 && U64.le(last, segments.get(i).last())) {
            Segment s = segments.get(i);
            return s.u0() + (s.u1() - s.u0()) * (ud(last - s.first()) + 1) / s.bytes();
        }
        return toUnit(last);
    }

    /** The segment holding {@code addr}, or null when it lies in a break or outside the axis. */
    public Segment segmentAt(long addr) {
        if (segments.isEmpty()) {
            return null;
        }
        int i = find(addr);
        return i >= 0 && U64.le(addr, segments.get(i).last()) ? segments.get(i) : null;
    }

    /** Index of the last segment whose first <= addr, or -1. */
    private int find(long addr) {
        return U64.floorIndex(segments.size(), k -> segments.get(k).first(), addr);
    }

    /** The address at a position (for tooltips, ticks and zoom anchoring); inside a break, its nearest edge. */
    public long toAddress(double u) {
        if (segments.isEmpty()) {
            return 0;
        }
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) { // first segment whose u1 >= u
            int mid = (lo + hi) >>> 1;
            if (segments.get(mid).u1() < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Segment s = segments.get(lo);
        if (u > s.u1()) {
            return s.last();
        }
        if (u < s.u0()) {
            return s.first();
        }
        double f = Math.max(0, (u - s.u0()) / (s.u1() - s.u0()));
        long off = fromDouble(f * s.bytes());
        return U64.lt(s.last() - s.first(), off) ? s.last() : s.first() + off;
    }

    /**
     * The first byte drawn at or right of position {@code u} (a view's left edge). Inside a collapsed gap
     * nothing has a place, so it is the gap's first byte: whatever the view shows from there is that gap.
     */
    public long firstAt(double u) {
        if (segments.isEmpty()) {
            return 0;
        }
        for (Break b : breaks) {
            if (u > b.u0() && u < b.u1()) {
                return b.first();
            }
        }
        Segment s = segmentAtOrAfter(u);
        if (u <= s.u0()) {
            return s.first();
        }
        if (u >= s.u1()) {
            return s.last();
        }
        long off = fromDouble(Math.floor(snap((u - s.u0()) / (s.u1() - s.u0()) * s.bytes())));
        return U64.lt(s.last() - s.first(), off) ? s.last() : s.first() + off;
    }

    /**
     * The last byte drawn left of position {@code u} (a view's right edge, where the view's exclusive end
     * lies). Inside a collapsed gap it is the gap's last byte.
     */
    public long lastBefore(double u) {
        if (segments.isEmpty()) {
            return 0;
        }
        for (Break b : breaks) {
            if (u > b.u0() && u < b.u1()) {
                return b.last();
            }
        }
        Segment s = segmentAtOrBefore(u);
        if (u >= s.u1()) {
            return s.last();
        }
        if (u <= s.u0()) {
            return s.first();
        }
        long end = fromDouble(Math.ceil(snap((u - s.u0()) / (s.u1() - s.u0()) * s.bytes())));
        return end == 0 ? s.first() : s.first() + end - 1;
    }

    /** A byte count computed through units lands a hair off a whole number; this puts it back. */
    private static double snap(double bytes) {
        double r = Math.rint(bytes);
        return Math.abs(bytes - r) <= Math.max(1e-3, Math.ulp(bytes) * 8) ? r : bytes;
    }

    /** The first segment ending after {@code u} (the last one when none does). */
    private Segment segmentAtOrAfter(double u) {
        for (Segment s : segments) {
            if (s.u1() > u) {
                return s;
            }
        }
        return segments.get(segments.size() - 1);
    }

    /** The last segment starting before {@code u} (the first one when none does). */
    private Segment segmentAtOrBefore(double u) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).u0() < u) {
                return segments.get(i);
            }
        }
        return segments.get(0);
    }

    /** Bytes of the axis's segments that lie in [first, last] (what the axis draws of that range). */
    public double bytesIn(long first, long last) {
        double sum = 0;
        for (Segment s : segments) {
            if (U64.le(s.first(), last) && U64.le(first, s.last())) {
                long a = U64.max(s.first(), first);
                long b = U64.lt(s.last(), last) ? s.last() : last;
                sum += ud(b - a) + 1;
            }
        }
        return sum;
    }

    /** The segment holding {@code addr}, or null when it lies in a gap or outside. Binary search. */
    public Segment segmentOf(long addr) {
        if (segments.isEmpty()) {
            return null;
        }
        int i = find(addr);
        return i >= 0 && U64.le(addr, segments.get(i).last()) ? segments.get(i) : null;
    }

    private static long fromDouble(double d) {
        if (d < 0x1p63) {
            return (long) d;
        }
        return ((long) (d / 2)) << 1;
    }
}
