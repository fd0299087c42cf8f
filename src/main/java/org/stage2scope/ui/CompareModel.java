package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.report.CompareReport;

/**
 * The compare window's tables. The columns are a {@link Comparison}'s (the policies on arm64, what
 * varies on x86); the rows, the stage-2 interval split, the guest's stage-1 column, the effective
 * types and the "differs" flag are {@link CompareReport}'s own rows, so the window and
 * {@code stage2scope compare} can never disagree. This class only adds, per cell, whether it differs
 * from the baseline column.
 */
public final class CompareModel {
    /** One table: key columns, then one column per policy (or x86 variant). */
    public record Table(String title, List<String> keyHeads, List<String> policies, List<Row> rows) {
        public int column(PolicyId p) {
            return policies.indexOf(p.id());
        }
    }

    /**
     * @param cells         one per policy, in {@link Table#policies} order
     * @param differs       the policies do not all agree (CompareReport's verdict)
     * @param offUpstream   per column: this cell differs from the baseline column (upstream on arm64)
     */
    public record Row(List<String> key, List<String> cells, boolean differs, List<Boolean> offUpstream) {
        public String cell(Table t, PolicyId p) {
            return cells.get(t.column(p));
        }

        public boolean offUpstream(Table t, PolicyId p) {
            return offUpstream.get(t.column(p));
        }
    }


    private final Comparison comparison;
    private final Scenario scenario;
    private final Table memslots;
    private final Table stage2;
    private final Table accesses;

    private CompareModel(Comparison comparison, Table memslots, Table stage2, Table accesses) {
        this.comparison = comparison;
        this.scenario = comparison.scenario();
        this.memslots = memslots;
        this.stage2 = stage2;
        this.accesses = accesses;
    }

    /** The arm64 policies side by side. */
    public static CompareModel of(List<Evaluation> evaluations) {
        return of(Comparison.ofPolicies(evaluations.get(0).scenario(), evaluations));
    }

    public static CompareModel of(Comparison c) {
        List<String> heads = c.heads();
        int base = c.baseline();
        return new CompareModel(c,
                table("Memslot calls", CompareReport.MEMSLOT_KEYS, heads, CompareReport.memslotRows(c), base),
                table("Stage-2 map", CompareReport.STAGE2_KEYS, heads, CompareReport.stage2Rows(c), base),
                table("Guest accesses", CompareReport.ACCESS_KEYS, heads, CompareReport.accessRows(c), base));
    }

    public Comparison comparison() {
        return comparison;
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
