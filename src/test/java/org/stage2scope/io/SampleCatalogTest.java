package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.VmFlag;

class SampleCatalogTest {
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void indexListsExactlyTheSampleFiles() throws Exception {
        TreeSet<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("index.json")).forEach(onDisk::add);
        }
        List<String> indexed = SampleCatalog.indexFileNames();
        assertEquals(indexed.size(), new TreeSet<>(indexed).size(), "a sample is listed twice");
        assertEquals(onDisk, new TreeSet<>(indexed));
        assertTrue(onDisk.size() >= 14, "samples: " + onDisk);
    }

    @Test
    void everySampleLoadsWithTitleAndDescription() {
        List<Sample> all = SampleCatalog.list();
        assertEquals(SampleCatalog.DEFAULT, all.get(0).fileName());
        for (Sample s : all) {
            assertFalse(s.title().isBlank(), s.fileName());
            assertTrue(s.description().length() > 80, s.fileName() + " needs a 2-4 sentence description");
        }
    }

    @Test
    void bundledSamplesAreInCanonicalForm() throws Exception {
        for (Sample s : SampleCatalog.list()) {
            String onDisk = Files.readString(SAMPLES.resolve(s.fileName()));
            assertEquals(ScenarioWriter.write(SampleCatalog.load(s.fileName())), onDisk, s.fileName());
        }
    }

    @Test
    void defaultSampleIsTheRichGraceHopperPicture() throws Exception {
        Scenario s = SampleCatalog.load(SampleCatalog.DEFAULT);
        assertEquals(Arch.ARM64, s.host().arch());
        assertTrue(s.host().features().containsAll(List.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.IDC)));
        assertTrue(s.vmas().stream().anyMatch(v -> v.has(VmFlag.VM_PFNMAP) && v.memType().cacheable()));
        assertTrue(s.vmas().stream().anyMatch(v -> v.has(VmFlag.VM_ALLOW_ANY_UNCACHED)));
        assertTrue(s.guest().accesses().size() >= 4);
    }

    @Test
    void unknownOrPathLikeNamesAreRefused() {
        assertTrue(assertThrows(ScenarioException.class, () -> SampleCatalog.load("nope.json")).getMessage()
                .contains("no such bundled sample"));
        assertThrows(ScenarioException.class, () -> SampleCatalog.load("../pom.xml"));
        assertThrows(ScenarioException.class, () -> SampleCatalog.load("index.json"));
    }
}
