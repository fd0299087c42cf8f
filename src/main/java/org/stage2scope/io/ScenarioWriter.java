package org.stage2scope.io;

import java.io.IOException;
import java.nio.file.Path;
import org.stage2scope.model.Scenario;

/** Scaffold with the pinned signatures; replaced by the real writer (issue 2). */
public final class ScenarioWriter {
    private ScenarioWriter() {}

    public static String write(Scenario scenario) {
        throw new UnsupportedOperationException("scaffold: writer not built yet");
    }

    /** Atomic save: temp file beside the target, then rename; the old file stays intact on any failure. */
    public static void save(Scenario scenario, Path file) throws IOException {
        throw new IOException("scaffold: writer not built yet");
    }
}
