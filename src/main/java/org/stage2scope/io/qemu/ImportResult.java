package org.stage2scope.io.qemu;

import org.stage2scope.model.Scenario;

/** The imported scenario with the report of how it was built. */
public record ImportResult(Scenario scenario, ImportReport report) {}
