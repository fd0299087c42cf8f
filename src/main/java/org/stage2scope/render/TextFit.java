package org.stage2scope.render;

/** Fitting label text into a width: measuring, trimming detail, shortening type names. */
final class TextFit {
    private TextFit() {}

    /** Width of plain text, measured with the painters' real font metrics. */
    static double width(String s, double size) {
        return TextMetrics.width(s, size, false);
    }

    static double width(String s, double size, boolean bold) {
        return TextMetrics.width(s, size, bold);
    }

    /** "nvgrace-gpu usemem (/dev/vfio/..., BAR4)" -> "nvgrace-gpu usemem": the name without its detail. */
    static String withoutDetail(String label) {
        if (label == null) {
            return "";
        }
        int paren = label.indexOf(" (");
        return paren > 0 ? label.substring(0, paren) : label;
    }

    /**
     * The longest prefix of {@code text} plus an ellipsis that fits, or null when not even 3 characters
     * do. Binary search over the prefix length (width grows with it), after cutting the text to what
     * could possibly fit (no glyph is narrower than a fifth of the size): a label a million characters
     * long costs a few measurements of a short string, not a million measurements of a long one.
     */
    static String ellipsize(String text, double font, double avail) {
        int most = (int) Math.min(text.length() - 1L, (long) Math.ceil(avail / (font * 0.2)) + 1);
        if (most < 3 || width(candidate(text, 3), font) > avail) {
            return null;
        }
        int lo = 3;
        int hi = most;
        while (lo < hi) { // largest n whose candidate fits
            int mid = (lo + hi + 1) >>> 1;
            if (width(candidate(text, mid), font) <= avail) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return candidate(text, lo);
    }

    private static String candidate(String text, int n) {
        return text.substring(0, n).strip() + "\u2026";
    }

    /** The first of {@code candidates} that fits in {@code avail} (null or empty ones skipped), or null. */
    static String firstFitting(double font, double avail, String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isEmpty() && c.length() <= avail / (font * 0.2) + 1 && width(c, font) <= avail) {
                return c;
            }
        }
        return null;
    }

    /** "Normal-WB" -> "WB", "Device-nGnRE" -> "Dev": what fits in a narrow band. */
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
