package org.stage2scope.io.qemu;

import java.util.List;

/**
 * A parsed /proc/PID/smaps or maps.
 *
 * @param detailed true for smaps (each VMA carries its fields and VmFlags), false for plain maps
 * @param warnings located notes that did not stop the parse (unknown VmFlags codes)
 */
public record SmapsFile(String source, List<SmapsVma> vmas, boolean detailed, List<String> warnings) {
    public SmapsFile {
        vmas = List.copyOf(vmas);
        warnings = List.copyOf(warnings);
    }
}
