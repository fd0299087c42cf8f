package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;

/** One line of the findings panel: a finding or a memslot call's result, and what it selects. */
public record FindingRow(Severity severity, String text, Ref ref) {

    /** Accepted calls are listed one by one up to this many; beyond it one summary line stands for them. */
    static final int OK_CALLS_LISTED = 64;

    /** Findings by severity, then refused calls, then accepted calls (or their count). */
    public static List<FindingRow> of(Evaluation ev) {
        List<FindingRow> rows = new ArrayList<>();
        if (ev == null) {
            return rows;
        }
        List<Finding> sorted = new ArrayList<>(ev.findings());
        sorted.sort(java.util.Comparator.comparing(Finding::severity));
        for (Finding f : sorted) {
            rows.add(new FindingRow(f.severity(), f.message() + "  [" + f.rule().id() + "]", f.ref()));
        }
        long ok = ev.memslotCalls().stream().filter(MemslotResult::ok).count();
        for (MemslotResult m : ev.memslotCalls()) {
            if (m.ok()) {
                continue;
            }
            rows.add(row(m));
        }
        if (ok > OK_CALLS_LISTED) {
            rows.add(new FindingRow(Severity.INFO, ok + " memslot calls accepted (select a slot for its result)", Ref.NONE));
            return rows;
        }
        for (MemslotResult m : ev.memslotCalls()) {
            if (m.ok()) {
                rows.add(row(m));
            }
        }
        return rows;
    }

    private static FindingRow row(MemslotResult m) {
        return new FindingRow(m.ok() ? Severity.INFO : Severity.ERROR, "call #" + m.index() + " "
                + m.call().displayName() + ": " + m.resultName()
                + (m.change() == null ? "" : " (" + m.change().name().toLowerCase(java.util.Locale.ROOT) + ")"),
                new Ref.MemslotCall(m.index()));
    }

    @Override
    public String toString() {
        return severity.id().toUpperCase(java.util.Locale.ROOT) + "  " + text;
    }
}
