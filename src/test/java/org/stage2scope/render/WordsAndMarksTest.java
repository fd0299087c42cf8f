package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;

/** The picture's words follow the architecture and the current scenario; its marks carry their meaning. */
class WordsAndMarksTest {

    private static Evaluation sample(String file) throws Exception {
        return Evaluator.evaluate(SampleCatalog.load(file));
    }

    @Test
    void x86CaptionNamesQuirksAndDmaNotAPolicy() throws Exception {
        List<String> intel = Caption.lines(sample("x86-intel-quirk.json"));
        assertEquals("x86-intel, 4K pages, features: SELF_SNOOP  |  quirks: IGNORE_GUEST_PAT, non-coherent DMA: no",
                intel.get(1));
        List<String> amd = Caption.lines(sample("x86-amd-guest-uc.json"));
        assertFalse(amd.get(1).contains("policy"), amd.get(1));
        assertFalse(amd.get(1).contains("IGNORE_GUEST_PAT"), "the quirk is Intel-only: " + amd.get(1));
    }

    @Test
    void captionNamesTheEditedVmaAndSlotAndWhatChanged() throws Exception {
        // A trial's export after two inspector edits said "modified: 1 VMA edited, 1 memslot call edited".
        Scenario origin = SampleCatalog.load("grace-hopper-fwb.json");
        List<org.stage2scope.model.Vma> vmas = new java.util.ArrayList<>(origin.vmas());
        int v = 0;
        while (!vmas.get(v).name().contains("usemem")) {
            v++;
        }
        org.stage2scope.model.Vma u = vmas.get(v);
        vmas.set(v, new org.stage2scope.model.Vma(u.name(), u.start(), u.size(), u.perms(), u.flags(),
                org.stage2scope.model.MemType.MT_NORMAL_NC, u.backing()));
        List<org.stage2scope.model.MemslotCall> calls = new java.util.ArrayList<>(origin.memslots());
        int c = 0;
        while (!"GPU usemem".equals(calls.get(c).label())) {
            c++;
        }
        org.stage2scope.model.MemslotCall m = calls.get(c);
        calls.set(c, new org.stage2scope.model.MemslotCall(m.slot(), m.addressSpace(), m.gpa(), m.size(), m.hva(),
                java.util.EnumSet.of(org.stage2scope.model.MemslotFlag.KVM_MEM_READONLY), m.guestMemfdOffset(), m.label()));
        Scenario now = new Scenario(origin.name(), origin.description(), origin.host(), origin.vm(), vmas, calls, origin.guest());
        String line = Caption.lines(Evaluator.evaluate(now), origin).get(2);
        assertTrue(line.contains("VMA nvgrace-gpu usemem: memType MT_NORMAL -> MT_NORMAL_NC"), line);
        assertTrue(line.contains("slot 2 (GPU usemem): flag +KVM_MEM_READONLY"), line);
    }

    @Test
    void captionSaysWhatWasModifiedSinceTheSample() throws Exception {
        Scenario origin = SampleCatalog.load("x86-intel-quirk.json");
        Scenario now = origin.withVm(new Vm(origin.vm().ipaBits(), origin.vm().mte(), origin.vm().policy(), Set.of(), true));
        List<String> lines = Caption.lines(Evaluator.evaluate(now), origin);
        assertEquals("modified: IGNORE_GUEST_PAT off, non-coherent DMA on", lines.get(2));
        assertEquals(2, Caption.lines(Evaluator.evaluate(origin), origin).size(), "unmodified: no third line");
        Scene s = Picture.of(Evaluator.evaluate(now), Theme.light(), View.ALL, Picture.EXPORT_WIDTH, origin);
        assertTrue(s.texts().contains("modified: IGNORE_GUEST_PAT off, non-coherent DMA on"), s.texts().toString());
    }

    @Test
    void x86LegendUsesX86TypeNames() throws Exception {
        List<String> texts = Picture.of(sample("x86-intel-quirk.json")).texts();
        assertTrue(texts.contains("WB (write-back)"), texts.toString());
        assertTrue(texts.contains("UC / UC- (uncacheable)"), texts.toString());
        assertFalse(texts.contains("Normal write-back"), texts.toString());
        assertTrue(Picture.of(sample("grace-hopper-fwb.json")).texts().contains("Normal write-back"));
    }

