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

    public static List<FindingRow> of(Evaluation ev) {
        List<FindingRow> rows = new ArrayList<>();
        if (ev == null) {
            return rows;
        }
        for (Finding f : ev.findings()) {
            rows.add(new FindingRow(f.severity(), f.message() + "  [" + f.rule().id() + "]", f.ref()));
        }
        for (MemslotResult m : ev.memslotCalls()) {
            rows.add(new FindingRow(m.ok() ? Severity.INFO : Severity.ERROR, "call #" + m.index() + " "
                    + m.call().displayName() + ": " + m.resultName()
                    + (m.change() == null ? "" : " (" + m.change().name().toLowerCase(java.util.Locale.ROOT) + ")"),
                    new Ref.MemslotCall(m.index())));
        }
        return rows;
    }

    @Override
    public String toString() {
        return severity.id().toUpperCase(java.util.Locale.ROOT) + "  " + text;
    }
}
