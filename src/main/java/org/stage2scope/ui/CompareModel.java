package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.CompareReport;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * The compare window's tables. The rows, the stage-2 interval split and the "differs" flag are
 * {@link CompareReport}'s own rows, so the window and {@code stage2scope compare} can never disagree;
 * this class only adds, per cell, whether it differs from the upstream column.
 */
public final class CompareModel {
    /** One table: key columns, then one column per policy. */
    public record Table(String title, List<String> keyHeads, List<String> policies, List<Row> rows) {
        public int column(PolicyId p) {
            return policies.indexOf(p.id());
        }
    }

    /**
     * @param cells         one per policy, in {@link Table#policies} order
     * @param differs       the policies do not all agree (CompareReport's verdict)
     * @param offUpstream   per policy: this cell differs from the upstream column
     */
    public record Row(List<String> key, List<String> cells, boolean differs, List<Boolean> offUpstream) {
        public String cell(Table t, PolicyId p) {
            return cells.get(t.column(p));
        }

        public boolean offUpstream(Table t, PolicyId p) {
            return offUpstream.get(t.column(p));
        }
    }


    private final Scenario scenario;
    private final Table memslots;
    private final Table stage2;
    private final Table accesses;

    private CompareModel(Scenario scenario, Table memslots, Table stage2, Table accesses) {
        this.scenario = scenario;
        this.memslots = memslots;
        this.stage2 = stage2;
        this.accesses = accesses;
    }

    public static CompareModel of(List<Evaluation> evaluations) {
        Scenario s = evaluations.get(0).scenario();
        List<String> policies = evaluations.stream().map(e -> e.policy().id()).toList();
        int up = Math.max(0, policies.indexOf(PolicyId.UPSTREAM.id()));
        // Key columns per CompareReport: calls (index, slot, gpa, size, label, ...), stage 2 (start, end,
        // size, ...), accesses (index, gpa, kind, label).
        return new CompareModel(s,
                table("Memslot calls", List.of("#", "slot", "gpa", "size", "label"), policies,
                        CompareReport.memslotRows(evaluations), up),
                table("Stage-2 map", List.of("gpa start", "gpa end", "size"), policies,
                        CompareReport.stage2Rows(evaluations), up),
                table("Guest accesses", List.of("#", "gpa", "kind", "label"), policies,
                        CompareReport.accessRows(evaluations), up));
    }

    private static Table table(String title, List<String> keyHeads, List<String> policies, List<CompareReport.Row> rows, int up) {
        List<Row> out = new ArrayList<>(rows.size());
        for (CompareReport.Row r : rows) {
            List<Boolean> off = new ArrayList<>();
            for (String c : r.cells()) {
                off.add(!c.equals(r.cells().get(up)));
            }
            out.add(new Row(List.of(r.key()).subList(0, keyHeads.size()), List.copyOf(r.cells()), r.differs(), List.copyOf(off)));
        }
        return new Table(title, keyHeads, policies, List.copyOf(out));
    }

    /**
     * What a row is about in the main window: a memslot call or guest access by index, or the stage-2
     * row's GPA interval (keys are hex, end exclusive; an end of 2^64 is "0x10000000000000000", which
     * wraps to 0 so end - start is still the size in unsigned arithmetic).
     */
    public Ref ref(Table t, Row r) {
        if (t == memslots) {
            return new Ref.MemslotCall(Integer.parseInt(r.key().get(0)));
        }
        if (t == accesses) {
            return new Ref.Access(Integer.parseInt(r.key().get(0)));
        }
        long start = U64.parseAddress(r.key().get(0));
        String endText = r.key().get(1);
        long end = endText.equalsIgnoreCase("0x10000000000000000") ? 0L : U64.parseAddress(endText);
        return new Ref.GpaRange(start, end - start);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Table memslots() {
        return memslots;
    }

    public Table stage2() {
        return stage2;
    }

    public Table accesses() {
        return accesses;
    }

    public List<Table> tables() {
        return List.of(memslots, stage2, accesses);
    }
}
