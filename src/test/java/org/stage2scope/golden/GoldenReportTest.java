package org.stage2scope.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.ReportJson;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;

/**
 * Pins every bundled sample's JSON report. A change in any engine rule shows up here as a diff to
 * review like code. To accept intended changes: {@code mvn -q verify -Dgolden.update=true}, then read
 * {@code git diff src/test/resources/golden}.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everySampleReportMatchesItsGolden() {
        List<Sample> samples = SampleCatalog.list();
        assertFalse(samples.isEmpty(), "no bundled samples found");
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.fileName(), () -> check(s)));
    }

    private static void check(Sample sample) throws Exception {
        Scenario scenario = SampleCatalog.load(sample.fileName());
        String actual = ReportJson.render(Evaluator.evaluate(scenario));
        Path golden = GOLDEN.resolve(sample.fileName().replace(".json", ".report.json"));
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no golden report for " + sample.fileName() + "; generate it with mvn -q verify -Dgolden.update=true and review it");
        }
        assertEquals(read(golden), actual, "report of " + sample.fileName() + " changed; review and re-run with -Dgolden.update=true if intended");
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
