package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is a newcomer's map of the samples: each bundled one must be linked from it. */
class ReadmeReferencesSamplesTest {
    @Test
    void everyBundledSampleIsLinkedFromTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Sample s : SampleCatalog.list()) {
            assertTrue(readme.contains("(samples/" + s.fileName() + ")"), s.fileName() + " is not linked from README.md");
        }
    }
}