    @Test
    void accessMarkersDifferByShapeNotOnlyHue() {
        Set<Integer> corners = new java.util.HashSet<>();
        Set<String> outlines = new java.util.HashSet<>();
        for (AccessOutcome o : List.of(AccessOutcome.MAPPED, AccessOutcome.MMIO_EXIT, AccessOutcome.EFAULT)) {
            Scene.Poly p = AccessMarks.marker(o, 100, 10, 8, 0, 0);
            corners.add(p.xs().length);
            outlines.add(java.util.Arrays.toString(p.xs()) + java.util.Arrays.toString(p.ys()));
        }
        assertEquals(3, outlines.size(), "three outcomes, three shapes");
        assertTrue(corners.contains(3) && corners.contains(4));
    }

    @Test
    void bandsPrintPgprotBlockSizeAndMemAttrWhenTheyFit() throws Exception {
        Evaluation ev = sample("grace-hopper-fwb.json");
        Layout l = Layout.of(ev);
        List<String> texts = Picture.of(l, Theme.light(), View.ALL, Picture.EXPORT_WIDTH, null).texts();
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("nvgrace-gpu usemem") && t.contains("MT_NORMAL PFNMAP")),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Normal-WB") && t.contains("1G blocks") && t.contains("MemAttr 0b")),
                texts.toString());
    }

    @Test
    void clickingASlotLabelSelectsTheSlot() throws Exception {
        Layout l = Layout.of(sample("thp-ram-aligned-vs-misaligned.json"));
        Scene s = l.scene(1400, 600, View.ALL, Theme.light(), Layout.Options.WINDOW);
        boolean found = false;
        for (int i = 0; i < s.prims().size(); i++) {
            if (s.prims().get(i) instanceof Scene.Text t && "label slot".equals(s.meta(i).cls())) {
                double[] b = TextMetrics.box(t);
                Scene.Hit h = s.hitAt((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
                assertNotNull(h);
                assertEquals(s.meta(i).ref(), Scene.Meta.id(h.ref()), "click on \"" + t.text() + "\"");
                found = true;
            }
        }
        assertTrue(found, "no slot label drawn");
    }

    @Test
    void aStage2BandPrintsItsSizeWhereItFits() throws Exception {
        // The default sample's 16 GiB of RAM drawn 140 px wide in the window read only "Normal-WB".
        Evaluation ev = sample("grace-hopper-fwb.json");
        var ram = ev.stage2().stream().filter(r -> r.size() == 16L << 30).findFirst().orElseThrow();
        java.util.List<String> labels = Bands.stage2Labels(ram);
        double fs = 13;
        String withSize = "Normal-WB  16 GiB";
        assertTrue(labels.contains(withSize), labels.toString());
        double room = TextFit.width(withSize, fs) + 1;
        String chosen = labels.stream().filter(l -> TextFit.width(l, fs) <= room).findFirst().orElseThrow();
        assertEquals(withSize, chosen, "first label that fits " + room + " px");
        // Wider, the block size comes too; the MemAttr only with the size and blocks.
        String wide = labels.stream().filter(l -> TextFit.width(l, fs) <= TextFit.width("Normal-WB  16 GiB  2M blocks", fs) + 1)
                .findFirst().orElseThrow();
        assertEquals("Normal-WB  16 GiB  2M blocks", wide);
    }

    @Test
    void aSharedCalloutSetsAWarningApartFromTheNextName() throws Exception {
        // vfio-bar-allow-uncached-exec: the warned NC range and the Device range beside it share a callout;
        // joined by a comma it read as one cut-off sentence, "NC: guest asked cacheable, Dev".
        Evaluation ev = sample("vfio-bar-allow-uncached-exec.json");
        Document svg = Jsoup.parse(SvgPainter.paint(Picture.of(ev)), "", Parser.xmlParser());
        java.util.List<String> shared = svg.select("text.label.side").eachText().stream()
                .filter(t -> t.contains(FindingTags.WARNING_SIGN) && t.contains("Dev")).toList();
        assertFalse(shared.isEmpty(), svg.select("text.label.side").eachText().toString());
        for (String t : shared) {
            assertFalse(t.matches(".*: [^|]*, Dev.*"), t);
            assertTrue(t.contains(" | "), t);
        }
    }

    @Test
    void aReadOnlyStage2BandSaysSo() throws Exception {
        org.stage2scope.model.Scenario s = org.stage2scope.io.SampleCatalog.load("grace-hopper-fwb.json");
        var calls = new java.util.ArrayList<>(s.memslots());
        for (int i = 0; i < calls.size(); i++) {
            var c = calls.get(i);
            if ("GPU usemem".equals(c.label())) {
                var flags = java.util.EnumSet.of(org.stage2scope.model.MemslotFlag.KVM_MEM_READONLY);
                flags.addAll(c.flags());
                calls.set(i, new org.stage2scope.model.MemslotCall(c.slot(), c.addressSpace(), c.gpa(), c.size(), c.hva(), flags,
                        c.guestMemfdOffset(), c.label()));
            }
        }
        Evaluation ev = Evaluator.evaluate(new org.stage2scope.model.Scenario(s.name(), s.description(), s.host(), s.vm(),
                s.vmas(), calls, s.guest()));
        var run = ev.stage2().stream().filter(r -> r.gpa() == 0x8000000000L).findFirst().orElseThrow();
        java.util.List<String> labels = Bands.stage2Labels(run);
        assertTrue(labels.get(0).contains("R-"), labels.toString());
        assertTrue(labels.stream().filter(l -> l.contains("R-")).count() >= labels.size() - 2, labels.toString());
    }

    @Test
    void aWidenedVmaIsNamedWithTheFlagThatDecides() throws Exception {
        // The two vfio samples differ only by VM_ALLOW_ANY_UNCACHED on the BAR's VMA; its callout said only
        // "vfio-pci 0000:01:00.0 BAR0" in both, so their host lanes were identical.
        String with = String.join(" / ", Jsoup.parse(SvgPainter.paint(Picture.of(sample("vfio-bar-allow-uncached-exec.json"))), "",
                Parser.xmlParser()).select("text.label.vma.side").eachText());
        String without = String.join(" / ", Jsoup.parse(SvgPainter.paint(Picture.of(sample("vfio-bar-device.json"))), "",
                Parser.xmlParser()).select("text.label.vma.side").eachText());
        assertTrue(with.contains("BAR0") && with.contains("PFNMAP ALLOW_ANY_UNCACHED"), with);
        assertTrue(without.contains("BAR0") && without.contains("PFNMAP") && !without.contains("ALLOW_ANY_UNCACHED"), without);
        // dirty-logging: the BAR VMA behind the refused slot 1 was a 3 px unnamed sliver.
        String refused = String.join(" / ", Jsoup.parse(SvgPainter.paint(Picture.of(sample("dirty-logging.json"))), "",
                Parser.xmlParser()).select("text.label.vma.side").eachText());
        assertTrue(refused.contains("BAR0"), refused);
    }

    @Test
    void everyRefusedCallOfTheChecksSampleIsNamedWithItsErrno() throws Exception {
        // Call #5 (GPA + size wraps past 2^64) had no connector and no label: its range wrapped to below its
        // start. Every refused call of the sample now carries its errno on the picture.
        Evaluation ev = sample("memslot-overlap-misaligned.json");
        Document svg = Jsoup.parse(SvgPainter.paint(Picture.of(ev)), "", Parser.xmlParser());
        for (var r : ev.memslotCalls()) {
            if (!r.ok() && r.call().size() != 0) {
                String label = svg.select("text.label.slot[data-ref=call:" + r.index() + "]").text();
                assertTrue(label.contains(r.resultName()), "call #" + r.index() + " labelled \"" + label + "\"");
            }
        }
    }

    @Test
    void aChangedWidenedRangeIsOutlinedAroundItsMarker() throws Exception {
        // After an FWB flip pflash0's stage-2 MemAttr changes; its 64 MiB run is a widened marker at fit, and
        // the change outline stood around its true pixel, beside the marker.
        Evaluation before = sample("grace-hopper-fwb.json");
        Evaluation after = Evaluator.evaluate(org.stage2scope.engine.ScenarioEdits.withFeature(before.scenario(),
                org.stage2scope.model.CpuFeature.FWB, false));
        var changes = org.stage2scope.engine.EvaluationDiff.of(before, after);
        Scene s = Layout.of(after).scene(1600, 600, View.ALL, Theme.light(),
                new Layout.Options(false, true, org.stage2scope.engine.Ref.NONE, changes));
        Scene.Rect marker = null;
        Scene.Rect outline = null;
        for (int i = 0; i < s.prims().size(); i++) {
            Scene.Meta m = s.meta(i);
            if (("band " + Layout.LANE_S2 + " widened").equals(m.cls()) && "0x0".equals(m.start())) {
                marker = (Scene.Rect) s.prims().get(i);
            }
            if ("highlight changed stage2".equals(m.cls()) && m.ref() != null && m.ref().startsWith("gpa:0x0+")) {
                outline = (Scene.Rect) s.prims().get(i);
            }
        }
        assertNotNull(marker, "pflash0 is widened at fit");
        assertNotNull(outline, "pflash0's stage-2 change is outlined");
        assertTrue(outline.x() <= marker.x() && outline.x() + outline.w() >= marker.x() + marker.w(),
                "outline " + outline.x() + "+" + outline.w() + " around marker " + marker.x() + "+" + marker.w());
    }

    @Test
    void markersMovedAsideStayOverTheMemoryTheyAccess() throws Exception {
        // render --gpa 0x3000000-0x4fffffff: the two accesses at the start of RAM stood side by side centred on
        // RAM's first pixel, the left one over the 880 MiB gap's zig-zag, as if it touched unmapped GPA.
        Evaluation ev = sample("grace-hopper-fwb.json");
        Layout.Framed fr = Layout.of(ev).frame(0x3000000L, 0x4fffffffL);
        Scene s = Picture.of(fr.layout(), Theme.light(), fr.view(), Picture.EXPORT_WIDTH, null);
        double ramStart = Double.NaN;
        for (int i = 0; i < s.prims().size(); i++) {
            Scene.Meta m = s.meta(i);
            if (m.cls() != null && m.cls().startsWith("band " + Layout.LANE_S2) && "0x40000000".equals(m.start())
                    && s.prims().get(i) instanceof Scene.Rect r) {
                ramStart = r.x();
            }
        }
        assertFalse(Double.isNaN(ramStart), "RAM's stage-2 band is drawn");
        int checked = 0;
        for (int i = 0; i < s.prims().size(); i++) {
            Scene.Meta m = s.meta(i);
            if ("marker access".equals(m.cls()) && Long.parseUnsignedLong(m.start().substring(2), 16) >= 0x40000000L
                    && s.prims().get(i) instanceof Scene.Poly p) {
                double lo = java.util.Arrays.stream(p.xs()).min().orElseThrow();
                assertTrue(lo >= ramStart - 0.5, m.ref() + " starts at " + lo + ", left of RAM at " + ramStart);
                checked++;
            }
        }
        assertTrue(checked >= 2, "accesses in RAM in view: " + checked);
    }

    @Test
    void aCutBandNeverReadsAsTheWholeRun() {
        // THP sample, zoomed: 2 GiB less the 1 MiB misalignment printed "2.0 GiB of 2.0 GiB".
        assertEquals("2047 MiB of 2 GiB", BandLane.partOf((2L << 30) - (1L << 20), 2L << 30));
        assertEquals("2 GiB of 16 GiB", BandLane.partOf(2L << 30, 16L << 30));
        assertEquals("1.5 GiB of 2 GiB", BandLane.partOf(3L << 29, 2L << 30));
        assertEquals("4194303 KiB of 4 GiB", BandLane.partOf((4L << 30) - 1024, 4L << 30));
        assertEquals("1023 B of 1 KiB", BandLane.partOf(1023, 1024));
    }

    @Test
    void aWidenedSliverIsNamedBesideItsMarker() throws Exception {
        // The Intel sample's whole point is the 16 MiB BAR that stage 2 maps UC and the guest sees WC:
        // at fit it is a 12 px marker, too narrow for a label inside, so the label stands beside it.
        Evaluation ev = sample("x86-intel-quirk.json");
        Document svg = Jsoup.parse(SvgPainter.paint(Picture.of(ev)), "", Parser.xmlParser());
        assertEquals("UC", svg.select("text.label.stage2.side").text());
        // The BAR's two 8 MiB halves: the guest maps the first WC (an access there widens it) and the second
        // UC; the second is as large as the first, so it is widened too (widths monotone) and named with it.
        assertEquals("WC, UC", svg.select("text.label.effective.side:not(.callout)").text());
        // The three adjacent 16 MiB ranges whose guest PAT asks WC/UC/UC- sit beside 1 GiB of RAM: their markers
        // stand side by side and one callout over the RAM names all three (it named two of them, the third not at all).
        Element callout = svg.selectFirst("text.label.effective.side.callout");
        assertNotNull(callout);
        assertEquals("WB \u00d73", callout.text());
        assertEquals("gpa:0x40000000+0x1000000 gpa:0x41000000+0x1000000 gpa:0x42000000+0x1000000", callout.attr("data-ref"));
        for (Element m : svg.select("rect.band.widened")) {
            long named = svg.select("text.label.side").stream()
                    .filter(t -> List.of(t.attr("data-ref").split(" ")).contains(m.attr("data-ref"))).count();
            assertEquals(1, named, "widened " + m.attr("data-ref") + " is named by one label");
        }
        java.util.List<Double> xs = svg.select("rect.band.effective.widened").stream()
                .map(e -> Double.parseDouble(e.attr("x"))).sorted().toList();
        for (int i = 1; i < xs.size(); i++) {
            assertTrue(xs.get(i) - xs.get(i - 1) >= BandLane.MIN_WIDTH - 0.01, "widened markers do not hide each other: " + xs);
        }
        String bar = svg.select("rect.band.stage2.widened").attr("data-ref");
        assertEquals(bar, svg.select("text.label.stage2.side").attr("data-ref"), "the label names the widened band's own range");
    }

    @Test
    void svgCarriesTheMeaningOfEachElement() throws Exception {
        Evaluation ev = sample("grace-hopper-fwb.json");
        Document svg = Jsoup.parse(SvgPainter.paint(Picture.of(ev)), "", Parser.xmlParser());
        Element usemem = svg.select("rect.band.stage2[data-size=" + Long.toUnsignedString(ev.stage2().stream()
                .filter(r -> r.vma() != null && r.vma().contains("usemem")).findFirst().orElseThrow().size()) + "]").first();
        assertNotNull(usemem, "the usemem stage-2 band is marked");
        assertTrue(usemem.attr("data-ref").startsWith("gpa:0x"));
        assertEquals("Normal-WB", usemem.attr("data-outcome"));
        assertFalse(svg.select("text.label.access[data-outcome=ABORT_INJECTED]").isEmpty());
        assertTrue(svg.select("text.label.tick.gpa").size() >= 2);
        assertFalse(svg.select("polygon.connector.slot[data-ref=call:0]").isEmpty());
    }

    @Test
    void aMillionCharacterNameIsShortenedToWhatFits() {
        String name = "x".repeat(1_000_000);
        String cut = TextFit.ellipsize(name, 13, 200);
        assertNotNull(cut);
        assertTrue(TextFit.width(cut, 13) <= 200);
        assertTrue(TextFit.width("x".repeat(cut.length()) + "x\u2026", 13) > 200, "the longest prefix that fits");
        assertNotEquals(name, cut);
    }

    @Test
    void renderOfAnHvaRangeFramesTheGuestMemoryItBacks() throws Exception {
        Evaluation ev = sample("grace-hopper-fwb.json");
        Layout l = Layout.of(ev);
        var ram = ev.scenario().vmas().stream().filter(v -> v.name().startsWith("guest RAM")).findFirst().orElseThrow();
        Layout.Framed fr = l.frameHva(ram.start(), ram.start() + ram.size() - 1);
        assertNotNull(fr);
        View v = fr.view();
        Scene s = l.scene(1600, 500, v, Theme.light(), Layout.Options.WINDOW);
        assertTrue(s.hits().stream().anyMatch(h -> h.ref() instanceof Ref.Vma && h.lane().equals(Layout.LANE_VMA)));
        assertTrue(s.texts().stream().anyMatch(t -> t.startsWith("guest RAM")), s.texts().toString());
    }

    /**
     * Without FWB the 95 GiB usemem slot is refused: its GPA has no stage-2 run, and the two lanes
     * say why instead of staying blank; the words point at the refused call (click selects it).
     */
    @Test
    void aRefusedSlotsRangeSaysItHasNoStage2() throws Exception {
        Evaluation ev = sample("grace-hopper-no-fwb.json");
        for (Scene s : List.of(Picture.of(ev), Layout.of(ev).scene(1250, 420, View.ALL, Theme.light(), Layout.Options.WINDOW))) {
            Document svg = Jsoup.parse(SvgPainter.paint(s), "", Parser.xmlParser());
            Element s2 = svg.selectFirst("text.label.stage2.unmapped");
            assertNotNull(s2, "the refused range is named in the stage-2 lane");
            assertEquals("no stage 2: slot 2 (GPU usemem) refused, EINVAL", s2.text());
            assertEquals("call:2", s2.attr("data-ref"));
            Element eff = svg.selectFirst("text.label.effective.unmapped");
            assertNotNull(eff, "and in the effective lane");
            assertTrue(eff.text().startsWith("no mapping"), eff.text());
        }
        Scene s = Layout.of(ev).scene(1250, 420, View.ALL, Theme.light(), Layout.Options.WINDOW);
        assertTrue(s.hits().stream().anyMatch(h -> h.ref().equals(new Ref.MemslotCall(2)) && h.lane().equals(Layout.LANE_S2)
                && h.tooltip().contains("refused with EINVAL")), "its tooltip says why");
        Document fwb = Jsoup.parse(SvgPainter.paint(Picture.of(sample("grace-hopper-fwb.json"))), "", Parser.xmlParser());
        assertTrue(fwb.select("text.unmapped").isEmpty(), "with FWB every slot maps: no such words");
    }
}
