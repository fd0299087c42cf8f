package org.stage2scope.io;

import org.stage2scope.engine.Evaluation;

/** Scaffold with the pinned signature; replaced by the readable text report (issue 3). */
public final class ReportText {
    private ReportText() {}

    public static String render(Evaluation evaluation) {
        throw new UnsupportedOperationException("scaffold: text report not built yet");
    }
}
