package org.stage2scope.bench;

import java.util.ArrayList;
import java.util.Locale;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vma;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;

/**
 * Render time of the default sample with one VMA named by a 1,000,000-character string (issue 9,
 * "render time grows with the square of a label's length"). Not a test: {@code LongLabelBench [chars]}.
 */
public final class LongLabelBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Scenario s = SampleCatalog.load(SampleCatalog.DEFAULT);
        var vmas = new ArrayList<>(s.vmas());
        Vma v = vmas.get(0);
        vmas.set(0, new Vma("x".repeat(n), v.start(), v.size(), v.perms(), v.flags(), v.memType(), v.backing()));
        Scenario big = new Scenario(s.name(), s.description(), s.host(), s.vm(), vmas, s.memslots(), s.guest());
        Evaluation ev = Evaluator.evaluate(big);
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long a = System.nanoTime();
            Scene sc = Picture.of(ev);
            String svg = SvgPainter.paint(sc);
            PngPainter.paint(sc, 1);
            t[i] = (System.nanoTime() - a) / 1e6;
            if (svg.isEmpty()) {
                throw new AssertionError();
            }
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%d-char VMA name: export scene + SVG + PNG median %.1f ms (min %.1f, max %.1f)%n", n,
                t[3], t[0], t[6]);
    }
}
