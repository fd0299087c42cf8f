package org.stage2scope.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/** The columns of the memslot-call table: one row per KVM_SET_USER_MEMORY_REGION2 call, in order. */
public final class MemslotColumns {
    private MemslotColumns() {}

    public static final Column<MemslotResult> INDEX = new Column<>("#", r -> String.valueOf(r.index()),
            Comparator.comparingInt(MemslotResult::index));
    public static final Column<MemslotResult> SLOT = new Column<>("slot",
            r -> MemslotCall.slotId(r.call().addressSpace(), r.call().slot()),
            Comparator.comparingInt((MemslotResult r) -> r.call().addressSpace()).thenComparingInt(r -> r.call().slot()));
    public static final Column<MemslotResult> GPA = new Column<>("gpa", r -> U64.hex(r.call().gpa()),
            Comparator.comparing((MemslotResult r) -> r.call().gpa(), Long::compareUnsigned));
    public static final Column<MemslotResult> SIZE = new Column<>("size", r -> U64.size(r.call().size()),
            Comparator.comparing((MemslotResult r) -> r.call().size(), Long::compareUnsigned));
    public static final Column<MemslotResult> HVA = new Column<>("hva", r -> U64.hex(r.call().hva()),
            Comparator.comparing((MemslotResult r) -> r.call().hva(), Long::compareUnsigned));
    public static final Column<MemslotResult> FLAGS = Column.ofText("flags", r -> flags(r.call()));
    public static final Column<MemslotResult> CHANGE = Column.ofText("change", r -> r.change() == null ? null : r.change().name());
    public static final Column<MemslotResult> RESULT = Column.ofText("result", MemslotResult::resultName);
    public static final Column<MemslotResult> RULE = Column.ofText("rule", r -> r.rule() == null ? null : r.rule().id());
    public static final Column<MemslotResult> LABEL = Column.ofText("label", r -> r.call().label().isEmpty() ? null : r.call().label());

    /** The columns {@code check} prints. */
    public static final List<Column<MemslotResult>> CHECK = List.of(INDEX, SLOT, GPA, SIZE, HVA, FLAGS, CHANGE, RESULT, RULE);
    /** The window and the review documents add the call's label. */
    public static final List<Column<MemslotResult>> ALL = List.of(INDEX, SLOT, GPA, SIZE, HVA, FLAGS, CHANGE, RESULT, RULE, LABEL);

    public static Table<MemslotResult> table(Evaluation ev) {
        return new Table<>(ALL, ev.memslotCalls());
    }

    /** Memslot flags without the KVM_MEM_ prefix, "|"-joined in bit order; "-" when none. */
    public static String flags(MemslotCall c) {
        if (c.flags().isEmpty()) {
            return null;
        }
        return c.flags().stream().sorted().map(f -> f.id().substring("KVM_MEM_".length())).collect(Collectors.joining("|"));
    }
}
