package org.stage2scope.io;

import java.util.List;
import org.stage2scope.model.Scenario;

/** Scaffold with the pinned signatures; replaced by the real catalogue (issue 2). */
public final class SampleCatalog {
    private SampleCatalog() {}

    /** The scenario the app opens on: a Grace Hopper-like host with FWB. */
    public static final String DEFAULT = "grace-hopper-fwb.json";

    /** Every bundled sample, in a teaching order. */
    public static List<Sample> list() {
        return List.of();
    }

    /** Loads a bundled sample by file name (from the classpath, so it works from the jar). */
    public static Scenario load(String fileName) throws ScenarioException {
        throw new ScenarioException(fileName, "", 0, 0, "scaffold: samples not built yet");
    }
}
