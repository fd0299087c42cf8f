package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * check and compare over the bundled samples with the real evaluator: every sample evaluates, and
 * the samples that exist to show one decision show it. Skipped only while engine.Evaluator is the
 * scaffold (before the evaluator branch is merged).
 */
class SampleReportsEndToEndTest {

    @BeforeAll
    static void evaluatorIsBuilt() throws Exception {
        boolean built;
        try {
            Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT));
            built = true;
        } catch (UnsupportedOperationException e) {
            built = false;
        }
        Assumptions.assumeTrue(built, "engine.Evaluator is still the scaffold");
    }

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String path(String sample) {
        return "samples/" + sample;
    }

    @Test
    void everySampleChecksAndComparesInBothFormats() {
        for (Sample s : SampleCatalog.list()) {
            for (String[] args : new String[][] {
                    {"check", path(s.fileName())}, {"check", path(s.fileName()), "--format", "json"},
                    {"compare", path(s.fileName())}, {"compare", path(s.fileName()), "--format", "json"}}) {
                Run r = cli(args);
                assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
                assertEquals("", r.err(), String.join(" ", args));
                assertTrue(r.out().length() > 200, String.join(" ", args));
            }
        }
    }

    @Test
    void defaultSampleMapsGpuMemoryWriteBackWith1GBlocksAndRefusesExecFromResmem() {
        String json = cli("check", path(SampleCatalog.DEFAULT), "--format", "json").out();
        assertTrue(json.contains("""
                      "gpaStart": "0x8000000000",
                      "gpaEnd": "0x97c0000000",
                      "slot": 2,
                      "vma": "nvgrace-gpu usemem (/dev/vfio/devices/vfio0, BAR4)",
                      "outcome": "mapped",
                """), json);
        assertTrue(json.contains("""
                        "type": "Normal-WB",
                        "memAttr": "0b0110",
                        "ipat": null,
                        "read": true,
                        "write": true,
                        "exec": true,
                        "block": "1G",
                        "dcacheClean": false,
                """), json);
        assertTrue(json.contains("""
                      "gpa": "0xa000001000",
                      "kind": "exec",
                      "outcome": "abort-injected",
                """), json);
    }

    @Test
    void noFwbSampleRefusesTheCacheablePfnmapSlotUnderUpstream() {
        String json = cli("check", path("grace-hopper-no-fwb.json"), "--format", "json").out();
        assertTrue(json.contains("""
                      "index": 2,
                      "slot": 2,
                      "addressSpace": 0,
                      "change": "CREATE",
                      "result": "EINVAL",
                """), json);
    }

    @Test
    void comparingTheDefaultShowsTheFlagProposalsRefusingTheGpuSlot() {
        String text = cli("compare", path(SampleCatalog.DEFAULT)).out();
        assertTrue(text.contains("  *  2  2     0x8000000000  95G   GPU usemem     ok        ok        EINVAL *        ok          EINVAL *\n"),
                text);
        String json = cli("compare", path(SampleCatalog.DEFAULT), "--format", "json").out();
        assertTrue(json.contains("\"policies\": [\"pre-6.17\", \"upstream\", \"v6-enable-flag\", \"force-flag\", \"force-flag-strict\"]"), json);
    }

    @Test
    void policyOptionOverridesTheScenarios() {
        String text = cli("check", path(SampleCatalog.DEFAULT), "--policy", "pre-6.17").out();
        assertTrue(text.contains("  policy  pre-6.17: "), text);
        assertTrue(text.contains("Device-nGnRE"), text);
    }
}
