package org.stage2scope.report;

import java.util.List;
import org.stage2scope.render.SvgPainter;

/**
 * A review document as one self-contained HTML5 file: inline CSS, the picture as inline SVG, no
 * script, and a Content-Security-Policy that forbids every fetch, so the file shows the same offline,
 * in a mail attachment or on a review site, and can never call home.
 */
public final class HtmlWriter {
    private HtmlWriter() {}

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1500px;padding:0 16px;color:#1b1f24;background:#fff}
            h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
            figure{margin:16px 0;overflow-x:auto}figure svg{max-width:100%;height:auto;box-sizing:border-box;border:1px solid #d0d7de;display:block}figcaption{color:#57606a;font-size:13px}
            .scroll{overflow-x:auto;margin:8px 0}
            table.grid{border-collapse:collapse;font-size:12.5px}
            table.grid th,table.grid td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top;white-space:nowrap}
            table.grid th{background:#f6f8fa;position:sticky;top:0}
            table.grid td{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
            tr.mc-write-back td{background:#eef4ff}tr.mc-non-cacheable td{background:#eefbf0}tr.mc-device td{background:#fff3e6}
            tr.mc-write-through td{background:#f5efff}tr.mc-reserved td{background:#fde8e8}
            tr.refused td,tr.efault td,tr.sigbus td{background:repeating-linear-gradient(135deg,#fff,#fff 6px,#f3f3f3 6px,#f3f3f3 12px)}
            tr.finding td:first-child{border-left:4px solid #cf222e}
            tr.differs td{font-weight:600}
            ul.items{padding-left:20px}ul.items li{margin:3px 0}ul.items ol{margin:2px 0 6px}
            .caveats{background:#fff8c5;border:1px solid #d4a72c;padding:6px 12px}
            footer{margin-top:32px;color:#57606a;font-size:12px}
            @media print{table.grid th{position:static}figure svg{border:none}}
            """;

    public static String write(ReviewDocument doc) {
        return write(doc.title(), doc.blocks());
    }

    static String write(String title, List<Block> blocks) {
        StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Stage2Scope\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        boolean inCaveats = false;
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                if (inCaveats) {
                    sb.append("</section>\n");
                    inCaveats = false;
                }
                if (h.id().equals("caveats")) {
                    sb.append("<section class=\"caveats\">\n");
                    inCaveats = true;
                }
                sb.append("<h").append(h.level()).append(" id=\"").append(esc(h.id())).append("\">").append(esc(h.text()))
                        .append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append("<p>").append(esc(p.text())).append("</p>\n");
            } else if (b instanceof Block.Facts f) {
                sb.append("<dl class=\"facts\">\n");
                for (String[] kv : f.pairs()) {
                    sb.append("<dt>").append(esc(kv[0])).append("</dt><dd>").append(esc(kv[1])).append("</dd>\n");
                }
                sb.append("</dl>\n");
            } else if (b instanceof Block.Grid g) {
                grid(sb, g);
            } else if (b instanceof Block.Items it) {
                items(sb, it);
            } else if (b instanceof Block.Picture pic) {
                sb.append("<figure>\n").append(inlineSvg(SvgPainter.paint(pic.scene()))).append("<figcaption>")
                        .append(esc(pic.caption())).append("</figcaption>\n</figure>\n");
            }
        }
        if (inCaveats) {
            sb.append("</section>\n");
        }
        sb.append("<footer>Written by Stage2Scope. Every value is the engine's; rule ids and kernel functions are listed with each reason.</footer>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void grid(StringBuilder sb, Block.Grid g) {
        sb.append("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr>");
        for (String h : g.headers()) {
            sb.append("<th scope=\"col\">").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < g.rows().size(); i++) {
            String mark = g.marks().get(i);
            sb.append(mark.isEmpty() ? "<tr>" : "<tr class=\"" + esc(mark) + "\">");
            for (String c : g.rows().get(i)) {
                sb.append("<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n");
    }

    private static void items(StringBuilder sb, Block.Items it) {
        sb.append("<ul class=\"items\">\n");
        for (Block.Item i : it.items()) {
            sb.append("<li>");
            if (!i.head().isEmpty()) {
                sb.append("<strong>").append(esc(i.head())).append("</strong> ");
            }
            sb.append(esc(i.text()));
            if (!i.steps().isEmpty()) {
                sb.append("<ol>");
                for (String s : i.steps()) {
                    sb.append("<li>").append(esc(s)).append("</li>");
                }
                sb.append("</ol>");
            }
            sb.append("</li>\n");
        }
        sb.append("</ul>\n");
    }

    /** The SVG document without its XML declaration, which is not allowed inside HTML. */
    static String inlineSvg(String svg) {
        return svg.startsWith("<?xml") ? svg.substring(svg.indexOf("?>") + 2).stripLeading() : svg;
    }

    /** Text as HTML: markup characters escaped, control characters (a hostile VMA name's escapes) dropped. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (ch >= 0x20 && ch != 0x7f || ch == '\n') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
