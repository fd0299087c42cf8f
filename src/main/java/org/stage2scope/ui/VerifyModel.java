package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.host.CallVerdict;
import org.stage2scope.host.ReplayReport;
import org.stage2scope.host.ReplayText;

/**
 * What Tools > Verify against this kernel shows for one replay, without a control in sight: the same
 * per-call table and summary line as {@code stage2scope replay} ({@link ReplayText}), plus the reason
 * for every call that was not reproduced. A replay that could not run at all has no rows and says
 * "Could not run: ..." instead, so nothing that never reached the kernel can look like agreement.
 *
 * @param heading  "Replay of "name" on Linux 6.18.0"
 * @param problem  "Could not run: why" when nothing ran, else ""
 * @param notes    what the reader must know (translated HVAs, stand-ins, differing host.kvm)
 * @param rows     one per call in scenario order; empty when nothing ran
 * @param summary  one sentence counted from the rows (see {@link #summary(List, int)})
 * @param text     the whole replay as the command prints it (Copy as text)
 */
record VerifyModel(String heading, String problem, List<String> notes, List<Row> rows, String summary, String text) {

    /** The table's columns: the command's, then why a call was not reproduced. */
    static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(ReplayText.header());
        c.add("why not reproduced");
        COLUMNS = List.copyOf(c);
    }

    /** One call: the command's cells, then the reason ("" when it was issued). */
    record Row(List<String> cells, boolean disagrees) {
        String verdict() {
            return cells.get(ReplayText.header().size() - 1);
        }
    }

    VerifyModel {
        notes = List.copyOf(notes);
        rows = List.copyOf(rows);
    }

    static VerifyModel of(ReplayReport r) {
        String release = r.release() == null || r.release().isEmpty() ? "this kernel" : "Linux " + r.release();
        String heading = "Replay of \"" + r.scenario() + "\" on " + release;
        List<Row> rows = new ArrayList<>();
        String problem = "";
        if (r.blocker() != null) {
            problem = "Could not run: " + r.whyNothingRan();
        } else {
            for (CallVerdict v : r.calls()) {
                List<String> cells = new ArrayList<>(List.of(ReplayText.cells(v)));
                cells.add(v.wasIssued() ? "" : v.notIssued());
                rows.add(new Row(cells, v.wasIssued() && !v.agrees()));
            }
        }
        return new VerifyModel(heading, problem, r.notes(), rows, summary(rows, r.calls().size()), ReplayText.render(r));
    }

    /**
     * The sentence under the table, counted from the rows the table shows, so the two cannot disagree. When
     * calls ran it has the words of {@code stage2scope replay}'s last line (so Copy as text ends with it);
     * when nothing ran there are no rows, and it says so instead of counting calls the table does not list.
     */
    static String summary(List<Row> rows, int calls) {
        if (rows.isEmpty()) {
            return calls == 0 ? "The scenario has no memslot calls."
                    : "Nothing ran on this kernel: none of the " + calls + " call(s) was issued.";
        }
        long agree = rows.stream().filter(r -> r.verdict().equals("agree")).count();
        long disagree = rows.stream().filter(r -> r.verdict().equals("DISAGREE")).count();
        long notReproduced = rows.size() - agree - disagree;
        return rows.size() + " call(s): " + (agree + disagree) + " issued, " + agree + " agree, " + disagree + " DISAGREE, "
                + notReproduced + " not reproduced";
    }
}
