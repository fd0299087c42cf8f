package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.Scenario;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Layout;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * Measurement harness, not a test: toggle latency (engine + layout + scene) per bundled sample, and
 * layout/scene/paint time for the 32,767-slot stress picture. Numbers go to docs/performance.md.
 * Run: {@code java -Djava.awt.headless=true -cp target/classes:target/test-classes:<deps> org.stage2scope.ui.UiBench}
 */
public final class UiBench {
    private static final int W = 1200;
    private static final int H = 520;

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %10s%n", "toggle FWB (median of 15)", "engine ms", "layout ms", "total ms");
        List<Sample> samples;
        try {
            samples = SampleCatalog.list();
        } catch (RuntimeException e) {
            samples = List.of();
        }
        for (Sample s : samples) {
            try {
                toggle(s.fileName(), SampleCatalog.load(s.fileName()));
            } catch (Exception | Error e) {
                System.out.println(s.fileName() + ": " + e.getMessage());
            }
        }
        toggle("test scenario graceHopperLike (real engine)", Fixtures.graceHopperLike());
        toggle("32767 x 4 KiB slots, one VMA (real engine)", Fixtures.stress(32767).scenario());
        stress("fixture: 32767 x 4 KiB slots", Fixtures.stress(32767));
        stress("real engine: 32767 x 4 KiB slots", Evaluator.evaluate(Fixtures.stress(32767).scenario()));
        for (Sample s : samples) {
            if (s.fileName().contains("stress")) {
                try {
                    stress(s.fileName(), Evaluator.evaluate(SampleCatalog.load(s.fileName())));
                } catch (Exception | Error e) {
                    System.out.println(s.fileName() + ": " + e.getMessage());
                }
            }
        }
    }

    private static double median(List<Double> l) {
        List<Double> c = new ArrayList<>(l);
        c.sort(Double::compare);
        return c.get(c.size() / 2);
    }

    private static void toggle(String name, Scenario s) {
        if (s.host().arch().isX86()) {
            return;
        }
        List<Double> eng = new ArrayList<>();
        List<Double> lay = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Host h = s.host();
            Scenario t = s.withHost(new Host(h.arch(), h.pageSize(), h.vaBits(),
                    org.stage2scope.engine.ScenarioEdits.toggle(h.features(), CpuFeature.FWB, !h.has(CpuFeature.FWB), CpuFeature.class)));
            long a = System.nanoTime();
            Evaluation ev = Evaluator.evaluate(t);
            long b = System.nanoTime();
            Layout.of(ev).scene(W, H, View.ALL, Theme.light(), Layout.Options.WINDOW);
            long c = System.nanoTime();
            if (i >= 5) {
                eng.add((b - a) / 1e6);
                lay.add((c - b) / 1e6);
            }
            s = t;
        }
        System.out.printf(Locale.ROOT, "%-40s %10.2f %10.2f %10.2f%n", name, median(eng), median(lay), median(eng) + median(lay));
    }

    private static void stress(String name, Evaluation ev) {
        List<Double> build = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> zoomed = new ArrayList<>();
        List<Double> paint = new ArrayList<>();
        List<Double> pan = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long a = System.nanoTime();
            Layout l = Layout.of(ev);
            long b = System.nanoTime();
            var scene = l.scene(W, H, View.ALL, Theme.light(), Layout.Options.WINDOW);
            long c = System.nanoTime();
            l.scene(W, H, new View(0.4, 0.4 + 1e-3), Theme.light(), Layout.Options.WINDOW);
            long c2 = System.nanoTime();
            l.scene(W, H, new View(0.1, 0.6), Theme.light(), Layout.Options.WINDOW);
            long d = System.nanoTime();
            PngPainter.paint(scene, 1);
            long e = System.nanoTime();
            if (i >= 5) {
                build.add((b - a) / 1e6);
                full.add((c - b) / 1e6);
                zoomed.add((c2 - c) / 1e6);
                pan.add((d - c2) / 1e6);
                paint.add((e - d) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%s (%d stage-2 runs): Layout.of %.1f ms, scene full view %.1f ms,"
                + " scene zoomed %.1f ms, scene half view after first frame %.1f ms, Java2D paint %.1f ms (medians of 10)%n",
                name, ev.stage2().size(), median(build), median(full), median(zoomed), median(pan), median(paint));
    }
}
