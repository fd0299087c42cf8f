package org.stage2scope.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.render.Fixtures;

/**
 * Screenshot harness (not a test): opens the main window under a real or virtual display and writes
 * a snapshot of it. {@code xvfb-run java -cp ... org.stage2scope.ui.UiShot out.png [present] [dark] [fixture] [sample=FILE.json] [compare]}
 * ({@code compare} snapshots the Compare policies window instead of the main window; {@code memtypes} the
 * memory-type explorer, with {@code memarch=ID}, {@code memfwb=true|false}, {@code memcell=ROW:COLUMN}).
 */
public final class UiShot extends Application {
    private static String[] argv;

    public static void main(String[] args) {
        argv = args;
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        boolean fixture = java.util.Arrays.asList(argv).contains("fixture");
        boolean realOnFixture = java.util.Arrays.asList(argv).contains("engine-fixture");
        boolean stress = java.util.Arrays.asList(argv).contains("stress");
        var stressEval = stress ? Fixtures.stress(32767) : null;
        ScenarioDocument doc = stress ? new ScenarioDocument(s -> stressEval)
                : fixture ? new ScenarioDocument(Fixtures::fakeEngine) : new ScenarioDocument(Evaluator::evaluate);
        MainWindow w = new MainWindow(doc, stage);
        w.setDialogs(new ScriptedDialogs(new java.util.ArrayList<>() {
            @Override
            public boolean add(String e) {
                System.err.println(e);
                return super.add(e);
            }
        }));
        if (realOnFixture) {
            doc.load(Fixtures.graceHopperLike(), null);
        } else if (stress) {
            doc.load(stressEval.scenario(), null);
        } else if (fixture) {
            doc.load(Fixtures.graceHopperLike(), null);
        } else {
            w.openDefault();
        }
        for (String a : argv) {
            if (a.startsWith("sample=")) {
                w.openSample(a.substring(7));
            }
        }
        w.setPresentation(java.util.Arrays.asList(argv).contains("present"));
        w.setDark(java.util.Arrays.asList(argv).contains("dark"));
        stage.setWidth(1600);
        stage.setHeight(1000);
        w.show();
        if (java.util.Arrays.asList(argv).contains("select")) {
            w.viewModel().select(new org.stage2scope.engine.Ref.MemslotCall(1));
        }
        for (String a : argv) {
            if (a.startsWith("select=")) {
                w.viewModel().select(new org.stage2scope.engine.Ref.MemslotCall(Integer.parseInt(a.substring(7))));
            }
        }
        for (String a : argv) {
            if (a.startsWith("gpa=")) { // gpa=START:SIZE selects and zooms to a GPA range, e.g. gpa=0x9780000000:1G
                String[] p = a.substring(4).split(":");
                w.viewModel().reveal(new org.stage2scope.engine.Ref.GpaRange(
                        org.stage2scope.model.U64.parseAddress(p[0]), org.stage2scope.model.U64.parseSize(p[1])));
            }
        }
        if (java.util.Arrays.asList(argv).contains("nofwb")) {
            w.toggleFeature(org.stage2scope.model.CpuFeature.FWB, false);
        }
        if (java.util.Arrays.asList(argv).contains("zoom")) {
            w.viewModel().select(new org.stage2scope.engine.Ref.Vma(0));
            w.bandView().zoomToSelection();
            w.bandView().zoom(3);
        }
        boolean compare = java.util.Arrays.asList(argv).contains("compare");
        if (compare) {
            w.openCompare(); // sizes itself to its tables, up to the screen
        }
        boolean memtypes = java.util.Arrays.asList(argv).contains("memtypes");
        if (memtypes) {
            MemtypeExplorer x = w.openMemtypes();
            x.stage().setWidth(1600);
            x.stage().setHeight(1000);
            for (String a : argv) {
                if (a.startsWith("memfwb=")) {
                    x.model().fwbProperty().set(Boolean.parseBoolean(a.substring(7)));
                }
                if (a.startsWith("memarch=")) {
                    x.model().archProperty().set(org.stage2scope.model.Named.byId(org.stage2scope.model.Arch.class, a.substring(8)));
                }
            }
            for (String a : argv) {
                if (a.startsWith("memcell=")) { // memcell=ROW:COLUMN selects a cell, e.g. memcell=0x04:0b1111
                    String[] p = a.substring(8).split(":");
                    x.model().selectedProperty().set(new org.stage2scope.engine.grid.ScenarioCells.Key(p[0], p[1]));
                }
            }
        }
        new Thread(() -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                return;
            }
            Platform.runLater(() -> {
                if (stress) {
                    // Canvas pan/zoom frame times on the stress picture (layout + scene + FX paint).
                    long[] t = new long[40];
                    for (int i = 0; i < 40; i++) {
                        long a = System.nanoTime();
                        if (i < 20) {
                            w.bandView().zoom(1.4);
                        } else {
                            w.bandView().pan(i % 2 == 0 ? 0.1 : -0.1);
                        }
                        t[i] = System.nanoTime() - a;
                    }
                    w.bandView().fitAll();
                    java.util.Arrays.sort(t);
                    System.out.printf("FX frame (zoom/pan, 40 frames): median %.1f ms, max %.1f ms%n", t[20] / 1e6, t[39] / 1e6);
                }
                for (String a : argv) {
                    if (memtypes && a.startsWith("memcell=")) {
                        String[] p = a.substring(8).split(":");
                        w.memtypes().reveal(p[0], p[1]);
                    }
                }
                try {
                    var img = (compare ? w.compareView().stage() : memtypes ? w.memtypes().stage() : stage).getScene().snapshot(null);
                    ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", Path.of(argv[0]).toFile());
                } catch (Exception e) {
                    e.printStackTrace();
                }
                Platform.exit();
            });
        }).start();
    }
}
