package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Scenarios;
import org.stage2scope.model.Scenario;

/**
 * Every report {@code check} and {@code compare} print reaches its output in pieces of at most a
 * line or a JSON value, never as one string of the whole report, and the pieces are the report.
 */
class StreamedReportsTest {
    /** Keeps what it is given and the longest single piece. */
    private static final class Pieces implements Appendable {
        final StringBuilder all = new StringBuilder();
        int longest;

        @Override
        public Appendable append(CharSequence csq) {
            longest = Math.max(longest, csq.length());
            all.append(csq);
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return append(csq.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }
    }

    private interface Report {
        void write(Appendable out) throws IOException;
    }

    private static void assertStreamed(String name, String whole, Report report) throws IOException {
        Pieces p = new Pieces();
        report.write(p);
        assertEquals(whole, p.all.toString(), name);
        assertTrue(whole.length() > 400_000, name + " is large enough to tell: " + whole.length());
        // The longest line here is a range-table row of about 300 characters.
        assertTrue(p.longest < 2_000, name + ": longest piece " + p.longest + " of " + whole.length());
    }

    @Test
    void checkAndCompareReachTheOutputLineByLine() throws IOException {
        Scenario s = Scenarios.stress(1500);
        Evaluation ev = Evaluator.evaluate(s);
        Comparison c = Comparison.of(s);
        assertStreamed("check text", ReportText.render(ev), out -> ReportText.write(ev, out));
        assertStreamed("check json", ReportJson.render(ev), out -> ReportJson.write(ev, out));
        assertStreamed("compare text", CompareReport.text(c), out -> CompareReport.text(c, out));
        assertStreamed("compare json", CompareReport.json(c), out -> CompareReport.json(c, out));
    }
}
