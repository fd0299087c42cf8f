package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.io.qemu.QemuImporter;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.VmFlag;

/**
 * What a reviewer must know before trusting a report on an imported scenario: what smaps and the
 * QEMU monitor cannot show, and what the importer therefore assumed (docs/importing.md, "Known limits").
 * Recognised by the importer's description, so it holds after the scenario was saved and reopened.
 */
public final class ImportCaveats {
    private ImportCaveats() {}

    public static boolean imported(Scenario s) {
        return s.description().startsWith(QemuImporter.DESCRIPTION_PREFIX);
    }

    /** Empty for a scenario that was not imported. */
    public static List<String> of(Scenario s) {
        if (!imported(s)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int at = s.description().indexOf(QemuImporter.INFERRED);
        if (at >= 0) {
            String list = s.description().substring(at + QemuImporter.INFERRED.length()).replaceAll("\\.$", "");
            out.add("The importer inferred, and the results depend on: " + list + ".");
        }
        out.add("The host's CPU features are not in the captures: " + (s.host().features().isEmpty()
                ? "none are set (no FWB, DIC, IDC, MTE or self-snoop), so cacheable device memory may be refused where the real host accepts it."
                : "the scenario sets " + String.join(" ", s.host().features().stream().sorted().map(f -> f.id()).toList())
                        + "; check them against the host's ID registers."));
        out.add("smaps shows neither a VMA's pgprot memory type nor VM_ALLOW_ANY_UNCACHED or VM_MTE_ALLOWED: vfio BARs are "
                + "assumed non-cacheable device memory, other VM_PFNMAP VMAs cacheable RAM.");
        if (s.vmas().stream().anyMatch(v -> v.has(VmFlag.VM_PFNMAP))) {
            out.add("This scenario has VM_PFNMAP VMAs: their memory type and VM_ALLOW_ANY_UNCACHED decide the stage-2 type, "
                    + "so confirm them with the driver that mapped them.");
        }
        if (s.memslots().stream().anyMatch(c -> c.has(MemslotFlag.KVM_MEM_READONLY))) {
            out.add("Read-only slots come from rom/romd ranges of the flat view; QEMU takes KVM_MEM_READONLY from the memory "
                    + "region, not the alias, so read-only aliases of RAM are probably writable on the real host.");
        }
        if (s.host().arch().isX86()) {
            out.add("The x86 vendor is not in the captures: Intel was assumed unless --arch said otherwise.");
        }
        if (s.guest().stage1().isEmpty()) {
            out.add("The guest's own page tables are not captured: every range's stage-1 attribute is the assumed default.");
        }
        return out;
    }
}
