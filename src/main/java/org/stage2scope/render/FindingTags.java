package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;
import org.stage2scope.model.U64;

/**
 * Warnings and errors about a GPA range, written into the labels of the bands they are about, so
 * "misaligned: smaller blocks" or "the guest asked for cacheable" survive on a slide and not only in
 * the findings list. Every label candidate carries the tag, down to the shortest ("\u26a0 NC"), so a band
 * that can hold any text at all still says that something is wrong with it.
 */
final class FindingTags {
    private FindingTags() {}

    /** The lane a range finding belongs to: stage-2 decisions (s2.*) on stage 2, memory types on the effective lane. */
    static boolean onStage2(Finding fi) {
        return fi.rule().id().startsWith("s2.");
    }

    /** A few words for the band; the rule title and the message stay in the tooltip and findings list. */
    static String words(Finding fi) {
        return switch (fi.rule().id()) {
            case "s2.block.misaligned" -> "misaligned: smaller blocks";
            case "mem.silent-downgrade" -> "guest asked cacheable";
            default -> {
                String id = fi.rule().id();
                yield id.substring(id.lastIndexOf('.') + 1).replace('-', ' ');
            }
        };
    }

    /**
     * The bands of one lane with the tags of the warnings and errors whose GPA range they overlap. Bands are
     * sorted and disjoint, so each finding finds its first band by binary search.
     */
    static List<Bands.Band> tag(List<Bands.Band> bands, Evaluation ev, boolean stage2Lane) {
        String[] tags = new String[bands.size()];
        boolean any = false;
        for (Finding fi : ev.findings()) {
            if (fi.severity() == Severity.INFO || !(fi.ref() instanceof Ref.GpaRange g) || g.size() == 0
                    || onStage2(fi) != stage2Lane) {
                continue;
            }
            long last = U64.last(g.gpa(), g.size());
            for (int i = firstEndingAtOrAfter(bands, g.gpa()); i < bands.size() && U64.le(bands.get(i).start(), last); i++) {
                String w = words(fi);
                if (tags[i] == null) {
                    tags[i] = w;
                } else if (!tags[i].contains(w)) {
                    tags[i] = tags[i] + ", " + w;
                }
                any = true;
            }
        }
        if (!any) {
            return bands;
        }
        List<Bands.Band> out = new ArrayList<>(bands.size());
        for (int i = 0; i < bands.size(); i++) {
            Bands.Band b = bands.get(i);
            String tag = tags[i];
            out.add(tag == null ? b : new Bands.Band(b.u0(), b.u1(), b.style(), size -> labels(tag, b.labelsFor().apply(size)),
                    b.ref(), b.tip(), b.blockSize(), b.start(), b.size(), b.outcome()));
        }
        return out;
    }

    /** The mark every label of a range with a warning or error starts with (the legend keys it). */
    static final String WARNING_SIGN = "\u26a0";

    /** "\u26a0 misaligned: smaller blocks  Normal-WB ...", then shorter; the last one is for beside a widened marker. */
    static List<String> labels(String tag, List<String> plain) {
        List<String> out = new ArrayList<>();
        for (String p : plain) {
            out.add(WARNING_SIGN + " " + tag + "  " + p);
        }
        String shortest = plain.get(plain.size() - 1);
        out.add(WARNING_SIGN + " " + tag);
        out.add(WARNING_SIGN + " " + shortest);
        out.add(WARNING_SIGN + " " + shortest + ": " + tag); // last: what a widened marker prints beside itself
        return out;
    }

    private static int firstEndingAtOrAfter(List<Bands.Band> bands, long gpa) {
        int lo = 0;
        int hi = bands.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Bands.Band b = bands.get(mid);
            if (b.size() != 0 && U64.lt(U64.last(b.start(), b.size()), gpa)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
