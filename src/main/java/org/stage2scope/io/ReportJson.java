package org.stage2scope.io;

import org.stage2scope.engine.Evaluation;

/** Scaffold with the pinned signature; replaced by the stage2scope-report/1 JSON writer (issue 3). */
public final class ReportJson {
    private ReportJson() {}

    public static String render(Evaluation evaluation) {
        throw new UnsupportedOperationException("scaffold: JSON report not built yet");
    }
}
