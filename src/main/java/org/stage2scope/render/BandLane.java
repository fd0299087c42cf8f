package org.stage2scope.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stage2scope.model.U64;
import org.stage2scope.render.Bands.Band;

/**
 * Draws one lane of bands: culls what is outside the view, merges consecutive bands that share a
 * pixel (the most severe style wins, so an error is never hidden by a neighbour), and draws fills,
 * patterns, block ticks, the labels that fit, and the hit regions. A band the view clips is drawn,
 * sized and labelled as the part in view ("2 GiB of 16 GiB", with an arrow at the cut edge), so its width
 * and its words agree with its neighbours'. A band that matters (it carries a finding or an access) but
 * is narrower than {@link #MIN_WIDTH} gets a marker of that width near its true place, outlined as "not
 * to scale", so the lane's widths stay true and it still shows; markers that would overlap stand side
 * by side in address order and share one callout.
 */
final class BandLane {
    /** Narrowest band a reviewer can see and point at on a projector. */
    static final double MIN_WIDTH = 12;

    /** Room a clip arrow takes inside a cut band edge, and the narrowest band that gets one. */
    private static final double CLIP_MARK = 10;
    private static final double CLIP_MARK_MIN_BAND = 40;

    /** What a lane needs besides its bands: the axis its bands sit on tells what part of a band is in view. */
    record Spec(String lane, double y, double h, Predicate<Band> dimmed, Predicate<Band> matters, Axis axis) {}

    /**
     * Bands named by one label beside them: widened markers standing side by side in address order from
     * {@code x0} ({@link #MIN_WIDTH} each), or one band drawn to scale but too narrow for its own label.
     */
    private record Cluster(List<Integer> members, double x0, double x1) {
        static Cluster widened(List<Integer> members, double x0) {
            return new Cluster(members, x0, x0 + members.size() * MIN_WIDTH);
        }

        double cx(int k) {
            return x0 + (k + 0.5) * MIN_WIDTH;
        }
    }

    private final Frame f;
    private final Plot p;
    private final Spec spec;
    private final double y;
    private final double h;
    /** Side labels already placed in this lane, so two of them never overlap. */
    private Occupied sideLabels = new Occupied();
    /** Spans of the bands' own labels, which the callout of a band drawn to scale must not cover. */
    private final Occupied bandLabels = new Occupied();
    /** Spans markers, callouts and their leaders take, which a band's own label then keeps clear of. */
    private List<double[]> namesTaken = new ArrayList<>();
    /** The side labels and callouts of the placement being tried, drawn once the better order is known. */
    private List<Runnable> draws = new ArrayList<>();
    /** Band labels waiting until every marker and callout is placed. */
    private final List<Pending> pending = new ArrayList<>();

