package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table that fits a width: columns two spaces apart, the widest columns narrowed until
 * the table fits, cells wrapped inside their column (at spaces and after "|", ",", ".", "-", long
 * words cut). When any cell wraps, a blank line separates rows so each row reads as one block.
 */
final class WrappedTable {
    private WrappedTable() {}

    static final int GAP = 2;
    static final int MIN_COLUMN = 6;
    /** A word longer than this (a long VMA path) may be cut rather than force the table wider. */
    static final int MAX_UNBROKEN = 20;

    /** Whether the table fits the width without cutting a word (an address, a type name) in two. */
    static boolean fits(List<String> headers, List<List<String>> rows, String indent, int width) {
        int[] min = minWidths(headers, rows);
        return sum(min) <= width - indent.length() - GAP * (headers.size() - 1);
    }

    private static int[] minWidths(List<String> headers, List<List<String>> rows) {
        int[] min = new int[headers.size()];
        for (int i = 0; i < min.length; i++) {
            min[i] = longestWord(headers.get(i));
            for (List<String> r : rows) {
                min[i] = Math.max(min[i], longestWord(r.get(i)));
            }
            min[i] = Math.min(min[i], MAX_UNBROKEN);
        }
        return min;
    }

    static void append(StringBuilder sb, List<String> headers, List<List<String>> rows, String indent, int width) {
        int n = headers.size();
        int[] w = new int[n];
        int[] min = minWidths(headers, rows);
        for (int i = 0; i < n; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        int avail = width - indent.length() - GAP * (n - 1);
        // Narrow the widest column first, keeping whole words (an address) unbroken while any column still can give.
        for (boolean keepWords : new boolean[] {true, false}) {
            while (sum(w) > avail) {
                int widest = -1;
                for (int i = 0; i < n; i++) {
                    int floor = keepWords ? min[i] : Math.min(min[i], MIN_COLUMN);
                    if (w[i] > floor && (widest < 0 || w[i] > w[widest])) {
                        widest = i;
                    }
                }
                if (widest < 0) {
                    break;
                }
                w[widest]--;
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        List<List<List<String>>> wrapped = new ArrayList<>();
        boolean anyWrap = false;
        for (List<String> r : all) {
            List<List<String>> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<String> lines = wrap(r.get(i), w[i], true);
                anyWrap |= lines.size() > 1;
                cells.add(lines);
            }
            wrapped.add(cells);
        }
        for (int k = 0; k < wrapped.size(); k++) {
            List<List<String>> cells = wrapped.get(k);
            int height = cells.stream().mapToInt(List::size).max().orElse(1);
            for (int line = 0; line < height; line++) {
                StringBuilder out = new StringBuilder(indent);
                for (int i = 0; i < n; i++) {
                    String c = line < cells.get(i).size() ? cells.get(i).get(line) : "";
                    out.append(c);
                    if (i + 1 < n) {
                        out.append(" ".repeat(w[i] - c.length() + GAP));
                    }
                }
                sb.append(out.toString().stripTrailing()).append('\n');
            }
            if (k == 0) {
                StringBuilder rule = new StringBuilder(indent);
                for (int i = 0; i < n; i++) {
                    rule.append("-".repeat(w[i])).append(i + 1 < n ? " ".repeat(GAP) : "");
                }
                sb.append(rule).append('\n');
            } else if (anyWrap && k + 1 < wrapped.size()) {
                sb.append('\n');
            }
        }
    }

    /** Lines of at most {@code width} characters; breaks at a space (in a cell also after "|" or ","), else cuts. */
    static List<String> wrap(String text, int width, boolean cell) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > width) {
            int cut = -1;
            for (int i = width; i > 0; i--) {
                char ch = rest.charAt(i - 1);
                if (rest.charAt(i) == ' ' || ch == ' ' || cell && (ch == '|' || ch == ',')) {
                    cut = i;
                    break;
                }
            }
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    /** A paragraph wrapped at {@code width}, the first line after {@code first}, the others after {@code hanging}. */
    static void paragraph(StringBuilder sb, String text, String first, String hanging, int width) {
        List<String> lines = wrap(text, width - hanging.length(), false);
        // The first line may be longer or shorter than the hanging ones: rewrap it once if needed.
        if (first.length() > hanging.length() && !lines.isEmpty() && first.length() + lines.get(0).length() > width) {
            List<String> head = wrap(text, width - first.length(), false);
            String firstLine = head.get(0);
            String remainder = text.strip().substring(Math.min(text.strip().length(), firstLine.length())).strip();
            sb.append(first).append(firstLine).append('\n');
            if (!remainder.isEmpty()) {
                for (String l : wrap(remainder, width - hanging.length(), false)) {
                    sb.append(hanging).append(l).append('\n');
                }
            }
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i == 0 ? first : hanging).append(lines.get(i)).append('\n');
        }
    }

    private static int longestWord(String s) {
        int best = 0;
        for (String word : s.split("[ |,]")) {
            best = Math.max(best, word.length());
        }
        return best;
    }

    private static int sum(int[] w) {
        int s = 0;
        for (int x : w) {
            s += x;
        }
        return s;
    }
}
