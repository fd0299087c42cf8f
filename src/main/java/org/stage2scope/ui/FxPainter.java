package org.stage2scope.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.stage2scope.render.Pattern;
import org.stage2scope.render.PatternGeometry;
import org.stage2scope.render.Scene;
import org.stage2scope.render.TextMetrics;

/** Paints a render.Scene on a JavaFX canvas, mirroring render.PngPainter mark for mark. */
final class FxPainter {
    private FxPainter() {}

    static Color color(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    static void paint(Scene scene, GraphicsContext g) {
        g.save();
        g.setFill(color(scene.background()));
        g.fillRect(0, 0, scene.width(), scene.height());
        g.setLineCap(StrokeLineCap.BUTT);
        g.setTextBaseline(VPos.BASELINE);
        for (Scene.Prim p : scene.prims()) {
            if (p instanceof Scene.Rect r) {
                if (!r.noFill()) {
                    g.setFill(color(r.fill()));
                    g.fillRect(r.x(), r.y(), r.w(), r.h());
                    if (r.pattern() != Pattern.NONE) {
                        g.save();
                        g.beginPath();
                        g.rect(r.x(), r.y(), r.w(), r.h());
                        g.clip();
                        pattern(g, r.pattern(), r.patternColor(), r.x(), r.y(), r.w(), r.h());
                        g.restore();
                    }
                }
                if (r.stroke() >= 0 && r.strokeWidth() > 0) {
                    stroke(g, r.stroke(), r.strokeWidth(), r.dashed());
                    g.strokeRect(r.x(), r.y(), r.w(), r.h());
                }
            } else if (p instanceof Scene.Line l) {
                stroke(g, l.color(), l.width(), l.dashed());
                g.strokeLine(l.x1(), l.y1(), l.x2(), l.y2());
            } else if (p instanceof Scene.Poly q) {
                if (q.alpha() > 0) {
                    g.setGlobalAlpha(q.alpha());
                    g.setFill(color(q.fill()));
                    g.fillPolygon(q.xs(), q.ys(), q.xs().length);
                    g.setGlobalAlpha(1);
                }
                if (q.alpha() > 0 && q.pattern() != Pattern.NONE) {
                    g.save();
                    g.beginPath();
                    g.moveTo(q.xs()[0], q.ys()[0]);
                    for (int i = 1; i < q.xs().length; i++) {
                        g.lineTo(q.xs()[i], q.ys()[i]);
                    }
                    g.closePath();
                    g.clip();
                    double minX = Double.MAX_VALUE;
                    double maxX = -Double.MAX_VALUE;
                    double minY = Double.MAX_VALUE;
                    double maxY = -Double.MAX_VALUE;
                    for (int i = 0; i < q.xs().length; i++) {
                        minX = Math.min(minX, q.xs()[i]);
                        maxX = Math.max(maxX, q.xs()[i]);
                        minY = Math.min(minY, q.ys()[i]);
                        maxY = Math.max(maxY, q.ys()[i]);
                    }
                    pattern(g, q.pattern(), q.patternColor(), minX, minY, maxX - minX, maxY - minY);
                    g.restore();
                }
                if (q.stroke() >= 0) {
                    stroke(g, q.stroke(), q.strokeWidth(), q.dashed());
                    g.strokePolygon(q.xs(), q.ys(), q.xs().length);
                }
            } else if (p instanceof Scene.Text t) {
                g.setFill(color(t.color()));
                g.setFont(font(t));
                g.setTextAlign(switch (t.anchor()) {
                    case START -> TextAlignment.LEFT;
                    case MIDDLE -> TextAlignment.CENTER;
                    case END -> TextAlignment.RIGHT;
                });
                // Layout placed the label by java.awt's metrics; JavaFX's rasteriser can run a few per cent
                // wider, so the measured width is a ceiling (JavaFX squeezes, never spills into a neighbour).
                g.fillText(t.text(), t.x(), t.y(), TextMetrics.width(t.text(), t.size(), t.bold()));
            }
        }
        g.restore();
    }

    /** The JavaFX font of a scene text: the painters' family at the whole size layout measured it at. */
    static Font font(Scene.Text t) {
        return Font.font(TextMetrics.FAMILY, t.bold() ? FontWeight.BOLD : FontWeight.NORMAL, TextMetrics.drawnSize(t.size()));
    }

    private static void stroke(GraphicsContext g, int rgb, double w, boolean dashed) {
        g.setStroke(color(rgb));
        g.setLineWidth(w);
        if (dashed) {
            g.setLineDashes(5, 3);
        } else {
            g.setLineDashes((double[]) null);
        }
    }

    private static void pattern(GraphicsContext g, Pattern p, int rgb, double x, double y, double w, double h) {
        g.setStroke(color(rgb));
        g.setFill(color(rgb));
        g.setLineWidth(1.2);
        g.setLineDashes((double[]) null);
        for (double[] s : PatternGeometry.segments(p, x, y, w, h)) {
            if (s.length == 2) {
                g.fillOval(s[0] - 1.2, s[1] - 1.2, 2.4, 2.4);
            } else {
                g.strokeLine(s[0], s[1], s[2], s[3]);
            }
        }
    }
}
