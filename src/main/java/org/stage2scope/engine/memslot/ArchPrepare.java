package org.stage2scope.engine.memslot;

import org.stage2scope.engine.VmaIndex;

import java.util.function.Supplier;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;

/** kvm_arch_prepare_memory_region: the architecture's last word on a change the generic code accepted. */
interface ArchPrepare {

    /** What the hook decided: a refusal, or null and a sentence for the acceptance's explanation, written when read. */
    record Prepared(Refusal refusal, Supplier<String> note) {
        private static final Supplier<String> NOTHING = () -> "";

        static Prepared ok(Supplier<String> note) {
            return new Prepared(null, note);
        }

        static Prepared ok() {
            return new Prepared(null, NOTHING);
        }

        static Prepared refused(Refusal refusal) {
            return new Prepared(refusal, NOTHING);
        }
    }

    Prepared prepare(ChangeKind change, MemslotCall call);

    static ArchPrepare of(Scenario scenario, Policy policy, VmaIndex vmas) {
        return scenario.host().arch().isX86() ? new X86Prepare(scenario) : new Arm64Prepare(scenario, policy, vmas);
    }
}
