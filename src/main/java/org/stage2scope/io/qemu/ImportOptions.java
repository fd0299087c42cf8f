package org.stage2scope.io.qemu;

import org.stage2scope.model.Arch;

/**
 * @param arch    the host architecture, or null to guess it from the machine's regions
 * @param allVmas keep every VMA of the process, not only those backing guest memory and PFNMAP ones
 * @param name    the scenario name, or null for one derived from the inputs
 */
public record ImportOptions(Arch arch, boolean allVmas, String name) {
    public static final ImportOptions DEFAULT = new ImportOptions(null, false, null);
}
