package org.stage2scope.report;

import java.util.List;

/**
 * A review document as GitHub-flavoured Markdown that renders on a forge: GFM tables, text escaped so
 * names stay literal, and the picture as a PNG next to the file (the caller writes it, named by
 * {@link #pictureName(String)}).
 */
public final class MarkdownWriter {
    private MarkdownWriter() {}

    /** review.md -> review.png (the same base name, in the same directory). */
    public static String pictureName(String markdownFileName) {
        int dot = markdownFileName.lastIndexOf('.');
        return (dot > 0 ? markdownFileName.substring(0, dot) : markdownFileName) + ".png";
    }

    public static String write(ReviewDocument doc, String pictureFile) {
        return write(doc.blocks(), pictureFile);
    }

    static String write(List<Block> blocks, String pictureFile) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(esc(h.text())).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append(esc(p.text())).append("\n\n");
            } else if (b instanceof Block.Facts f) {
                for (String[] kv : f.pairs()) {
                    sb.append("- **").append(esc(kv[0])).append("**: ").append(esc(kv[1])).append('\n');
                }
                sb.append('\n');
            } else if (b instanceof Block.Grid g) {
                sb.append(TableFormat.MARKDOWN.write(g.headers(), g.rows())).append('\n');
            } else if (b instanceof Block.Items it) {
                for (Block.Item i : it.items()) {
                    sb.append("- ");
                    if (!i.head().isEmpty()) {
                        sb.append("**").append(esc(i.head())).append("** ");
                    }
                    sb.append(esc(i.text()).strip()).append('\n');
                    for (int k = 0; k < i.steps().size(); k++) {
                        sb.append("  ").append(k + 1).append(". ").append(esc(i.steps().get(k))).append('\n');
                    }
                }
                sb.append('\n');
            } else if (b instanceof Block.Picture pic) {
                // The file name is ours (the report's base name); angle brackets keep spaces in it valid.
                sb.append("![").append(esc(pic.caption())).append("](<").append(pictureFile.replace(">", "%3E")).append(">)\n\n");
            }
        }
        return sb.toString();
    }

    /** Inline text: the same escaping as a table cell, so a name never turns into markup. */
    static String esc(String text) {
        return TableFormat.markdownCell(text).strip();
    }
}
