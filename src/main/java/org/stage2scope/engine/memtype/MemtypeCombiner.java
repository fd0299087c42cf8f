package org.stage2scope.engine.memtype;

import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;

/** The effective memory type of a guest access: the guest's stage-1 attribute combined with KVM's stage-2 entry. */
public interface MemtypeCombiner {
    /** The effective memory type of a guest access through {@code stage1} and the stage-2 entry {@code s2}. */
    Combined combine(Stage1Attr stage1, Stage2Entry s2, Host host);

    static MemtypeCombiner forArch(Arch arch) {
        return switch (arch) {
            case ARM64 -> new Arm64Combiner();
            case X86_INTEL -> new IntelEptCombiner();
            case X86_AMD -> new AmdNptCombiner();
        };
    }
}
