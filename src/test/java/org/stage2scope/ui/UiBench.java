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
        if (args.length > 0 && args[0].equals("table")) {
            rangeTable("real engine: 32767 x 4 KiB slots", Evaluator.evaluate(Fixtures.stress(32767).scenario()));
            javafx.application.Platform.exit();
            return;
        }
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
        rangeTable("fixture: 32767 x 4 KiB slots", Fixtures.stress(32767));
        rangeTable("real engine: 32767 x 4 KiB slots", Evaluator.evaluate(Fixtures.stress(32767).scenario()));
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

    /**
     * The range table of a stress scenario: building its rows (off the UI thread in the window) and what
     * the UI thread does with them (hand 32,767 rows to the virtualised TableView, size the columns,
     * apply a text filter, sort by size). Needs the JavaFX toolkit: run under xvfb-run (or a desktop).
     */
    private static void rangeTable(String name, Evaluation ev) throws Exception {
        List<Double> build = new ArrayList<>();
        List<org.stage2scope.report.RangeRow> rows = null;
        for (int i = 0; i < 12; i++) {
            long a = System.nanoTime();
            rows = org.stage2scope.report.RangeRows.of(ev);
            if (i >= 2) {
                build.add((System.nanoTime() - a) / 1e6);
            }
        }
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // started by the previous call
        } catch (UnsupportedOperationException noDisplay) {
            System.out.printf(Locale.ROOT, "%s: RangeRows.of %.1f ms (%d rows); no display for the UI-thread part%n", name,
                    median(build), rows.size());
            return;
        }
        List<Double> show = new ArrayList<>();
        List<Double> filter = new ArrayList<>();
        List<Double> sort = new ArrayList<>();
        List<org.stage2scope.report.RangeRow> all = rows;
        for (int i = 0; i < 8; i++) {
            java.util.concurrent.CompletableFuture<double[]> f = new java.util.concurrent.CompletableFuture<>();
            javafx.application.Platform.runLater(() -> {
                RowTableView<org.stage2scope.report.RangeRow> t = new RowTableView<>("bench");
                new javafx.scene.Scene(t, 1200, 300);
                long a = System.nanoTime();
                t.show(org.stage2scope.report.RangeColumns.all(ev.scenario().host().arch()), all);
                t.layout();
                long b = System.nanoTime();
                java.util.Map<org.stage2scope.report.RangeRow, String> h = new java.util.IdentityHashMap<>();
                for (org.stage2scope.report.RangeRow r : all) {
                    h.put(r, RangeFilter.haystack(t.tableColumns(), r));
                }
                long c0 = System.nanoTime();
                t.setFilter(new RangeFilter("normal-nc", java.util.Set.of()).predicate(h::get));
                long c = System.nanoTime();
                t.getSortOrder().setAll(List.of(t.getColumns().get(2)));
                t.layout();
                long d = System.nanoTime();
                f.complete(new double[] {(b - a) / 1e6, (c - c0) / 1e6, (d - c) / 1e6});
            });
            double[] r = f.get();
            if (i >= 2) {
                show.add(r[0]);
                filter.add(r[1]);
                sort.add(r[2]);
            }
        }
        System.out.printf(Locale.ROOT, "%s: RangeRows.of %.1f ms (%d rows, background); UI thread: show %.1f ms, "
                + "text filter (a keystroke) %.1f ms, sort by size %.1f ms (medians)%n", name, median(build), all.size(), median(show),
                median(filter), median(sort));
    }
}
