package org.stage2scope.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stage2scope.cli.Cli;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * Pins the bytes {@code check} (text) and {@code compare} (text and JSON) write for every bundled
 * sample, through the real command line. The JSON check report has its own goldens
 * ({@link GoldenReportTest}); these catch a change in how the reports are laid out or written out
 * (the reports are streamed to the output, never built as one string), and in the explanation and
 * trace words only the text report prints in full.
 */
class GoldenCliTest {

    private static final List<String[]> COMMANDS = List.of(
            new String[] {"check.txt", "check"},
            new String[] {"compare.txt", "compare"},
            new String[] {"compare.json", "compare", "--format", "json"});

    @TestFactory
    Stream<DynamicTest> everySampleChecksAndComparesAsPinned() {
        List<Sample> samples = SampleCatalog.list();
        assertFalse(samples.isEmpty(), "no bundled samples found");
        return samples.stream().flatMap(s -> COMMANDS.stream().map(c -> DynamicTest.dynamicTest(
                s.fileName() + " " + c[0], () -> check(s.fileName(), c))));
    }

    private static void check(String sample, String[] command) {
        String[] args = new String[command.length];
        args[0] = command[1];
        args[1] = "samples/" + sample;
        System.arraycopy(command, 2, args, 2, command.length - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        Golden.assertMatches("cli/" + sample.replace(".json", "." + command[0]), out.toString(StandardCharsets.UTF_8));
    }
}
