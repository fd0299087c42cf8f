package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;

/**
 * The default picture is what a newcomer and a projector see first: every memslot and every VMA of
 * the Grace Hopper sample must carry a readable name at a 1200 px window width, including the long
 * vfio paths (shortened) and the slots whose connectors cross.
 */
class DefaultSampleLabelsTest {

    @Test
    void everySlotAndVmaOfTheDefaultSampleIsNamed() throws Exception {
        Layout l = Layout.of(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT)));
        Scene s = l.scene(1200, 500, View.ALL, Theme.light(), Layout.Options.WINDOW);
        List<String> texts = s.prims().stream().filter(p -> p instanceof Scene.Text)
                .map(p -> ((Scene.Text) p).text()).collect(Collectors.toList());
        // A connector may fall back to its short form ("slot 1") where the full name does not fit.
        for (int slot = 0; slot < 4; slot++) {
            String id = "slot " + slot;
            assertTrue(texts.stream().anyMatch(t -> t.equals(id) || t.startsWith(id + " (")), id + " not drawn; texts: " + texts);
        }
        for (String vma : List.of("nvgrace-gpu usemem", "nvgrace-gpu resmem", "guest RAM", "pflash0")) {
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(vma)), vma + " has no label; texts: " + texts);
        }
    }
}
