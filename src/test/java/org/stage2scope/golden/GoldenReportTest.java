package org.stage2scope.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.ReportJson;

/**
 * Pins every bundled sample's JSON report. A change in any engine rule shows up here as a diff to
 * review like code. Updates go through {@link Golden}: the update run rewrites and fails on purpose.
 */
class GoldenReportTest {

    @TestFactory
    Stream<DynamicTest> everySampleReportMatchesItsGolden() {
        List<Sample> samples = SampleCatalog.list();
        assertFalse(samples.isEmpty(), "no bundled samples found");
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.fileName(), () -> check(s)));
    }

    private static void check(Sample sample) throws Exception {
        Scenario scenario = SampleCatalog.load(sample.fileName());
        String actual = ReportJson.render(Evaluator.evaluate(scenario));
        Golden.assertMatches(sample.fileName().replace(".json", ".report.json"), actual);
    }
}
