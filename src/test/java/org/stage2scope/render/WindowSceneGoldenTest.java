package org.stage2scope.render;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.golden.Golden;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * The window's scene (no caption, selection, change outline, separate HVA view, dark and
 * presentation themes) pinned as SVG plus its hit regions, so the window picture and its tooltips
 * are checked too, not only the export.
 */
class WindowSceneGoldenTest {

    static Stream<String> samples() {
        return SampleCatalog.list().stream().map(Sample::fileName);
    }

    static String hits(Scene s) {
        StringBuilder sb = new StringBuilder();
        for (Scene.Hit h : s.hits()) {
            sb.append(String.format(Locale.ROOT, "%s %s %s [%.1f %.1f %.1f %.1f]%n  %s%n", h.lane(), h.ref(), h.style(),
                    h.x(), h.y(), h.w(), h.h(), h.tooltip().replace("\n", "\n  ")));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void windowWithSelectionAndChange(String file) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(file));
        Layout l = Layout.of(ev);
        Ref sel = ev.scenario().memslots().isEmpty() ? Ref.NONE : new Ref.MemslotCall(0);
        long g = ev.stage2().isEmpty() ? 0 : ev.stage2().get(0).gpa();
        Ref.GpaRange changed = new Ref.GpaRange(g, 1L << 21);
        Layout.Options o = new Layout.Options(false, true, sel, List.of(
                new Change(Change.Lane.STAGE2, changed, "a", "Normal-NC", "Normal-WB"),
                new Change(Change.Lane.EFFECTIVE, changed, "a", "Normal-NC", "Normal-WB")));
        String name = "window/" + file.replace(".json", "");
        Scene light = l.scene(1200, 480, new View(0.1, 0.7), Theme.light(), o);
        Golden.assertMatches(name + ".light.svg", SvgPainter.paint(light));
        Golden.assertMatches(name + ".light.hits.txt", hits(light));
        Scene dark = l.scene(1000, 520, new View(0.3, 0.5), Theme.dark(), o);
        Golden.assertMatches(name + ".dark.svg", SvgPainter.paint(dark));
        Scene pres = l.scene(1400, 700, View.ALL, Theme.presentation(false), Layout.Options.WINDOW);
        Golden.assertMatches(name + ".presentation.svg", SvgPainter.paint(pres));
        Golden.assertMatches(name + ".presentation.hits.txt", hits(pres));
    }
}
