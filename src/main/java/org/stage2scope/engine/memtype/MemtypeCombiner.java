package org.stage2scope.engine.memtype;

import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;

/** Scaffold with the pinned signature; replaced by the stage-1 x stage-2 combination (issue 3). */
public interface MemtypeCombiner {
    /** The effective memory type of a guest access through {@code stage1} and the stage-2 entry {@code s2}. */
    Combined combine(Stage1Attr stage1, Stage2Entry s2, Host host);

    static MemtypeCombiner forArch(Arch arch) {
        throw new UnsupportedOperationException("scaffold: memtype combination not built yet");
    }
}
