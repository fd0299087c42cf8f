package org.stage2scope.report;

import java.io.IOException;
import java.util.List;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.io.JsonPrinter;
import org.stage2scope.model.U64;

/**
 * The machine-readable report {@value #FORMAT} (docs/report-format.md): every field of the schema in
 * its order, then the documented extras of each object. Stable for golden-file comparison.
 */
public final class ReportJson {
    public static final String FORMAT = "stage2scope-report/1";

    private ReportJson() {}

    public static String render(Evaluation evaluation) {
        return JsonPrinter.print(tree(evaluation));
    }

    /**
     * Writes the report to {@code out} as it is produced, each array element made as it is written
     * (the same text as {@link #render}): the explanations are built only while they are printed.
     */
    public static void write(Evaluation evaluation, Appendable out) throws IOException {
        JsonPrinter.print(tree(evaluation), out);
    }

    static JsonPrinter.Obj tree(Evaluation ev) {
        JsonPrinter.Obj root = JsonPrinter.obj()
                .put("format", FORMAT)
                .put("scenario", ev.scenario().name())
                .put("policy", ev.policy().id());
        // Streamed arrays: the tree is cheap to build, its elements are made while it is printed.
        Object calls = JsonPrinter.streamed(sink -> {
            for (MemslotResult r : ev.memslotCalls()) {
                sink.add(JsonPrinter.obj()
                        .put("index", r.index())
                        .put("slot", r.call().slot())
                        .put("addressSpace", r.call().addressSpace())
                        .put("change", r.change() == null ? null : r.change().name())
                        .put("result", r.resultName())
                        .put("rule", r.rule().id())
                        .put("explanation", r.explanation()));
            }
        });
        root.put("memslotCalls", calls);
        Object runs = JsonPrinter.streamed(sink -> {
            for (Stage2Run run : ev.stage2()) {
                sink.add(JsonPrinter.obj()
                        .put("gpaStart", U64.hex(run.gpa()))
                        .put("gpaEnd", ReportValues.endHex(run.gpa(), run.size()))
                        .put("slot", run.slot())
                        .put("vma", run.vma())
                        .put("outcome", run.outcome().id())
                        .put("reason", run.reason())
                        .put("s2", s2(run.s2()))
                        .put("addressSpace", run.addressSpace())
                        .put("rule", run.rule().id()));
            }
        });
        root.put("stage2", runs);
        Object effective = JsonPrinter.streamed(sink -> {
            for (EffectiveRun e : ev.effective()) {
                sink.add(JsonPrinter.obj()
                        .put("gpaStart", U64.hex(e.gpa()))
                        .put("gpaEnd", ReportValues.endHex(e.gpa(), e.size()))
                        .put("stage1", e.stage1().id())
                        .put("result", e.result())
                        .put("name", e.name())
                        .put("stage1Assumed", e.stage1Assumed())
                        .put("memClass", e.memClass().name())
                        .put("rule", e.rule().id())
                        .put("reason", e.reason()));
            }
        });
        root.put("effective", effective);
        Object accesses = JsonPrinter.streamed(sink -> {
            for (AccessResult a : ev.accesses()) {
                AccessResult.Told told = a.told().get(); // the explanation and the trace come from one walk
                List<Object> trace = JsonPrinter.list();
                trace.addAll(told.trace());
                sink.add(JsonPrinter.obj()
                        .put("index", a.index())
                        .put("gpa", U64.hex(a.access().gpa()))
                        .put("kind", a.access().kind().id())
                        .put("outcome", ReportValues.outcome(a.outcome()))
                        .put("explanation", told.explanation())
                        .put("label", a.access().label())
                        .put("rule", a.rule().id())
                        .put("s2", s2(a.s2()))
                        .put("trace", trace));
            }
        });
        root.put("accesses", accesses);
        Object findings = JsonPrinter.streamed(sink -> {
            for (Finding f : ev.findings()) {
                sink.add(JsonPrinter.obj()
                        .put("severity", f.severity().id())
                        .put("rule", f.rule().id())
                        .put("message", f.message()));
            }
        });
        root.put("findings", findings);
        return root;
    }

    static JsonPrinter.Obj s2(Stage2Entry s2) {
        if (s2 == null) {
            return null;
        }
        return JsonPrinter.obj()
                .put("type", s2.type())
                .put("memAttr", Stage2Entry.bits(s2.memAttr()))
                .put("ipat", s2.ipat())
                .put("read", s2.read())
                .put("write", s2.write())
                .put("exec", s2.exec())
                .put("block", U64.size(s2.blockSize()))
                .put("dcacheClean", s2.dcacheClean())
                .put("icacheInval", s2.icacheInval());
    }
}
