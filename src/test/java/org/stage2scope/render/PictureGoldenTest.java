package org.stage2scope.render;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.golden.Golden;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * The picture of every bundled sample, pinned as SVG: at fit and at two zooms. Any change to the
 * layout shows up here as a reviewed diff of src/test/resources/golden/pictures.
 */
class PictureGoldenTest {

    static Stream<String> samples() {
        return SampleCatalog.list().stream().map(Sample::fileName);
    }

    private static Evaluation eval(String file) throws Exception {
        return Evaluator.evaluate(SampleCatalog.load(file));
    }

    private static String base(String file) {
        return "pictures/" + file.replace(".json", "");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void atFit(String file) throws Exception {
        Golden.assertMatches(base(file) + ".fit.svg", SvgPainter.paint(Picture.of(eval(file))));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void zoomedOnAQuarter(String file) throws Exception {
        Scene s = Picture.of(eval(file), Theme.light(), new View(0.2, 0.45), Picture.EXPORT_WIDTH);
        Golden.assertMatches(base(file) + ".zoom1.svg", SvgPainter.paint(s));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void zoomedDeep(String file) throws Exception {
        Scene s = Picture.of(eval(file), Theme.light(), new View(0.55, 0.6), Picture.EXPORT_WIDTH);
        Golden.assertMatches(base(file) + ".zoom2.svg", SvgPainter.paint(s));
    }
}
