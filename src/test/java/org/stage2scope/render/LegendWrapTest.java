package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * The legend wraps into the rows layout reserved for it, at every width and in every theme: no entry
 * runs past the right edge or below the picture, the rows reserved (every entry the evaluation could
 * need, with and without the change entry the window adds after an edit) hold the rows drawn, and the
 * row count an export is cut to is the row count drawn.
 */
class LegendWrapTest {

    static Stream<String> samples() {
        return SampleCatalog.list().stream().map(Sample::fileName);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void wrapsInsideTheWidthIntoTheRowsItReserved(String file) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(file));
        Layout l = Layout.of(ev);
        List<Change> change = List.of(new Change(Change.Lane.STAGE2,
                new Ref.GpaRange(ev.stage2().isEmpty() ? 0 : ev.stage2().get(0).gpa(), 4096), "a", "before", "after"));
        for (Theme t : List.of(Theme.light(), Theme.presentation(false))) {
            for (int width = 480; width <= 2400; width += 37) {
                for (boolean changed : new boolean[] {false, true}) {
                    int rows = l.legendRows(t, width, changed);
                    double height = Layout.preferredHeight(t, false, rows);
                    Scene s = l.scene(width, height, View.ALL, t,
                            new Layout.Options(false, true, Ref.NONE, changed ? change : List.of()));
                    TreeSet<Double> baselines = new TreeSet<>();
                    for (int i = 0; i < s.prims().size(); i++) {
                        if (s.prims().get(i) instanceof Scene.Text text && "label legend".equals(s.meta(i).cls())) {
                            double[] box = TextMetrics.box(text);
                            String where = file + " " + t.name() + " width " + width + (changed ? " changed" : "") + ": \""
                                    + text.text() + "\"";
                            assertTrue(box[2] <= width + 0.5, where + " ends at " + box[2]);
                            assertTrue(box[3] <= height + 0.5, where + " is below the picture (" + box[3] + " > " + height + ")");
                            baselines.add(Math.rint(text.y() * 10) / 10);
                        }
                    }
                    String where = file + " " + t.name() + " width " + width + (changed ? " changed" : "") + ": legend rows";
                    assertTrue(baselines.size() <= rows, where + " " + baselines.size() + " drawn, " + rows + " reserved");
                    if (!changed) {
                        assertEquals(l.legendRows(s, t, width), baselines.size(), where + " (what an export is cut to)");
                    }
                }
            }
        }
    }
}
