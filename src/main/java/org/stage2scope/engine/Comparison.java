package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.X86Quirk;

/**
 * What a comparison puts side by side for one scenario. On arm64 the five cacheable-PFNMAP policies.
 * On x86 every policy evaluates the same (there is no flag: vmx_get_mt_mask or the host PAT gives the
 * stage-2 type, the guest PAT the rest), so the columns are what does vary there: the
 * IGNORE_GUEST_PAT quirk on or off, a non-coherent DMA device, and Intel against AMD.
 *
 * @param note     said once above the tables (why the x86 columns are not the policies), or "" on arm64
 * @param baseline the column the others are compared with: upstream on arm64, the scenario as it is on x86
 */
public record Comparison(Scenario scenario, String note, List<Column> columns, int baseline) {

    /**
     * One column.
     *
     * @param id          a short heading ("upstream", "intel-no-quirk")
     * @param description what the column models, one line
     */
    public record Column(String id, String description, Evaluation evaluation) {}

    public static final String X86_NOTE = "x86 has no cacheable-PFNMAP flag: every proposal reduces to what x86 already does "
            + "(the stage-2 type comes from vmx_get_mt_mask on Intel, from the host PAT on AMD, and the guest PAT combines with it), "
            + "so the columns are what does vary on x86: IGNORE_GUEST_PAT on or off, non-coherent DMA, Intel or AMD.";

    public Comparison {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        if (baseline < 0 || baseline >= columns.size()) {
            throw new IllegalArgumentException("baseline " + baseline + " is not a column");
        }
    }

    public static Comparison of(Scenario s) {
        return of(s, Evaluator::compareAll);
    }

    /** @param policies one evaluation per policy (the seam tests use for hand-built evaluations) */
    public static Comparison of(Scenario s, Function<Scenario, List<Evaluation>> policies) {
        if (s.host().arch().isX86()) {
            return x86(s);
        }
        return ofPolicies(s, policies.apply(s));
    }

    /** The policies side by side, baseline upstream (what was merged). */
    public static Comparison ofPolicies(Scenario s, List<Evaluation> evaluations) {
        List<Column> cols = new ArrayList<>();
        int up = 0;
        for (Evaluation e : evaluations) {
            if (!e.scenario().equals(s)) {
                throw new IllegalArgumentException("evaluations of different scenarios cannot be compared");
            }
            if (e.policy() == PolicyId.UPSTREAM) {
                up = cols.size();
            }
            cols.add(new Column(e.policy().id(), e.policy().id(), e));
        }
        return new Comparison(s, "", cols, up);
    }

    private static Comparison x86(Scenario s) {
        Vm vm = s.vm();
        Set<X86Quirk> withQuirk = EnumSet.noneOf(X86Quirk.class);
        withQuirk.addAll(vm.quirks());
        withQuirk.add(X86Quirk.IGNORE_GUEST_PAT);
        Set<X86Quirk> withoutQuirk = EnumSet.noneOf(X86Quirk.class);
        withoutQuirk.addAll(vm.quirks());
        withoutQuirk.remove(X86Quirk.IGNORE_GUEST_PAT);
        Set<CpuFeature> snoop = EnumSet.of(CpuFeature.SELF_SNOOP);
        snoop.addAll(s.host().features());

        List<Column> cols = new ArrayList<>();
        cols.add(column(s, "intel-quirk", "Intel, IGNORE_GUEST_PAT on (KVM's default), coherent DMA",
                Arch.X86_INTEL, s.host().features(), new Vm(vm.ipaBits(), vm.mte(), vm.policy(), withQuirk, false)));
        // Userspace can disable the quirk only on a CPU with self-snoop (kvm_caps.supported_quirks).
        cols.add(column(s, "intel-no-quirk", "Intel with self-snoop, IGNORE_GUEST_PAT disabled by userspace",
                Arch.X86_INTEL, snoop, new Vm(vm.ipaBits(), vm.mte(), vm.policy(), withoutQuirk, false)));
        cols.add(column(s, "intel-noncoherent-dma", "Intel, quirk on, a non-coherent DMA device assigned",
                Arch.X86_INTEL, s.host().features(), new Vm(vm.ipaBits(), vm.mte(), vm.policy(), withQuirk, true)));
        cols.add(column(s, "amd", "AMD NPT (modelled), as the scenario's VM", Arch.X86_AMD, s.host().features(), vm));
        int baseline = 0;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).evaluation().scenario() == s) {
                baseline = i;
                break;
            }
        }
        return new Comparison(s, X86_NOTE, cols, baseline);
    }

    private static Column column(Scenario s, String id, String description, Arch arch, Set<CpuFeature> features, Vm vm) {
        Host h = s.host();
        Scenario v = s.withHost(h.withArch(arch, features)).withVm(vm);
        boolean asIs = v.equals(s);
        return new Column(id, asIs ? description + " (this scenario)" : description, Evaluator.evaluate(asIs ? s : v));
    }

    public List<Evaluation> evaluations() {
        return columns.stream().map(Column::evaluation).toList();
    }

    public List<String> heads() {
        return columns.stream().map(Column::id).toList();
    }
}
