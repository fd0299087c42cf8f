package org.stage2scope.host;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/** The replay as a terminal table: one row per call, predicted against the kernel's answer. */
public final class ReplayText {
    private ReplayText() {}

    static final String[] HEADER = {"#", "slot", "GPA", "size", "HVA issued", "flags", "predicted", "kernel", "verdict"};

    /** The table's cells for one call, shared with the window's per-call table. */
    public static String[] cells(CallVerdict v) {
        MemslotCall c = v.predicted().call();
        return new String[] {
            String.valueOf(v.predicted().index()), MemslotCall.slotId(c.addressSpace(), c.slot()), U64.hex(c.gpa()),
            U64.size(c.size()), U64.hex(v.hvaIssued()), Flags.names(c), v.predictedName(), v.kernelName(), v.verdict(),
        };
    }

    public static List<String> header() {
        return List.of(HEADER);
    }

    public static String render(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Replay of \"").append(r.scenario()).append("\" on Linux ").append(r.release()).append('\n');
        if (r.blocker() != null) {
            sb.append(r.blocker()).append('\n');
        }
        for (String n : r.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        if (r.blocker() == null) {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (CallVerdict v : r.calls()) {
                rows.add(cells(v));
            }
            sb.append(table(rows));
            for (CallVerdict v : r.calls()) {
                if (!v.wasIssued()) {
                    sb.append("#").append(v.predicted().index()).append(" not reproduced: ").append(v.notIssued()).append('\n');
                }
            }
        }
        sb.append(summary(r)).append('\n');
        return sb.toString();
    }

    /** One line: how many calls were issued and how many agreed. */
    public static String summary(ReplayReport r) {
        long notIssued = r.calls().size() - r.issued();
        return r.calls().size() + " call(s): " + r.issued() + " issued, " + r.agreed() + " agree, " + r.disagreed()
                + " DISAGREE, " + notIssued + " not reproduced" + (r.blocker() == null ? "" : " (nothing could run here)");
    }

    private static String table(List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(i == row.length - 1 ? 0 : width[i] - row[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
