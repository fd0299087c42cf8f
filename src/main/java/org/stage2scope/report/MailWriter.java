package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A review document for a mailing-list reply: plain ASCII, at most {@value #WIDTH} columns, no tabs.
 * Wide tables keep their key columns (the rest of each range is in "Why each range gets what it
 * gets"), and long cells wrap inside their column. The picture is left out: mail has no pictures.
 */
public final class MailWriter {
    private MailWriter() {}

    public static final int WIDTH = 80;

    public static String write(ReviewDocument doc) {
        return write(doc.blocks());
    }

    static String write(List<Block> blocks) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                String t = Ascii.of(h.text());
                if (h.level() <= 2) {
                    if (sb.length() > 0 && !sb.toString().endsWith("\n\n")) {
                        sb.append('\n');
                    }
                    WrappedTable.paragraph(sb, t, "", "", WIDTH);
                    sb.append((h.level() == 1 ? "=" : "-").repeat(Math.min(WIDTH, t.length()))).append("\n\n");
                } else {
                    WrappedTable.paragraph(sb, t, "", "", WIDTH);
                    sb.append('\n');
                }
            } else if (b instanceof Block.Paragraph p) {
                WrappedTable.paragraph(sb, Ascii.of(p.text()), "", "", WIDTH);
                sb.append('\n');
            } else if (b instanceof Block.Facts f) {
                int w = f.pairs().stream().mapToInt(kv -> kv[0].length()).max().orElse(0) + 2;
                for (String[] kv : f.pairs()) {
                    String label = Ascii.of(kv[0]);
                    WrappedTable.paragraph(sb, Ascii.of(kv[1]), label + " ".repeat(w - label.length()), " ".repeat(w), WIDTH);
                }
                sb.append('\n');
            } else if (b instanceof Block.Grid g) {
                grid(sb, g);
                sb.append('\n');
            } else if (b instanceof Block.Items it) {
                for (Block.Item i : it.items()) {
                    String text = (i.head().isEmpty() ? "" : i.head() + (i.text().isEmpty() ? "" : ": ")) + i.text();
                    WrappedTable.paragraph(sb, Ascii.of(text), "- ", "  ", WIDTH);
                    for (int k = 0; k < i.steps().size(); k++) {
                        String num = "  " + (k + 1) + ". ";
                        WrappedTable.paragraph(sb, Ascii.of(i.steps().get(k)), num, " ".repeat(num.length()), WIDTH);
                    }
                }
                sb.append('\n');
            }
            // Block.Picture: a mail carries no picture; the HTML and Markdown documents do.
        }
        return sb.toString();
    }

    private static void grid(StringBuilder sb, Block.Grid g) {
        List<Integer> keep = g.narrow().isEmpty() ? range(g.headers().size()) : g.narrow();
        // Colour and weight do not survive a mail: a first column carries the row's mark instead.
        List<String> marks = g.marks().stream().map(m -> m.contains("finding") ? "!" : m.contains("differs") ? "*" : "").toList();
        boolean marked = marks.stream().anyMatch(m -> !m.isEmpty());
        List<String> headers = new ArrayList<>();
        if (marked) {
            headers.add("");
        }
        keep.forEach(i -> headers.add(Ascii.of(g.headers().get(i))));
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < g.rows().size(); k++) {
            List<String> r = g.rows().get(k);
            List<String> line = new ArrayList<>();
            if (marked) {
                line.add(marks.get(k));
            }
            keep.forEach(i -> line.add(Ascii.of(r.get(i))));
            rows.add(line);
        }
        if (marked) {
            List<String> legend = new ArrayList<>();
            if (marks.contains("!")) {
                legend.add("! a finding points at the row");
            }
            if (marks.contains("*")) {
                legend.add("* the columns disagree");
            }
            WrappedTable.paragraph(sb, "(" + String.join("; ", legend) + ")", "  ", "  ", WIDTH);
        }
        if (!WrappedTable.fits(headers, rows, "  ", WIDTH)) {
            records(sb, g, marks);
            return;
        }
        if (keep.size() < g.headers().size()) {
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < g.headers().size(); i++) {
                if (!keep.contains(i)) {
                    dropped.add(g.headers().get(i));
                }
            }
            WrappedTable.paragraph(sb, "(left out to fit: " + String.join(", ", dropped) + ")", "  ", "  ", WIDTH);
        }
        WrappedTable.append(sb, headers, rows, "  ", WIDTH);
    }

    /** A table too wide for a mail even when narrowed: each row as a block, one "column: value" line per cell. */
    private static void records(StringBuilder sb, Block.Grid g, List<String> marks) {
        int w = g.headers().stream().mapToInt(String::length).max().orElse(0) + 2;
        for (int k = 0; k < g.rows().size(); k++) {
            List<String> r = g.rows().get(k);
            if (k > 0) {
                sb.append('\n');
            }
            String mark = marks.get(k).isEmpty() ? "  " : marks.get(k) + " ";
            WrappedTable.paragraph(sb, Ascii.of(g.headers().get(0) + " " + r.get(0)), "  " + mark, "    ", WIDTH);
            for (int i = 1; i < r.size(); i++) {
                String head = Ascii.of(g.headers().get(i));
                WrappedTable.paragraph(sb, Ascii.of(r.get(i)), "      " + head + " ".repeat(Math.max(1, w - head.length())),
                        " ".repeat(6 + w), WIDTH);
            }
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
