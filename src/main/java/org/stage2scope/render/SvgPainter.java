package org.stage2scope.render;

import java.util.Locale;

/**
 * Writes a Scene as standalone SVG 1.1. Text stays {@code <text>} (searchable, selectable, scalable);
 * patterns are SVG {@code <pattern>} fills so the file stays small.
 */
public final class SvgPainter {
    private SvgPainter() {}

    public static String paint(Scene scene) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(scene.width()))
                .append("\" height=\"").append(n(scene.height())).append("\" viewBox=\"0 0 ").append(n(scene.width()))
                .append(' ').append(n(scene.height())).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(c(scene.background())).append("\"/>\n");
        java.util.Map<String, String> patterns = new java.util.LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < scene.prims().size(); k++) {
            Scene.Prim p = scene.prims().get(k);
            Scene.Meta m = scene.meta(k);
            if (p instanceof Scene.Rect r) {
                String fill = r.noFill() ? "none" : c(r.fill());
                body.append("<rect x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y())).append("\" width=\"")
                        .append(n(r.w())).append("\" height=\"").append(n(r.h())).append("\" fill=\"").append(fill).append('"');
                stroke(body, r.stroke(), r.strokeWidth(), r.dashed());
                meta(body, m);
                body.append("/>\n");
                if (!r.noFill() && r.pattern() != Pattern.NONE) {
                    String id = patternId(patterns, r.pattern(), r.patternColor());
                    body.append("<rect x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y())).append("\" width=\"")
                            .append(n(r.w())).append("\" height=\"").append(n(r.h())).append("\" fill=\"url(#").append(id)
                            .append(")\"/>\n");
                }
            } else if (p instanceof Scene.Line l) {
                body.append("<line x1=\"").append(n(l.x1())).append("\" y1=\"").append(n(l.y1())).append("\" x2=\"")
                        .append(n(l.x2())).append("\" y2=\"").append(n(l.y2())).append('"');
                stroke(body, l.color(), l.width(), l.dashed());
                meta(body, m);
                body.append("/>\n");
            } else if (p instanceof Scene.Poly q) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < q.xs().length; i++) {
                    pts.append(n(q.xs()[i])).append(',').append(n(q.ys()[i])).append(' ');
                }
                body.append("<polygon points=\"").append(pts.toString().trim()).append("\" fill=\"")
                        .append(q.alpha() > 0 ? c(q.fill()) : "none").append("\" fill-opacity=\"").append(n(q.alpha())).append('"');
                stroke(body, q.stroke(), q.strokeWidth(), q.dashed());
                meta(body, m);
                body.append("/>\n");
                if (q.pattern() != Pattern.NONE) {
                    body.append("<polygon points=\"").append(pts.toString().trim()).append("\" fill=\"url(#")
                            .append(patternId(patterns, q.pattern(), q.patternColor())).append(")\"/>\n");
                }
            } else if (p instanceof Scene.Text t) {
                String anchor = switch (t.anchor()) {
                    case START -> "start";
                    case MIDDLE -> "middle";
                    case END -> "end";
                };
                // textLength pins the width layout measured: a viewer whose sans-serif runs wider than
                // DejaVu Sans squeezes the glyphs instead of running into the next label.
                body.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y())).append("\" font-size=\"")
                        .append(TextMetrics.drawnSize(t.size())).append("\" fill=\"").append(c(t.color()))
                        .append("\" text-anchor=\"").append(anchor).append('"')
                        .append(t.bold() ? " font-weight=\"bold\"" : "").append(" textLength=\"")
                        .append(n(TextMetrics.width(t.text(), t.size(), t.bold())))
                        .append("\" lengthAdjust=\"spacingAndGlyphs\"");
                meta(body, m);
                body.append('>')
                        .append(escape(t.text())).append("</text>\n");
            }
        }
        if (!patterns.isEmpty()) {
            sb.append("<defs>\n");
            patterns.values().forEach(sb::append);
            sb.append("</defs>\n");
        }
        sb.append(body);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String patternId(java.util.Map<String, String> defs, Pattern p, int color) {
        String id = "p-" + p.name().toLowerCase(Locale.ROOT) + "-" + String.format(Locale.ROOT, "%06x", color);
        defs.computeIfAbsent(id, k -> {
            double s = PatternGeometry.STEP;
            StringBuilder d = new StringBuilder("<pattern id=\"" + k + "\" patternUnits=\"userSpaceOnUse\" width=\"" + n(s)
                    + "\" height=\"" + n(s) + "\">");
            String col = c(color);
            switch (p) {
                case HATCH -> d.append("<path fill=\"none\" d=\"M0,0 L8,8 M-1,7 L1,9 M7,-1 L9,1\" stroke=\"" + col + "\" stroke-width=\"1.2\"/>");
                case CROSS -> d.append("<path fill=\"none\" d=\"M0,0 L8,8 M8,0 L0,8\" stroke=\"" + col + "\" stroke-width=\"1.2\"/>");
                case STRIPES -> d.append("<path fill=\"none\" d=\"M0,0 L0,8\" stroke=\"" + col + "\" stroke-width=\"1.2\"/>");
                case DOTS -> d.append("<circle cx=\"4\" cy=\"4\" r=\"1.2\" fill=\"" + col + "\"/>");
                default -> { }
            }
            return d.append("</pattern>\n").toString();
        });
        return id;
    }

    /** The element's meaning as class and data- attributes. */
    private static void meta(StringBuilder sb, Scene.Meta m) {
        attr(sb, "class", m.cls());
        attr(sb, "data-ref", m.ref());
        attr(sb, "data-start", m.start());
        attr(sb, "data-size", m.size());
        attr(sb, "data-outcome", m.outcome());
        attr(sb, "data-run-start", m.runStart());
        attr(sb, "data-run-size", m.runSize());
    }

    private static void attr(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        }
    }

    private static void stroke(StringBuilder sb, int color, double width, boolean dashed) {
        if (color < 0 || width <= 0) {
            return;
        }
        sb.append(" stroke=\"").append(c(color)).append("\" stroke-width=\"").append(n(width)).append('"');
        if (dashed) {
            sb.append(" stroke-dasharray=\"5,3\"");
        }
    }

    private static String c(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    private static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
