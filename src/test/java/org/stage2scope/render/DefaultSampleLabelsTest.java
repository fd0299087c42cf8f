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
    }

    /**
     * At one linear scale a 64 MiB flash beside 95 GiB of GPU memory is a sliver at fit; zoomed to
     * what it backs (Z on the VMA), every VMA is named, with its pgprot memory type.
     */
    @Test
    void everyVmaIsNamedWhenZoomedToWhatItBacks() throws Exception {
        Layout l = Layout.of(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT)));
        List<String> names = List.of("nvgrace-gpu usemem", "nvgrace-gpu resmem", "guest RAM", "pflash0");
        for (int i = 0; i < names.size(); i++) {
            String vma = names.get(i);
            int index = indexOf(l, vma);
            Scene s = l.scene(1200, 500, l.frame(new org.stage2scope.engine.Ref.Vma(index)).view(), Theme.light(),
                    Layout.Options.WINDOW);
            List<String> texts = s.texts();
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(vma) && t.contains("MT_")),
                    vma + " has no label with its memory type; texts: " + texts);
        }
    }

    private static int indexOf(Layout l, String name) {
        var vmas = l.evaluation().scenario().vmas();
        for (int i = 0; i < vmas.size(); i++) {
            if (vmas.get(i).name().startsWith(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    /** The default sample's only warning (exec on resmem: an injected instruction abort) is labelled at fit, in the export too. */
    @Test
    void theWarningIsLabelledAtFit() throws Exception {
        Scene s = Picture.of(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT)));
        assertTrue(s.texts().contains("exec abort"), s.texts().toString());
    }
}
