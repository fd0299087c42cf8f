package org.stage2scope.ui;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;
import org.stage2scope.render.Fixtures;

class ScenarioDocumentTest {

    private static Scenario noFwb(Scenario s) {
        Host h = s.host();
        return s.withHost(new Host(h.arch(), h.pageSize(), h.vaBits(), Set.of(CpuFeature.DIC)));
    }

    @Test
    void editUndoRedoAndDirtyFollowTheSavedScenario() {
        ScenarioDocument d = new ScenarioDocument(Fixtures::fakeEngine);
        d.load(Fixtures.graceHopperLike(), Path.of("gh.json"));
        assertFalse(d.isDirty());
        assertEquals("Stage2Scope \u2014 gh.json", d.titleProperty().get());
        assertTrue(d.edit("-FWB", ScenarioDocumentTest::noFwb));
        assertTrue(d.isDirty());
        assertEquals("Stage2Scope \u2014 gh.json *", d.titleProperty().get());
        Ref gpu = new Ref.GpaRange(0x40000000000L, 96L << 30);
        assertTrue(d.changes().stream().anyMatch(c -> c.lane() == Change.Lane.STAGE2 && c.ref().equals(gpu)
                && c.after().equals("unmapped")), "the GPU range lost its stage-2 mapping: " + d.changes());
        assertTrue(d.changes().stream().anyMatch(c -> c.lane() == Change.Lane.MEMSLOT && c.after().equals("EINVAL")),
                d.changes().toString());
        assertTrue(d.changeSummaryProperty().get().startsWith("Changed: "), d.changeSummaryProperty().get());
        assertTrue(d.undo());
        assertFalse(d.isDirty());
        assertTrue(d.redo());
        assertFalse(d.scenario().host().has(CpuFeature.FWB));
        assertFalse(d.redo());
    }

    @Test
    void aRefusedEditLeavesTheScenarioAndSaysWhy() {
        ScenarioDocument d = new ScenarioDocument(Fixtures::fakeEngine);
        Scenario s = Fixtures.graceHopperLike();
        d.load(s, null);
        assertFalse(d.edit("x86 type", sc -> org.stage2scope.engine.ScenarioEdits.replaceVma(sc, 0,
                new org.stage2scope.model.Vma("v", 0x1000, 0x1000, sc.vmas().get(0).perms(), Set.of(), MemType.WB,
                        sc.vmas().get(0).backing()))));
        assertEquals(s, d.scenario());
        assertTrue(d.messageProperty().get().startsWith("Not changed: "), d.messageProperty().get());
        assertFalse(d.canUndoProperty().get());
    }

    @Test
    void engineFailureBecomesAMessageNotAnException() {
        ScenarioDocument d = new ScenarioDocument(s -> {
            throw new IllegalStateException("boom");
        });
        d.load(Fixtures.graceHopperLike(), null);
        assertNull(d.evaluation());
        assertEquals("The engine could not evaluate this scenario: boom", d.messageProperty().get());
    }

    @Test
    void inspectorOffersOnlyTheArchsMemTypesAndEditsThem() {
        Scenario s = Fixtures.graceHopperLike();
        var props = InspectorModel.props(s, null, new Ref.Vma(0));
        var memType = InspectorModel.find(props, "memType");
        assertEquals(List.of(MemType.MT_NORMAL, MemType.MT_NORMAL_TAGGED, MemType.MT_NORMAL_NC, MemType.MT_DEVICE_nGnRnE,
                MemType.MT_DEVICE_nGnRE), memType.choices());
        assertEquals(MemType.MT_NORMAL_NC, memType.edit().apply(MemType.MT_NORMAL_NC).apply(s).vmas().get(0).memType());
        var pfnmap = InspectorModel.find(props, "VM_PFNMAP");
        assertTrue(pfnmap.edit().apply(true).apply(s).vmas().get(0).has(VmFlag.VM_PFNMAP));
        var start = InspectorModel.find(props, "start");
        assertEquals(0xffff000000000000L, start.edit().apply("0xffff000000000000").apply(s).vmas().get(0).start());
        var flag = InspectorModel.find(InspectorModel.props(s, null, new Ref.MemslotCall(1)), "KVM_MEM_READONLY");
        assertTrue(flag.edit().apply(true).apply(s).memslots().get(1).has(MemslotFlag.KVM_MEM_READONLY));
    }

    @Test
    void bigScenariosEvaluateInTheBackgroundAndStaleResultsAreDropped() throws Exception {
        var big = Fixtures.stress(ScenarioDocument.ASYNC_MEMSLOTS);
        java.util.concurrent.BlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ScenarioDocument d = new ScenarioDocument(s -> {
            calls.incrementAndGet();
            return new org.stage2scope.engine.Evaluation(s, s.vm().policy(), big.memslotCalls(), big.stage2(),
                    big.effective(), List.of(), List.of());
        }, ui::add);
        d.load(big.scenario(), null);
        assertTrue(d.busyProperty().get());
        assertNull(d.evaluation(), "nothing shown until the background result arrives");
        List<Boolean> shown = new java.util.ArrayList<>();
        d.evaluationProperty().addListener((o, was, ev) -> shown.add(ev.scenario().host().has(CpuFeature.FWB)));
        d.edit("-FWB", ScenarioDocumentTest::noFwb); // cancels the first request, or makes its result stale
        while (d.busyProperty().get()) {
            Runnable r = ui.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(r, "the newest request delivers");
            r.run();
        }
        assertEquals(List.of(false), shown, "only the newest result is ever shown; the stale one (FWB on) never is");
        assertTrue(calls.get() <= 2, "the stale request ran at most once: " + calls.get());
        assertEquals("Evaluated 2000 memslot calls", d.messageProperty().get());
    }

    @Test
    void undoKeepsTheLastTwoHundredEditsAndForgetsOlderOnes() {
        ScenarioDocument d = new ScenarioDocument(Fixtures::fakeEngine);
        d.load(Fixtures.graceHopperLike(), null);
        int edits = ScenarioDocument.UNDO_LIMIT + 5;
        for (int i = 1; i <= edits; i++) {
            long size = (long) i << 20;
            assertTrue(d.edit("size " + i, s -> org.stage2scope.engine.ScenarioEdits.replaceCall(s, 0,
                    withSize(s.memslots().get(0), size))));
        }
        assertEquals(ScenarioDocument.UNDO_LIMIT, d.undoDepth());
        int undone = 0;
        while (d.undo()) {
            undone++;
        }
        assertEquals(ScenarioDocument.UNDO_LIMIT, undone);
        assertEquals(5L << 20, d.scenario().memslots().get(0).size(), "the five oldest edits can no longer be undone");
        assertEquals("Undone: size 6", d.messageProperty().get());
        assertTrue(d.isDirty(), "still differs from the loaded scenario");
    }

    private static org.stage2scope.model.MemslotCall withSize(org.stage2scope.model.MemslotCall c, long size) {
        return new org.stage2scope.model.MemslotCall(c.slot(), c.addressSpace(), c.gpa(), size, c.hva(), c.flags(),
                c.guestMemfdOffset(), c.label());
    }
}
