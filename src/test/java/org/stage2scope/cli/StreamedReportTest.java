package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Rule;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.ReportText;

/**
 * {@code check} streams its report: the first bytes reach the output before the later explanations
 * are even built, and a failing output stops the report there (exit 2, the usual sentence) instead of
 * producing the rest. Before, the whole report was built as one string and then printed: at the
 * largest valid scenario that string (300 MB) did not fit a 1 GiB heap.
 */
class StreamedReportTest {
    private static final int CALLS = 20_000;
    private static final Rule RULE = new Rule("test.refused", "kvm_set_memory_region", "a refusal the test counts");

    /** An evaluation of the sample whose every call has a 300-character explanation that counts its builds. */
    private static Evaluation counted(Scenario s, AtomicInteger built) {
        List<MemslotResult> results = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int n = i;
            results.add(new MemslotResult(i, s.memslots().get(0), ChangeKind.CREATE, Errno.EINVAL, RULE, Lazy.later(() -> {
                built.incrementAndGet();
                return "call " + n + " is refused because " + "the test says so ".repeat(16);
            })));
        }
        return new Evaluation(s, s.vm().policy(), results, List.of(), List.of(), List.of(), List.of());
    }

    /** Records how many explanations existed when the first byte arrived, and fails after {@code limit} bytes. */
    private static final class Sink extends OutputStream {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final AtomicInteger built;
        final long limit;
        int builtAtFirstByte = -1;

        Sink(AtomicInteger built, long limit) {
            this.built = built;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (builtAtFirstByte < 0) {
                builtAtFirstByte = built.get();
            }
            if (got.size() + len > limit) {
                throw new IOException("No space left on device");
            }
            got.write(b, off, len);
        }
    }

    private static int check(Sink sink, AtomicInteger built, ByteArrayOutputStream err, Evaluation[] seen) {
        CheckCommand verb = new CheckCommand((s, p) -> seen[0] = counted(s, built));
        return Cli.run(new String[] {"check", "samples/vfio-bar-device.json"}, new CheckedPrintStream(sink),
                new PrintStream(err, true, StandardCharsets.UTF_8), f -> { }, Cli.factoryWith(verb));
    }

    @Test
    void theFirstBytesArriveBeforeTheLaterExplanationsAreBuilt() {
        AtomicInteger built = new AtomicInteger();
        Sink sink = new Sink(built, Long.MAX_VALUE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Evaluation[] seen = new Evaluation[1];
        assertEquals(0, check(sink, built, err, seen), err.toString(StandardCharsets.UTF_8));
        assertEquals(CALLS, built.get(), "every explanation is printed once");
        assertTrue(sink.builtAtFirstByte >= 0 && sink.builtAtFirstByte < CALLS / 2,
                "explanations built before the first byte was written: " + sink.builtAtFirstByte + " of " + CALLS);
        assertEquals(ReportText.render(seen[0]), sink.got.toString(StandardCharsets.UTF_8), "the streamed report is the report");
    }

    @Test
    void aFailingOutputStopsTheReportWithExitTwo() {
        AtomicInteger built = new AtomicInteger();
        Sink sink = new Sink(built, 200_000); // the whole report is about 7 MB
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Evaluation[] seen = new Evaluation[1];
        assertEquals(2, check(sink, built, err, seen));
        assertEquals("stage2scope: cannot write to the standard output: disk full\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(built.get() < CALLS / 2, "explanations built after the output failed: " + built.get() + " of " + CALLS);
        String full = ReportText.render(seen[0]);
        String got = sink.got.toString(StandardCharsets.UTF_8);
        assertTrue(got.length() > 100_000 && full.startsWith(got), "what was written is the start of the report: " + got.length());
    }
}
