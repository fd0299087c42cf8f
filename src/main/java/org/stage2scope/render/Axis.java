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

    /** A range to place on the axis: {@code size} bytes from {@code start} (unsigned; 0 bytes is ignored). */
    public record Span(long start, long size) {}

    /** A collapsed gap: its bytes and its place on [0, 1]. */
    public record Break(long first, long last, double u0, double u1) {
        public double bytes() {
            return ud(last - first) + 1;
        }
    }

    /** Share of the axis every break takes, relative to one weight unit of a segment. */
    static final double BREAK_WEIGHT = 1.2;

    private final List<Segment> segments;
    /** Log-weighted pieces inside the segments; positions are linear only inside a piece. */
    private final List<Segment> pieces;
    private final List<Break> breaks;

    private Axis(List<Segment> segments, List<Segment> pieces, List<Break> breaks) {
        this.segments = List.copyOf(segments);
        this.pieces = List.copyOf(pieces);
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
     * Builds an axis over {@code ranges} (empty ones ignored). Ranges closer than
     * a sixteenth of the smaller neighbour stay in one linear segment, so adjacent memslots do not get
     * a break mark between them.
     */
    public static Axis of(List<Span> ranges) {
        List<long[]> r = new ArrayList<>();
        for (Span x : ranges) {
            if (x.size() != 0) {
                long size = U64.fits(x.start(), x.size()) ? x.size() : -x.start(); // clip a wrapping range at 2^64
                r.add(new long[] {x.start(), U64.last(x.start(), size)});
            }
        }
        if (r.isEmpty()) {
            return new Axis(List.of(), List.of(), List.of());
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

        long[] lasts = pieceLasts(r);
        List<Segment> segs = new ArrayList<>();
        List<Segment> pieces = new ArrayList<>();
        List<double[]> pieceWeights = new ArrayList<>();
        double[] clusterWeights = new double[clusters.size()];
        double total = BREAK_WEIGHT * (clusters.size() - 1);
        int k = 0;
        for (int i = 0; i < clusters.size(); i++) {
            long[] c = clusters.get(i);
            while (k < lasts.length && U64.lt(lasts[k], c[0])) {
                k++;
            }
            long first = c[0];
            while (k < lasts.length && U64.le(lasts[k], c[1])) {
                double w = weight(ud(lasts[k] - first) + 1);
                pieces.add(new Segment(first, lasts[k], 0, 0));
                pieceWeights.add(new double[] {w});
                clusterWeights[i] += w;
                first = lasts[k] + 1;
                k++;
            }
            total += clusterWeights[i];
        }
        List<Segment> placed = new ArrayList<>(pieces.size());
        List<Break> brks = new ArrayList<>();
        double u = 0;
        int p = 0;
        for (int i = 0; i < clusters.size(); i++) {
            long[] c = clusters.get(i);
            double start = u;
            while (p < pieces.size() && U64.le(pieces.get(p).last(), c[1]) && U64.le(c[0], pieces.get(p).first())) {
                double w = pieceWeights.get(p)[0] / total;
                placed.add(new Segment(pieces.get(p).first(), pieces.get(p).last(), u, u + w));
                u += w;
                p++;
            }
            segs.add(new Segment(c[0], c[1], start, u));
            if (i + 1 < clusters.size()) {
                double bw = BREAK_WEIGHT / total;
                brks.add(new Break(c[1] + 1, clusters.get(i + 1)[0] - 1, u, u + bw));
                u += bw;
            }
        }
        return new Axis(segs, placed, brks);
    }

    /**
     * Width weight of a stretch: grows with log2 of its bytes, so a 64 MiB flash beside 16 GiB of RAM
     * is narrower but still readable (4 KiB -> 1, 2 MiB -> 10, 1 GiB -> 19).
     */
    private static double weight(double bytes) {
        return Math.max(1.0, Math.log(bytes) / Math.log(2) - 11);
    }

    /**
     * The last address of every piece: each range's last byte and the byte before each range's start.
     * Pieces are what gets its own log width, so a range inside a cluster is never squashed by a big
     * neighbour (the cluster only decides where break marks go). Sorted unsigned, unique.
     */
    private static long[] pieceLasts(List<long[]> ranges) {
        long[] v = new long[ranges.size() * 2];
        int n = 0;
        for (long[] x : ranges) {
            v[n++] = x[1] ^ Long.MIN_VALUE;
            if (x[0] != 0) {
                v[n++] = (x[0] - 1) ^ Long.MIN_VALUE;
            }
        }
        long[] sorted = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        long[] out = new long[m];
        for (int i = 0; i < m; i++) {
            out[i] = sorted[i] ^ Long.MIN_VALUE;
        }
        return out;
    }

    /** Position of an address on [0, 1]; addresses in a gap land proportionally inside its break. */
    public double toUnit(long addr) {
        Segment piece = find(pieces, addr);
        if (piece != null && U64.le(addr, piece.last())) {
            return piece.u0() + (piece.u1() - piece.u0()) * ud(addr - piece.first()) / piece.bytes();
        }
        if (segments.isEmpty()) {
            return 0;
        }
        Segment s = find(segments, addr);
        if (s == null) {
            return segments.get(0).u0();
        }
        int lo = segments.indexOf(s);
        if (U64.le(addr, s.last())) {
            return s.u1();
        }
        if (lo < breaks.size()) {
            Break b = breaks.get(lo);
            return b.u0() + (b.u1() - b.u0()) * ud(addr - b.first()) / b.bytes();
        }
        return s.u1();
    }

    /** The last element of a list sorted by first address whose first <= addr, or null. Binary search. */
    private static Segment find(List<Segment> list, long addr) {
        if (list.isEmpty() || U64.lt(addr, list.get(0).first())) {
            return null;
        }
        int lo = 0;
        int hi = list.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (U64.le(list.get(mid).first(), addr)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return list.get(lo);
    }

    /** Position of the exclusive end of [start, start + size), correct when it ends at 2^64. */
    public double endUnit(long start, long size) {
        if (size == 0) {
            return toUnit(start);
        }
        long last = U64.last(start, size);
        Segment s = find(pieces, last);
        if (s != null && U64.le(last, s.last())) {
            return s.u0() + (s.u1() - s.u0()) * (ud(last - s.first()) + 1) / s.bytes();
        }
        return toUnit(last);
    }

    /** The address at a position (for tooltips and zoom anchoring). */
    public long toAddress(double u) {
        if (pieces.isEmpty()) {
            return 0;
        }
        int lo = 0;
        int hi = pieces.size() - 1;
        while (lo < hi) { // first piece whose u1 >= u
            int mid = (lo + hi) >>> 1;
            if (pieces.get(mid).u1() < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Segment s = pieces.get(lo);
        if (u > s.u1()) {
            return s.last();
        }
        double f = Math.max(0, (u - s.u0()) / (s.u1() - s.u0()));
        return s.first() + fromDouble(f * s.bytes());
    }

    /** The segment holding {@code addr}, or null when it lies in a gap or outside. Binary search. */
    public Segment segmentOf(long addr) {
        Segment s = find(segments, addr);
        return s != null && U64.le(addr, s.last()) ? s : null;
    }

    private static long fromDouble(double d) {
        if (d < 0x1p63) {
            return (long) d;
        }
        return ((long) (d / 2)) << 1;
    }
}
