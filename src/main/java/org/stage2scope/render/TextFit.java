package org.stage2scope.render;

/** Fitting label text into a width: measuring, trimming detail, shortening type names. */
final class TextFit {
    private TextFit() {}

    /** Estimated text width: painters use proportional sans fonts averaging ~0.58 em per glyph. */
    static double width(String s, double size) {
        return s.length() * size * 0.58;
    }

    /** "nvgrace-gpu usemem (/dev/vfio/..., BAR4)" -> "nvgrace-gpu usemem": the name without its detail. */
    static String withoutDetail(String label) {
        if (label == null) {
            return "";
        }
        int paren = label.indexOf(" (");
        return paren > 0 ? label.substring(0, paren) : label;
    }

    /** The longest prefix of {@code text} plus an ellipsis that fits, or null when not even 3 characters do. */
    static String ellipsize(String text, double font, double avail) {
        for (int n = text.length() - 1; n >= 3; n--) {
            String cand = text.substring(0, n).strip() + "\u2026";
            if (width(cand, font) <= avail) {
                return cand;
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
