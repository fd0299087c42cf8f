package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.stage2scope.model.U64;

/**
 * Interval arithmetic over the unsigned 64-bit address space, in one place. Intervals are closed
 * ({@code [first, last]}) so a range ending exactly at 2^64 needs no special end value.
 */
public final class Intervals {
    private Intervals() {}

    /** A closed address interval owned by item {@code owner} of the flattened list. */
    public record Seg(long first, long last, int owner) {
        /** Bytes in the segment; 0 stands for 2^64. */
        public long size() {
            return last - first + 1;
        }

        public boolean contains(long addr) {
            return U64.le(first, addr) && U64.le(addr, last);
        }
    }

    /**
     * Flattens possibly overlapping closed intervals into disjoint segments sorted by address.
     * Where items overlap, the one with the smallest {@code priority} wins; adjacent segments of the
     * same owner are merged. Runs in O(n log n).
     *
     * @param first    first byte of item i
     * @param last     last byte of item i (inclusive, >= first unsigned)
     * @param priority smaller wins; must be distinct per item
     */
    public static List<Seg> flatten(long[] first, long[] last, int[] priority) {
        int n = first.length;
        // Events: start at first[i]; end at last[i] + 1 unless the item reaches 2^64 - 1.
        long[] addr = new long[2 * n];
        int[] code = new int[2 * n]; // >= 0: start of item; < 0: end of item ~code
        int m = 0;
        for (int i = 0; i < n; i++) {
            addr[m] = first[i];
            code[m++] = i;
            if (last[i] != -1L) {
                addr[m] = last[i] + 1;
                code[m++] = ~i;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        final long[] a = addr;
        final int[] c = code;
        Arrays.sort(order, (x, y) -> {
            int cmp = Long.compareUnsigned(a[x], a[y]);
            if (cmp != 0) {
                return cmp;
            }
            return Integer.compare(c[x] < 0 ? 0 : 1, c[y] < 0 ? 0 : 1); // ends before starts
        });
        TreeSet<Integer> active = new TreeSet<>(Comparator.comparingInt((Integer i) -> priority[i]));
        List<Seg> out = new ArrayList<>();
        int k = 0;
        while (k < m) {
            long at = addr[order[k]];
            while (k < m && addr[order[k]] == at) {
                int e = code[order[k]];
                if (e >= 0) {
                    active.add(e);
                } else {
                    active.remove(~e);
                }
                k++;
            }
            if (active.isEmpty()) {
                continue;
            }
            int owner = active.first();
            long segLast = k < m ? addr[order[k]] - 1 : -1L;
            append(out, new Seg(at, segLast, owner));
        }
        return out;
    }

    private static void append(List<Seg> out, Seg s) {
        if (!out.isEmpty()) {
            Seg prev = out.get(out.size() - 1);
            if (prev.owner == s.owner && prev.last + 1 == s.first && prev.last != -1L) {
                out.set(out.size() - 1, new Seg(prev.first, s.last, s.owner));
                return;
            }
        }
        out.add(s);
    }

    /** Index of the first segment whose last byte is >= addr (segments sorted and disjoint), or size(). */
    public static int firstEndingAtOrAfter(List<Seg> segs, long addr) {
        int lo = 0;
        int hi = segs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (U64.lt(segs.get(mid).last, addr)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Cuts {@code [first, last]} by the segments: every part covered by a segment comes back with that
     * segment's owner, every uncovered part with owner -1. Parts are in address order and cover the
     * whole interval.
     */
    public static List<Seg> cover(List<Seg> segs, long first, long last) {
        List<Seg> out = new ArrayList<>();
        long at = first;
        boolean done = false;
        for (int i = firstEndingAtOrAfter(segs, first); i < segs.size() && !done; i++) {
            Seg s = segs.get(i);
            if (U64.lt(last, s.first)) {
                break;
            }
            if (U64.lt(at, s.first)) {
                out.add(new Seg(at, s.first - 1, -1));
                at = s.first;
            }
            long partLast = U64.min(last, s.last);
            out.add(new Seg(at, partLast, s.owner));
            if (partLast == last) {
                done = true;
            } else {
                at = partLast + 1;
            }
        }
        if (!done) {
            out.add(new Seg(at, last, -1));
        }
        return out;
    }

    /** The smallest of the candidates that is strictly above {@code after} and <= {@code limit}; limit when none. */
    public static long nextCut(long after, long limit, long... candidates) {
        long best = limit;
        for (long c : candidates) {
            if (U64.lt(after, c) && U64.lt(c, best)) {
                best = c;
            }
        }
        return best;
    }
}
