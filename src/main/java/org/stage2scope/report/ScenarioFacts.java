package org.stage2scope.report;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.model.Host;
import org.stage2scope.model.Named;
import org.stage2scope.model.Vm;

/** The lines that say what was simulated (host, VM, policy), worded once for every report. */
public final class ScenarioFacts {
    private ScenarioFacts() {}

    public static String title(Evaluation ev) {
        return ev.scenario().title();
    }

    public static String host(Host h) {
        return h.arch().id() + ", " + h.pageSize().id() + " pages, " + h.vaBits() + "-bit user VA, features: "
                + (h.features().isEmpty() ? "none" : ids(h.features()));
    }

    /** arm64: IPA bits and MTE; x86: the quirks and non-coherent DMA, which decide the EPT memory type. */
    public static String vm(Host h, Vm vm) {
        if (h.arch().isX86()) {
            return vm.ipaBits() + "-bit IPA, quirks: " + (vm.quirks().isEmpty() ? "none" : ids(vm.quirks()))
                    + ", non-coherent DMA: " + (vm.noncoherentDma() ? "yes" : "no");
        }
        return vm.ipaBits() + "-bit IPA, MTE " + (vm.mte() ? "on" : "off");
    }

    /** Why x86 has no policy choice: the proposals differ only in arm64's stage-2 memory-type rules. */
    public static final String X86_NO_POLICY = "x86: every proposal reduces to what x86 does (EPT/NPT memory type"
            + " from MTRR, PAT and the quirks), so the policy has no effect";

    /** The policy and what it means; on x86 that there is none to choose (issue 8 §7), not "upstream". */
    public static String policy(Evaluation ev) {
        if (ev.scenario().host().arch().isX86()) {
            return X86_NO_POLICY;
        }
        return ev.policy().id() + ": " + ev.policy().summary();
    }

    /** host, vm, policy as label/value pairs. */
    public static List<String[]> of(Evaluation ev) {
        Host h = ev.scenario().host();
        return List.of(new String[] {"host", host(h)}, new String[] {"vm", vm(h, ev.scenario().vm())},
                new String[] {"policy", policy(ev)});
    }

    static <E extends Enum<E> & Named> String ids(Set<E> values) {
        return values.stream().sorted().map(Named::id).collect(Collectors.joining(" "));
    }
}