    /** A band's own label to place within [x0, x1] of it, once the callouts have theirs. */
    private record Pending(Band band, double x0, double x1, int fill, String size) {}
    /** Where each widened band's marker is drawn, by band index. */
    private final Map<Integer, double[]> markerAt = new HashMap<>();
    /** The widened markers as drawn (bands drawn to scale are not among them: the band walks see those). */
    private final List<Cluster> clusters = new ArrayList<>();
    /** Bands that matter, drawn to scale, that their own label did not fit: named beside them like a marker. */
    private final List<Cluster> unnamed = new ArrayList<>();
    /** As {@link #unnamed}, for bands carrying a warning: named with the widened markers, before band labels. */
    private final List<Cluster> warned = new ArrayList<>();

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
            // A band that only touches an edge (the next range starts at the view's exclusive end) is not in
            // view: drawn, it got a zero-width rect and, mattering, a side label naming a range the view lacks.
            if (x0 >= plotR) {
                break;
            }
            if (x1 <= plotL) {
                i++;
                continue;
            }
            if (spec.dimmed().test(b)) {
                dimmed(b, x0, x1);
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
            long[] part = inView(b, x0, x1);
            boolean clipped = part[1] != b.size();
            sc.add(new Scene.Rect(cx0, y, cx1 - cx0, h, fill, t.pattern(b.style()), Theme.patternOn(fill),
                    t.background(), 1, refused, false), meta(b, clipped ? " clipped" : "", part));
            blockTicks(b, x0, x1, fill);
            double lx0 = cx0;
            double lx1 = cx1;
            if (clipped && cx1 - cx0 >= CLIP_MARK_MIN_BAND) {
                int on = Theme.textOn(fill);
                if (cx0 > x0) {
                    clipMark(cx0, -1, on);
                    lx0 += CLIP_MARK;
                }
                if (cx1 < x1) {
                    clipMark(cx1, 1, on);
                    lx1 -= CLIP_MARK;
                }
            }
            String size = clipped ? partOf(part[1], b.size()) : U64.human(b.size());
            pending.add(new Pending(b, lx0, lx1, fill, size));
            if (fitting(b, lx1 - lx0, size) == null && x1 - x0 >= MIN_WIDTH && spec.matters().test(b)) {
                // A warning is named before the bands' own labels, as a sliver is; a mere access after them.
                (b.labels().get(0).startsWith(FindingTags.WARNING_SIGN) ? warned : unnamed).add(new Cluster(List.of(i), cx0, cx1));
            }
            sc.hit(new Scene.Hit(cx0, y, cx1 - cx0, h, b.ref(), b.tip(), b.style(), spec.lane()));
            i++;
        }
        markers(bands, firstShown, i);
        for (Pending pl : pending) {
            label(pl);
        }
        // A band drawn to scale whose label did not fit still has a neighbour's label to respect: it is named
        // after the bands' own labels, and only where it covers none of them.
        draws = new ArrayList<>();
        for (Cluster c : unnamed) {
            sideLabel(bands, c);
        }
        draws.forEach(Runnable::run);
    }

    /**
     * "2 GiB of 16 GiB" for a band the view cuts; exact units where rounding would make the part read as
     * the whole ("2.0 GiB of 2.0 GiB" for 2 GiB less 1 MiB is "2047 MiB of 2 GiB").
     */
    static String partOf(long part, long whole) {
        String p = U64.human(part);
        String w = U64.human(whole);
        boolean readsAsWhole = p.replace(".0 ", " ").equals(w.replace(".0 ", " "));
        return readsAsWhole ? U64.exact(part) + " of " + U64.exact(whole) : p + " of " + w;
    }

    /**
     * {first, size} of the part of {@code b} in view: the whole band, or from the first byte at the
     * plot's left edge to the last byte before its right edge when the view cuts it there.
     */
    private long[] inView(Band b, double x0, double x1) {
        long first = b.start();
        long last = U64.last(b.start(), b.size());
        if (b.size() == 0) {
            return new long[] {first, 0};
        }
        if (x0 < f.left()) {
            first = U64.max(first, spec.axis().firstAt(p.view().u0()));
        }
        if (x1 > f.right()) {
            long edge = spec.axis().lastBefore(p.view().u1());
            last = U64.lt(edge, last) ? edge : last;
        }
        return U64.lt(last, first) ? new long[] {first, 0} : new long[] {first, last - first + 1};
    }

    /** A band's meaning in SVG: the drawn part's start and size, and the whole run's when the view cuts it. */
    private Scene.Meta meta(Band b, String extra, long[] part) {
        return part[1] == b.size() ? Scene.Meta.range(cls(b, extra), b.ref(), b.start(), b.size(), b.outcome())
                : Scene.Meta.part(cls(b, extra), b.ref(), part[0], part[1], b.start(), b.size(), b.outcome());
    }

    /** An arrow at a cut edge pointing out of the view ({@code dir} -1 left, +1 right): the band goes on there. */
    private void clipMark(double edge, int dir, int color) {
        double tip = edge - dir * 2;
        double base = tip - dir * 6;
        double cy = y + h / 2;
        double half = Math.min(5, h * 0.18);
        f.scene().add(new Scene.Poly(new double[] {tip, base, base}, new double[] {cy, cy - half, cy + half}, color, 1,
                Pattern.NONE, 0, -1, 0, false), Scene.Meta.of("clip-edge " + spec.lane()));
    }

    /** A band outside the story of the view (a VMA backing no slot in view): a pale outline, no label. */
    private void dimmed(Band b, double tx0, double tx1) {
        Theme t = f.theme();
        double x0 = Math.max(tx0, f.left());
        double x1 = Math.min(Math.max(tx1, tx0 + 1), f.right());
        f.scene().add(new Scene.Rect(x0, y + 2, Math.max(1, x1 - x0), h - 4, t.laneBackground(), Pattern.NONE, 0, t.grid(),
                1, true, false), meta(b, " unrelated", tx1 - tx0 >= 1 ? inView(b, tx0, tx1) : new long[] {b.start(), b.size()}));
        f.scene().hit(new Scene.Hit(x0, y, Math.max(1, x1 - x0), h, b.ref(),
                () -> "Backs no memslot in view (dimmed).\n" + b.tip().get(), b.style(), spec.lane()));
    }

    /**
     * Minimum-width markers for narrow bands that matter, drawn over the lane. Markers closer than their
     * width would hide each other (three 16 MiB PAT ranges side by side beside 4 GiB of RAM), so such runs
     * form a cluster: its markers stand side by side in address order, centred on the run's true place,
     * and one label names them all.
     */
    private void markers(List<Band> bands, int from, int to) {
        List<Integer> narrow = new ArrayList<>();
        List<Integer> plain = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Band b = bands.get(i);
            double x0 = p.x(b.u0());
            double x1 = p.x(b.u1());
            if (x1 - x0 >= MIN_WIDTH || x1 <= f.left() || x0 >= f.right() || spec.dimmed().test(b)) {
                continue;
            }
            if (spec.matters().test(b)) {
                narrow.add(i);
            } else {
                plain.add(i);
            }
        }
        // Widths stay monotone in size: a band at least as large as a widened one is widened too (the 48 MiB
        // UC range the AMD guest makes drawn thinner than the 16 MiB WC marker beside it, and unnamed).
        long smallest = -1; // the largest unsigned size: none widened, none added
        for (int i : narrow) {
            smallest = Long.compareUnsigned(bands.get(i).size(), smallest) < 0 ? bands.get(i).size() : smallest;
        }
        // Only bands drawn to scale take part: runs narrower than a pixel are merged into one bar, where no
        // width is promised (a dense scenario would otherwise widen thousands of them at once).
        java.util.BitSet marked = new java.util.BitSet();
        narrow.forEach(marked::set);
        for (int i : plain) {
            Band b = bands.get(i);
            if (!narrow.isEmpty() && p.x(b.u1()) - p.x(b.u0()) >= 1 && Long.compareUnsigned(b.size(), smallest) >= 0) {
                narrow.add(i);
                marked.set(i);
            }
        }
        // A marker overhangs its band by up to half its width on each side, and its callout stands over the
        // neighbour: a larger neighbour drawn to scale and left narrower than a marker, or too narrow for its
        // own label (the AMD sample's 48 MiB UC range, 16 px at fit, beside the 16 MiB WC marker, covered
        // by the WC callout and never named) is drawn as a marker of the same cluster: one label names both.
        for (int k = 0; k < narrow.size(); k++) {
            int i = narrow.get(k);
            double overhang = (MIN_WIDTH - (p.x(bands.get(i).u1()) - p.x(bands.get(i).u0()))) / 2;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j < from || j >= to || marked.get(j) || spec.dimmed().test(bands.get(j))) {
                    continue;
                }
                Band n = bands.get(j);
                double w = p.x(n.u1()) - p.x(n.u0());
                boolean touching = Math.abs(j < i ? p.x(n.u1()) - p.x(bands.get(i).u0()) : p.x(n.u0()) - p.x(bands.get(i).u1())) < 0.5;
                boolean squeezed = w - overhang < MIN_WIDTH
                        || w < 3 * MIN_WIDTH && fitting(n, w - overhang, U64.human(n.size())) == null;
                if (touching && squeezed && w >= 1 && Long.compareUnsigned(n.size(), bands.get(i).size()) >= 0
                        && p.x(n.u1()) > f.left() && p.x(n.u0()) < f.right()) {
                    narrow.add(j);
                    marked.set(j);
                }
            }
        }
        narrow.sort(null);
        for (int i : narrow) {
            Cluster c = place(List.of(i), bands);
            // Merge with the clusters on the left for as long as their markers would overlap.
            while (!clusters.isEmpty() && clusters.get(clusters.size() - 1).x1() > c.x0() - 0.5) {
                List<Integer> joined = new ArrayList<>(clusters.remove(clusters.size() - 1).members());
                joined.addAll(c.members());
                c = place(joined, bands);
            }
            clusters.add(c);
        }
        Theme t = f.theme();
        for (Cluster c : clusters) {
            for (int k = 0; k < c.members().size(); k++) {
                Band b = bands.get(c.members().get(k));
                double cx = c.cx(k);
                markerAt.put(c.members().get(k), new double[] {cx - MIN_WIDTH / 2, cx + MIN_WIDTH / 2});
                namesTaken.add(new double[] {cx - MIN_WIDTH / 2, cx + MIN_WIDTH / 2});
                int fill = t.fill(b.style());
                f.scene().add(new Scene.Rect(cx - MIN_WIDTH / 2, y + 1, MIN_WIDTH, h - 2, fill, t.pattern(b.style()),
                        Theme.patternOn(fill), t.foreground(), 1.5, true, false),
                        Scene.Meta.range(cls(b, " widened"), b.ref(), b.start(), b.size(), b.outcome()));
                f.scene().hit(new Scene.Hit(cx - MIN_WIDTH / 2, y, MIN_WIDTH, h, b.ref(),
                        () -> "Drawn wider than to scale so it stays visible.\n" + b.tip().get(), b.style(), spec.lane()));
            }
        }
        List<Cluster> widened = new ArrayList<>(clusters);
        widened.addAll(warned);
        widened.sort((a, b) -> Double.compare(a.x0(), b.x0()));

        // Left to right, a sliver's label may take the only room its right neighbour had (the resmem beside the
        // 1 GiB the guest maps Device, at the end of the plot); right to left names them both. The order
        // that names more wins, left to right on a tie. Where neither names every sliver, a sliver left
        // unnamed shares the label of the nearest cluster ("WB, NC"), and the orders are tried again.
        List<double[]> markersOnly = namesTaken;
        if (widened.isEmpty()) {
            return;
        }
        int total = narrow.size() + warned.size();
        int best = -1;
        Occupied bestSide = null;
        List<double[]> bestTaken = null;
        List<Runnable> bestDraws = null;
        List<Cluster> labelling = widened;
        for (int round = 0; round < 4 && best < total; round++) {
            List<Cluster> missed = null;
            for (boolean reverse : new boolean[] {false, true}) {
                sideLabels = new Occupied();
                namesTaken = new ArrayList<>(markersOnly);
                draws = new ArrayList<>();
                List<Cluster> order = new ArrayList<>(labelling);
                if (reverse) {
                    java.util.Collections.reverse(order);
                }
                int named = 0;
                List<Cluster> unnamedHere = new ArrayList<>();
                for (Cluster c : order) {
                    if (sideLabel(bands, c)) {
                        named += c.members().size();
                    } else {
                        unnamedHere.add(c);
                    }
                }
                if (named > best) {
                    best = named;
                    bestSide = sideLabels;
                    bestTaken = namesTaken;
                    bestDraws = draws;
                    missed = unnamedHere;
                }
                if (named == total) {
                    break;
                }
            }
            if (missed == null || missed.isEmpty()) {
                break;
            }
            List<Cluster> next = shareLabels(labelling, missed);
            if (next.size() == labelling.size()) {
                break;
            }
            labelling = next;
        }
        sideLabels = bestSide;
        namesTaken = bestTaken;
        bestDraws.forEach(Runnable::run);
    }

    /** Bands closer than this to a cluster that could not be named share its label. */
    private static final double SHARE_REACH = 3 * MIN_WIDTH;

    /** {@code labelling} with each of {@code missed} joined to its nearest neighbour within reach, for one label. */
    private static List<Cluster> shareLabels(List<Cluster> labelling, List<Cluster> missed) {
        List<Cluster> out = new ArrayList<>(labelling);
        for (Cluster m : missed) {
            int i = out.indexOf(m);
            if (i < 0) {
                continue;
            }
            double gapL = i > 0 ? m.x0() - out.get(i - 1).x1() : Double.MAX_VALUE;
            double gapR = i < out.size() - 1 ? out.get(i + 1).x0() - m.x1() : Double.MAX_VALUE;
            int j = gapL <= gapR ? i - 1 : i + 1;
            if (Math.min(gapL, gapR) > SHARE_REACH) {
                continue;
            }
            Cluster a = out.get(Math.min(i, j));
            Cluster z = out.get(Math.max(i, j));
            List<Integer> members = new ArrayList<>(a.members());
            members.addAll(z.members());
            out.set(Math.min(i, j), new Cluster(List.copyOf(members), a.x0(), z.x1()));
            out.remove(Math.max(i, j));
        }
        return out;
    }

    /** A cluster of {@code members} centred on their true places, kept inside the plot. */
    private Cluster place(List<Integer> members, List<Band> bands) {
        Band a = bands.get(members.get(0));
        Band z = bands.get(members.get(members.size() - 1));
        double centre = (p.x(a.u0()) + p.x(a.u1()) + p.x(z.u0()) + p.x(z.u1())) / 4;
        double w = members.size() * MIN_WIDTH;
        double x0 = Math.max(f.left(), Math.min(f.right() - w, centre - w / 2));
        return Cluster.widened(List.copyOf(members), x0);
    }

    /**
     * A widened band is too narrow for its own label (the UC sliver that is a sample's whole point), so its
     * shortest label goes beside the marker, right then left, but only over empty lane: text over a
     * neighbouring band would read as that band's type. A cluster's label names its bands in address order
     * ("WC, UC, UC-"), or once with a count when they read the same ("WB \u00d73").
     */
    private boolean sideLabel(List<Band> bands, Cluster c) {
        List<String> primary = new ArrayList<>();
        List<String> secondary = new ArrayList<>();
        for (int i : c.members()) {
            List<String> labels = bands.get(i).labels();
            if (labels.isEmpty()) {
                return false;
            }
            String last = labels.get(labels.size() - 1);
            primary.add(last);
            String prev = labels.get(Math.max(0, labels.size() - 2));
            secondary.add(last.startsWith(FindingTags.WARNING_SIGN) && prev.startsWith(FindingTags.WARNING_SIGN) ? prev : last);
        }
        double fs = Math.min(f.font(), h * 0.42);
        String text = together(primary);
        int own = c.members().get(0);
        int ownLast = c.members().get(c.members().size() - 1);
        // A lone VMA with a flag that decides is named with it ("vfio-pci BAR0  MT_DEVICE_nGnRnE PFNMAP
        // ALLOW_ANY_UNCACHED") where that fits, its bare name otherwise: the flag is what tells the two vfio
        // samples apart. Without such a flag the bare name keeps the neighbour's room (pflash0's pgprot in a
        // callout cut the 16 GiB RAM VMA's label to "guest…").
        List<String> words = new ArrayList<>();
        Band lone = bands.get(own);
        // (Bands.vmaLabels: index 2 is "name  pgprot FLAGS", index 3 "name  pgprot"; they differ by the flags.)
        if (Layout.LANE_VMA.equals(spec.lane()) && c.members().size() == 1 && lone.labels().size() > 3
                && !lone.labels().get(2).equals(lone.labels().get(3))) {
            words.add(lone.labels().get(2));
        }
        words.add(text);
        for (String w : words) {
            if (beside(bands, c, w, fs, own, ownLast)) {
                return true;
            }
        }
        List<String> candidates = new ArrayList<>(words);
        if (primary.stream().anyMatch(x -> x.startsWith(FindingTags.WARNING_SIGN))) { // shorter words when the long ones find no room
            candidates.add(together(secondary));
            candidates.add(c.members().size() == 1 ? FindingTags.WARNING_SIGN : FindingTags.WARNING_SIGN + " \u00d7" + c.members().size());
        }
        // A widened band matters (a finding or an access): its type is named even when only a callout fits.
        for (String cand : candidates) {
            if (callout(bands, c, cand, fs, TextFit.width(cand, fs))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} right of the cluster, else left of it, over empty lane only; false when neither side has room. */
    private boolean beside(List<Band> bands, Cluster c, String text, double fs, int own, int ownLast) {
        double tw = TextFit.width(text, fs);
        for (double x0 : new double[] {c.x1() + 3, c.x0() - 3 - tw - 6}) {
            double x1 = x0 + tw + 6;
            if (x0 < f.left() || x1 > f.right() || !sideLabels.free(x0, x1) || !bandLabels.free(x0, x1)
                    || !emptyLane(bands, own, ownLast, x0, x1)) {
                continue;
            }
            sideLabels.take(x0, x1);
            namesTaken.add(new double[] {x0, x1});
            Theme t = f.theme();
            double lx = x0;
            draws.add(() -> {
                joinShared(c);
                f.scene().add(f.rect(lx, y + h / 2 - fs * 0.7, tw + 6, fs * 1.4, t.laneBackground()), Scene.Meta.of("plate"));
                f.scene().add(new Scene.Text(lx + 3 + tw / 2, y + h / 2 + fs * 0.36, text, fs, t.foreground(), false,
                        Scene.Anchor.MIDDLE), new Scene.Meta("label " + spec.lane() + " side", refs(bands, c), null, null, null));
            });
            return true;
        }
        return false;
    }

    /** The words of a cluster's bands in address order, or once with a count when they are all the same. */
    private static String together(List<String> words) {
        // Neighbours that read the same are named once with a count ("WB \u00d73", "... | Dev \u00d72").
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < words.size(); ) {
            int j = i;
            while (j < words.size() && words.get(j).equals(words.get(i))) {
                j++;
            }
            runs.add(j - i == 1 ? words.get(i) : words.get(i) + " \u00d7" + (j - i));
            i = j;
        }
        words = runs;
        if (words.size() == 1) {
            return words.get(0);
        }
        // A warning's words hold a comma-free sentence after a colon; a comma after it read as part of that
        // sentence ("\u26a0 NC: guest asked cacheable, Dev"), so such lists are set apart with a bar.
        return String.join(words.stream().anyMatch(w -> w.contains(": ")) ? "  |  " : ", ", words);
    }

    /** The ids of a cluster's bands, space-separated (one label names them all). */
    private static String refs(List<Band> bands, Cluster c) {
        StringBuilder sb = new StringBuilder();
        for (int i : c.members()) {
            sb.append(sb.isEmpty() ? "" : " ").append(Scene.Meta.id(bands.get(i).ref()));
        }
        return sb.toString();
    }

    /**
     * A label for widened bands with no empty lane beside them (the 16 MiB BAR next to 4 GiB of RAM): it
     * goes over the neighbour anyway, on an outlined plate with a leader from the markers, so it reads as a
     * callout about the markers and not as the neighbour's type. Nearest first, right then left, then slid
     * further out, as the access labels are; the leader never runs through another callout or another
     * cluster's markers. Callouts are placed before the bands' own labels, which then fit into what is left
     * of their band (a band's name is still there in its tooltip and the range table; a sliver's is not).
     */
    private boolean callout(List<Band> bands, Cluster c, String text, double fs, double tw) {
        double step = tw / 2 + 8;
        for (int k = 0; k <= 6; k++) {
            for (int side : new int[] {1, -1}) {
                double edge = side > 0 ? c.x1() : c.x0();
                double x0 = side > 0 ? edge + 10 + k * step : edge - 10 - k * step - tw - 6;
                double x1 = x0 + tw + 6;
                double near = side > 0 ? x0 : x1;
                double lo = Math.min(edge, near);
                double hi = Math.max(edge, near);
                if (x0 < f.left() || x1 > f.right() || !sideLabels.free(x0 - 2, x1 + 2) || !sideLabels.free(lo, hi)
                        || !bandLabels.free(x0 - 2, x1 + 2) || !bandLabels.free(lo, hi)
                        || crossesMarkers(c, lo, hi) || crossesMarkers(c, x0 - 2, x1 + 2)) {
                    continue;
                }
                sideLabels.take(x0, x1);
                sideLabels.take(lo, hi);
                namesTaken.add(new double[] {Math.min(lo, x0), Math.max(hi, x1)});
                Theme t = f.theme();
                Band first = bands.get(c.members().get(0));
                double px0 = x0;
                draws.add(() -> {
                    joinShared(c);
                    f.scene().add(new Scene.Line(edge, y + h / 2, near, y + h / 2, t.foreground(), 1.5, false),
                            Scene.Meta.of("leader " + spec.lane()));
                    f.scene().add(new Scene.Rect(px0, y + h / 2 - fs * 0.75, tw + 6, fs * 1.5, t.laneBackground(), Pattern.NONE,
                            0, t.foreground(), 1, false, false), Scene.Meta.of("plate callout"));
                    f.scene().add(new Scene.Text(px0 + 3 + tw / 2, y + h / 2 + fs * 0.36, text, fs, t.foreground(), false,
                            Scene.Anchor.MIDDLE), new Scene.Meta("label " + spec.lane() + " side callout", refs(bands, c), null,
                            null, null));
                    f.scene().hit(new Scene.Hit(px0, y + h / 2 - fs * 0.75, tw + 6, fs * 1.5, first.ref(), () -> tips(bands, c),
                            first.style(), spec.lane()));
                });
                return true;
            }
        }
        return false;
    }

    /**
     * A label that clusters apart from each other share ("WB, NC" for the 1 GiB the guest maps Device and
     * the resmem past a gap) is joined to every one of them by a line through their markers: with one
     * leader to the nearest cluster it read as naming that range alone. Only markers are joined: a band
     * drawn to scale may carry a label the line would strike through.
     */
    private void joinShared(Cluster c) {
        if (c.x1() - c.x0() > c.members().size() * MIN_WIDTH + 1 && c.members().stream().allMatch(markerAt::containsKey)) {
            f.scene().add(new Scene.Line(c.x0() + MIN_WIDTH / 2, y + h / 2, c.x1() - MIN_WIDTH / 2, y + h / 2,
                    f.theme().foreground(), 1.5, false), Scene.Meta.of("leader " + spec.lane() + " shared"));
        }
    }

    /** Whether [lo, hi] runs over the markers of a cluster other than {@code own}. */
    private boolean crossesMarkers(Cluster own, double lo, double hi) {
        for (Cluster o : clusters) {
            if (!own.members().contains(o.members().get(0)) && o.x0() < hi && lo < o.x1()) {
                return true;
            }
        }
        return false;
    }

    /** The tooltips of a cluster's bands, one after another. */
    private static String tips(List<Band> bands, Cluster c) {
        StringBuilder sb = new StringBuilder();
        for (int i : c.members()) {
            sb.append(sb.isEmpty() ? "" : "\n\n").append(bands.get(i).tip().get());
        }
        return sb.toString();
    }

    /**
     * True when no band of this lane other than bands {@code own}..{@code ownLast} (nor a widened marker)
     * is drawn within [x0, x1]. Bands in a lane are sorted and disjoint, so the walk goes outwards from the
     * cluster and stops at the first band past the span: a few steps per marker.
     */
    private boolean emptyLane(List<Band> bands, int own, int ownLast, double x0, double x1) {
        for (Cluster c : clusters) {
            boolean mine = c.members().get(0) >= own && c.members().get(0) <= ownLast;
            if (!mine && c.x0() < x1 && x0 < c.x1()) {
                return false;
            }
        }
        for (int j = ownLast + 1; j < bands.size() && p.x(bands.get(j).u0()) < x1; j++) {
            if (!spec.dimmed().test(bands.get(j)) && !markerAt.containsKey(j) && drawnTo(bands.get(j)) > x0) {
                return false;
            }
        }
        for (int j = own - 1; j >= 0 && drawnTo(bands.get(j)) > x0; j--) {
            if (!spec.dimmed().test(bands.get(j)) && !markerAt.containsKey(j) && p.x(bands.get(j).u0()) < x1) {
                return false;
            }
        }
        return true;
    }

    /** Right edge of a band at its true place (at least one pixel). */
    private double drawnTo(Band o) {
        return Math.max(p.x(o.u1()), p.x(o.u0()) + 1);
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

    /** The first label candidate that fits {@code avail} pixels, with {@code size} for the band's size, or null. */
    private String fitting(Band b, double avail, String size) {
        double fs = Math.min(f.font(), h * 0.42);
        List<String> labels = b.labelsFor().apply(size);
        String text = TextFit.firstFitting(fs, avail - 8, labels.toArray(String[]::new));
        return text != null ? text : TextFit.ellipsize(labels.get(labels.size() - 1), fs, avail - 8);
    }

    /**
     * A band's own label ("2 GiB of 16 GiB" when cut), centred in the widest part of the band that no
     * marker, callout or leader takes.
     */
    private void label(Pending pl) {
        double from = pl.x0();
        double to = pl.x1();
        double bestFrom = from;
        double bestTo = from;
        List<double[]> cuts = new ArrayList<>();
        for (double[] t : namesTaken) {
            if (t[1] + 3 > from && t[0] - 3 < to) {
                cuts.add(new double[] {t[0] - 3, t[1] + 3});
            }
        }
        cuts.sort((a, b) -> Double.compare(a[0], b[0]));
        double at = from;
        for (double[] c : cuts) {
            if (c[0] - at > bestTo - bestFrom) {
                bestFrom = at;
                bestTo = c[0];
            }
            at = Math.max(at, c[1]);
        }
        if (to - at > bestTo - bestFrom) {
            bestFrom = at;
            bestTo = to;
        }
        String text = bestTo - bestFrom > 0 ? fitting(pl.band(), bestTo - bestFrom, pl.size()) : null;
        if (text == null) {
            return;
        }
        // Labels sit on a plate of the band colour so patterns never cross the glyphs.
        double fs = Math.min(f.font(), h * 0.42);
        double tw = TextFit.width(text, fs);
        double cx = (bestFrom + bestTo) / 2;
        bandLabels.take(cx - tw / 2 - 3, cx + tw / 2 + 3);
        int fill = pl.fill();
        f.scene().add(f.rect(cx - tw / 2 - 3, y + h / 2 - fs * 0.7, tw + 6, fs * 1.4, fill), Scene.Meta.of("plate"));
        f.scene().add(new Scene.Text(cx, y + h / 2 + fs * 0.36, text, fs, Theme.textOn(fill), false, Scene.Anchor.MIDDLE),
                Scene.Meta.of("label " + spec.lane(), pl.band().ref()));
    }
}
