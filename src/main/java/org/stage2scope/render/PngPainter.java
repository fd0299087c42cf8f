package org.stage2scope.render;

import org.stage2scope.io.AtomicFile;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Paints a Scene with Java2D into a BufferedImage. Needs no display and no JavaFX toolkit, so Export
 * PNG and the headless fallback write the very same picture.
 */
public final class PngPainter {
    private PngPainter() {}

    public static BufferedImage paint(Scene scene, double scale) {
        int w = (int) Math.ceil(scene.width() * scale);
        int h = (int) Math.ceil(scene.height() * scale);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            TextMetrics.hints(g);
            g.scale(scale, scale);
            g.setColor(new Color(scene.background()));
            g.fill(new Rectangle2D.Double(0, 0, scene.width(), scene.height()));
            for (Scene.Prim p : scene.prims()) {
                draw(g, p);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void write(Scene scene, double scale, Path file) throws IOException {
        BufferedImage img = paint(scene, scale);
        AtomicFile.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static void draw(Graphics2D g, Scene.Prim p) {
        if (p instanceof Scene.Rect r) {
            Shape s = new Rectangle2D.Double(r.x(), r.y(), r.w(), r.h());
            if (!r.noFill()) {
                g.setColor(new Color(r.fill()));
                g.fill(s);
                pattern(g, s, r.pattern(), r.patternColor());
            }
            if (r.stroke() >= 0 && r.strokeWidth() > 0) {
                g.setColor(new Color(r.stroke()));
                g.setStroke(stroke(r.strokeWidth(), r.dashed()));
                g.draw(s);
            }
        } else if (p instanceof Scene.Line l) {
            g.setColor(new Color(l.color()));
            g.setStroke(stroke(l.width(), l.dashed()));
            g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
        } else if (p instanceof Scene.Poly q) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(q.xs()[0], q.ys()[0]);
            for (int i = 1; i < q.xs().length; i++) {
                path.lineTo(q.xs()[i], q.ys()[i]);
            }
            path.closePath();
            if (q.alpha() > 0) {
                int a = (int) Math.round(q.alpha() * 255);
                g.setColor(new Color((a << 24) | q.fill(), true));
                g.fill(path);
                pattern(g, path, q.pattern(), q.patternColor());
            }
            if (q.stroke() >= 0) {
                g.setColor(new Color(q.stroke()));
                g.setStroke(stroke(q.strokeWidth(), q.dashed()));
                g.draw(path);
            }
        } else if (p instanceof Scene.Text t) {
            g.setColor(new Color(t.color()));
            g.setFont(TextMetrics.font(t.size(), t.bold()));
            double w = g.getFontMetrics().stringWidth(t.text());
            double x = switch (t.anchor()) {
                case START -> t.x();
                case MIDDLE -> t.x() - w / 2;
                case END -> t.x() - w;
            };
            g.drawString(t.text(), (float) x, (float) t.y());
        }
    }

    private static BasicStroke stroke(double w, boolean dashed) {
        return dashed ? new BasicStroke((float) w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 3}, 0)
                : new BasicStroke((float) w);
    }

    private static void pattern(Graphics2D g, Shape s, Pattern pattern, int color) {
        if (pattern == Pattern.NONE) {
            return;
        }
        Shape old = g.getClip();
        g.clip(s);
        g.setColor(new Color(color));
        g.setStroke(new BasicStroke(1.2f));
        Rectangle2D b = s.getBounds2D();
        for (double[] seg : PatternGeometry.segments(pattern, b.getX(), b.getY(), b.getWidth(), b.getHeight())) {
            if (seg.length == 2) {
                g.fill(new java.awt.geom.Ellipse2D.Double(seg[0] - 1.2, seg[1] - 1.2, 2.4, 2.4));
            } else {
                g.draw(new Line2D.Double(seg[0], seg[1], seg[2], seg[3]));
            }
        }
        g.setClip(old);
    }
}
