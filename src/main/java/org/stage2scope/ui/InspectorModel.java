package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.stage2scope.engine.ArchSwitch;
import org.stage2scope.engine.ScenarioEdits;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;
import org.stage2scope.report.ScenarioFacts;
import org.stage2scope.render.Tooltips;

/**
 * What the inspector shows for a selection, as plain properties with the edit each one makes. Kept
 * free of controls so tests drive edits exactly as the PropertySheet does.
 */
public final class InspectorModel {
    private InspectorModel() {}

    /**
     * One row. The edit is a function of the new value to a scenario edit, and that edit reads the
     * scenario it is given, never the one the row was built from: a row committed after another edit
     * landed (a text field losing focus to a checkbox click) changes only its own field.
     *
     * @param choices allowed values for an enum row (only those valid for the arch), or null
     * @param edit    the scenario change for a new value; null for read-only rows
     */
    public record Prop(String category, String name, String description, Class<?> type, Object value,
                       List<?> choices, Function<Object, UnaryOperator<Scenario>> edit) {
        public boolean editable() {
            return edit != null;
        }

        /** Category and name: what identifies a row across rebuilds. */
        public String key() {
            return category + "\u0000" + name;
        }
    }

    /** What the policy control shows on x86, where there is nothing to choose. */
    static final String X86_POLICY_SHOWN = "none on x86";
    /** Why, in one line beside it (the tooltip has ScenarioFacts.X86_NO_POLICY in full). */
    static final String X86_POLICY_WHY = "every proposal reduces to what x86 already does";

    /** The type of a row that is a sentence about the row above it, not a value (shown as a wrapped note). */
    public static final class Note {
        private Note() {}
    }

    /** VMA flags the engine reads, offered as toggles (those that exist on the host's arch). */
    public static final List<VmFlag> VMA_FLAGS = List.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_MIXEDMAP,
            VmFlag.VM_HUGETLB, VmFlag.VM_ALLOW_ANY_UNCACHED, VmFlag.VM_MTE_ALLOWED, VmFlag.VM_MTE, VmFlag.VM_NOHUGEPAGE);

    public static List<Prop> props(Scenario s, Evaluation ev, Ref ref) {
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            return vma(s, v.index());
        }
        if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            return memslot(s, ev, m.index());
        }
        if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            return access(s, ev, a.index());
        }
        if (ref instanceof Ref.GpaRange g) {
            return gpaRange(s, ev, g);
        }
        return scenario(s);
    }

    public static Prop find(List<Prop> props, String name) {
        for (Prop p : props) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no inspector row " + name);
    }

    private static Prop ro(String cat, String name, String desc, Object value) {
        return new Prop(cat, name, desc, String.class, String.valueOf(value), null, null);
    }

    // ------------------------------------------------------------ host and VM

    static List<Prop> scenario(Scenario s) {
        List<Prop> p = new ArrayList<>();
        Host h = s.host();
        Vm vm = s.vm();
        p.add(new Prop("Host", "arch", "Host architecture; switching converts memory types to the nearest equivalent",
                Arch.class, h.arch(), List.of(Arch.values()), v -> cur -> ArchSwitch.convert(cur, (Arch) v)));
        List<Granule> pages = h.arch().isX86() ? List.of(Granule.G4K) : List.of(Granule.values());
        p.add(new Prop("Host", "page size", "PAGE_SIZE; bounds the stage-2 block sizes", Granule.class, h.pageSize(), pages,
                v -> onHost(x -> x.withPageSize((Granule) v))));
        for (CpuFeature f : CpuFeature.values()) {
            if (f.appliesTo(h.arch())) {
                p.add(new Prop("Host features", f.id(), featureHelp(f), Boolean.class, h.has(f), null,
                        v -> cur -> ScenarioEdits.withFeature(cur, f, (Boolean) v)));
            }
        }
        if (h.arch().isX86()) {
            // Nothing to choose: the row stays (disabled) so the reader learns why rather than wonder where it went.
            p.add(new Prop("VM", "policy", ScenarioFacts.X86_NO_POLICY, PolicyId.class, X86_POLICY_SHOWN, List.of(), null));
            p.add(new Prop("VM", "policy-why", ScenarioFacts.X86_NO_POLICY, Note.class, X86_POLICY_WHY, null, null));
        } else {
            p.add(new Prop("VM", "policy", "Which cacheable-PFNMAP proposal the simulated kernel implements", PolicyId.class,
                    vm.policy(), List.of(PolicyId.values()),
                    v -> onVm(x -> new Vm(x.ipaBits(), x.mte(), (PolicyId) v, x.quirks(), x.noncoherentDma()))));
        }
        if (!h.arch().isX86()) {
            p.add(new Prop("VM", "vm.mte", "KVM_CAP_ARM_MTE enabled for the VM", Boolean.class, vm.mte(), null,
                    v -> onVm(x -> new Vm(x.ipaBits(), (Boolean) v, x.policy(), x.quirks(), x.noncoherentDma()))));
        } else {
            for (X86Quirk q : X86Quirk.values()) {
                if (!q.appliesTo(h.arch())) {
                    continue;
                }
                p.add(new Prop("VM", q.id(), "KVM x86 quirk left enabled (KVM_CAP_DISABLE_QUIRKS2 clears it)", Boolean.class,
                        vm.has(q), null, v -> onVm(x -> new Vm(x.ipaBits(), x.mte(), x.policy(),
                                ScenarioEdits.toggle(x.quirks(), q, (Boolean) v, X86Quirk.class), x.noncoherentDma()))));
            }
            p.add(new Prop("VM", "noncoherentDma", "A non-coherent DMA device is assigned (kvm_arch_has_noncoherent_dma)",
                    Boolean.class, vm.noncoherentDma(), null,
                    v -> onVm(x -> new Vm(x.ipaBits(), x.mte(), x.policy(), x.quirks(), (Boolean) v))));
        }
        p.add(ro("VM", "ipaBits", "IPA / guest physical address bits", vm.ipaBits()));
        p.add(new Prop("Scenario", "name", "What the caption and title say; edits are undoable", String.class, s.name(),
                null, v -> cur -> new Scenario(String.valueOf(v).strip(), cur.description(), cur.host(), cur.vm(), cur.vmas(),
                        cur.memslots(), cur.guest())));
        p.add(new Prop("Scenario", "description", "The scenario's longer text (shown in the explanation pane)",
                String.class, s.description(), null, v -> cur -> new Scenario(cur.name(), String.valueOf(v), cur.host(),
                        cur.vm(), cur.vmas(), cur.memslots(), cur.guest())));
        p.add(ro("Scenario", "contents", "", s.vmas().size() + " VMAs, " + s.memslots().size() + " memslot calls, "
                + s.guest().accesses().size() + " guest accesses"));
        return p;
    }

    private static String featureHelp(CpuFeature f) {
        return switch (f) {
            case FWB -> "FEAT_S2FWB: stage 2 can force write-back; KVM skips cache maintenance";
            case DIC -> "CTR_EL0.DIC: no I-cache invalidation needed";
            case IDC -> "CTR_EL0.IDC: no D-cache clean to PoU needed";
            case MTE -> "FEAT_MTE2 memory tagging";
            case SELF_SNOOP -> "x86 self-snoop: KVM may honour guest PAT";
        };
    }

    private static UnaryOperator<Scenario> onHost(UnaryOperator<Host> f) {
        return cur -> cur.withHost(f.apply(cur.host()));
    }

    private static UnaryOperator<Scenario> onVm(UnaryOperator<Vm> f) {
        return cur -> cur.withVm(f.apply(cur.vm()));
    }

    /** An edit of the i-th element of a list of the current scenario; refused when it is gone. */
    private static <T> UnaryOperator<Scenario> onItem(String what, int i, Function<Scenario, List<T>> list,
                                                      UnaryOperator<T> f, Replace<T> replace) {
        return cur -> {
            List<T> l = list.apply(cur);
            if (i >= l.size()) {
                throw new IllegalArgumentException(what + " #" + i + " no longer exists");
            }
            return replace.apply(cur, i, f.apply(l.get(i)));
        };
    }

    private interface Replace<T> {
        Scenario apply(Scenario s, int i, T item);
    }

    private static UnaryOperator<Scenario> onVma(int i, UnaryOperator<Vma> f) {
        return onItem("VMA", i, Scenario::vmas, f, ScenarioEdits::replaceVma);
    }

    private static UnaryOperator<Scenario> onCall(int i, UnaryOperator<MemslotCall> f) {
        return onItem("memslot call", i, Scenario::memslots, f, ScenarioEdits::replaceCall);
    }

    private static UnaryOperator<Scenario> onAccess(int i, UnaryOperator<GuestAccess> f) {
        return onItem("guest access", i, sc -> sc.guest().accesses(), f, ScenarioEdits::replaceAccess);
    }

    private static UnaryOperator<Scenario> onStage1(int i, UnaryOperator<Stage1Range> f) {
        return onItem("stage-1 range", i, sc -> sc.guest().stage1(), f, ScenarioEdits::replaceStage1);
    }

    // ------------------------------------------------------------ VMA

    static List<Prop> vma(Scenario s, int i) {
        Vma v = s.vmas().get(i);
        List<Prop> p = new ArrayList<>();
        String cat = "VMA " + v.name();
        p.add(ro(cat, "name", "", v.name()));
        p.add(new Prop(cat, "start", "HVA of the first byte (hex)", String.class, U64.hex(v.start()), null,
                x -> onVma(i, c -> new Vma(c.name(), U64.parseAddress((String) x), c.size(), c.perms(), c.flags(),
                        c.memType(), c.backing()))));
        p.add(new Prop(cat, "size", "bytes (\"2M\", \"4G\", hex)", String.class, U64.size(v.size()), null,
                x -> onVma(i, c -> new Vma(c.name(), c.start(), U64.parseSize((String) x), c.perms(), c.flags(),
                        c.memType(), c.backing()))));
        p.add(ro(cat, "perms", "", v.perms()));
        List<MemType> types = new ArrayList<>();
        for (MemType m : MemType.values()) {
            if (m.appliesTo(s.host().arch())) {
                types.add(m);
            }
        }
        p.add(new Prop(cat, "memType", "vm_page_prot memory type: how the host maps it", MemType.class, v.memType(), types,
                x -> onVma(i, c -> new Vma(c.name(), c.start(), c.size(), c.perms(), c.flags(), (MemType) x, c.backing()))));
        for (VmFlag f : VMA_FLAGS) {
            if (!f.appliesTo(s.host().arch())) {
                continue;
            }
            p.add(new Prop(cat + " flags", f.id(), "vm_flags bit", Boolean.class, v.has(f), null,
                    x -> onVma(i, c -> new Vma(c.name(), c.start(), c.size(), c.perms(),
                            ScenarioEdits.toggle(c.flags(), f, (Boolean) x, VmFlag.class), c.memType(), c.backing()))));
        }
        Backing b = v.backing();
        p.add(new Prop(cat + " backing", "kind", "RAM (in the linear map) or device memory", Backing.Kind.class, b.kind(),
                List.of(Backing.Kind.values()), x -> onVma(i, c -> withBacking(c, new Backing((Backing.Kind) x,
                        c.backing().pa(), c.backing().pageSize(), c.backing().thp(), c.backing().poisoned())))));
        p.add(new Prop(cat + " backing", "thp", "transparent huge pages where alignment allows", Boolean.class, b.thp(), null,
                x -> onVma(i, c -> withBacking(c, new Backing(c.backing().kind(), c.backing().pa(), c.backing().pageSize(),
                        (Boolean) x, c.backing().poisoned())))));
        p.add(ro(cat + " backing", "pageSize", "", U64.human(b.pageSize())));
        p.add(ro(cat + " backing", "pa", "", b.pa() == null ? "unknown" : U64.hex(b.pa())));
        return p;
    }

    private static Vma withBacking(Vma v, Backing b) {
        return new Vma(v.name(), v.start(), v.size(), v.perms(), v.flags(), v.memType(), b);
    }

    // ------------------------------------------------------------ memslot

    static List<Prop> memslot(Scenario s, Evaluation ev, int i) {
        MemslotCall c = s.memslots().get(i);
        List<Prop> p = new ArrayList<>();
        String cat = "Memslot call #" + i;
        if (ev != null && i < ev.memslotCalls().size()) {
            MemslotResult r = ev.memslotCalls().get(i);
            p.add(ro("Result", "result", "what the ioctl returned", r.resultName()
                    + (r.change() == null ? "" : " (" + r.change().name().toLowerCase(java.util.Locale.ROOT) + ")")));
            if (r.rule() != null) {
                p.add(ro("Result", "rule", "", r.rule().id() + " (" + r.rule().kernelFunction() + ")"));
            }
        }
        p.add(ro(cat, "slot", "", MemslotCall.slotId(c.addressSpace(), c.slot())));
        p.add(new Prop(cat, "gpa", "guest_phys_addr (hex)", String.class, U64.hex(c.gpa()), null,
                x -> onCall(i, k -> new MemslotCall(k.slot(), k.addressSpace(), U64.parseAddress((String) x), k.size(),
                        k.hva(), k.flags(), k.guestMemfdOffset(), k.label()))));
        p.add(new Prop(cat, "size", "memory_size; 0 deletes the slot", String.class, U64.size(c.size()), null,
                x -> onCall(i, k -> new MemslotCall(k.slot(), k.addressSpace(), k.gpa(), U64.parseSize((String) x),
                        k.hva(), k.flags(), k.guestMemfdOffset(), k.label()))));
        p.add(new Prop(cat, "hva", "userspace_addr (hex)", String.class, U64.hex(c.hva()), null,
                x -> onCall(i, k -> new MemslotCall(k.slot(), k.addressSpace(), k.gpa(), k.size(),
                        U64.parseAddress((String) x), k.flags(), k.guestMemfdOffset(), k.label()))));
        for (MemslotFlag f : MemslotFlag.values()) {
            p.add(new Prop(cat + " flags", f.id(), "kvm_userspace_memory_region2.flags bit " + f.bit(), Boolean.class,
                    c.has(f), null, x -> onCall(i, k -> new MemslotCall(k.slot(), k.addressSpace(), k.gpa(), k.size(),
                            k.hva(), ScenarioEdits.toggle(k.flags(), f, (Boolean) x, MemslotFlag.class), k.guestMemfdOffset(),
                            k.label()))));
        }
        return p;
    }

    // ------------------------------------------------------------ access and GPA range

    static List<Prop> access(Scenario s, Evaluation ev, int i) {
        GuestAccess a = s.guest().accesses().get(i);
        List<Prop> p = new ArrayList<>();
        String cat = "Guest access #" + i;
        if (ev != null && i < ev.accesses().size()) {
            AccessResult r = ev.accesses().get(i);
            p.add(ro("Result", "outcome", "", r.outcome().name()));
            if (r.rule() != null) {
                p.add(ro("Result", "rule", "", r.rule().id() + " (" + r.rule().kernelFunction() + ")"));
            }
        }
        p.add(new Prop(cat, "kind", "read, write or exec", GuestAccess.Kind.class, a.kind(), List.of(GuestAccess.Kind.values()),
                x -> onAccess(i, c -> new GuestAccess(c.gpa(), (GuestAccess.Kind) x, c.label()))));
        p.add(new Prop(cat, "gpa", "guest physical address (hex)", String.class, U64.hex(a.gpa()), null,
                x -> onAccess(i, c -> new GuestAccess(U64.parseAddress((String) x), c.kind(), c.label()))));
        p.add(ro(cat, "label", "", a.label()));
        return p;
    }

    static List<Prop> gpaRange(Scenario s, Evaluation ev, Ref.GpaRange g) {
        List<Prop> p = new ArrayList<>();
        p.add(ro("GPA range", "range", "", U64.hex(g.gpa()) + " + " + U64.size(g.size()) + " (" + U64.human(g.size()) + ")"));
        p.add(new Prop("GPA range", "add-stage1", "Append a stage-1 range over this GPA range (the last listed range wins"
                + " where ranges overlap)", Action.class, "Add stage-1 range for this GPA range", null,
                x -> cur -> ScenarioEdits.addStage1(cur, g.gpa(), g.size())));
        stage1(s, g, p);
        if (ev == null) {
            return p;
        }
        for (Stage2Run r : ev.stage2()) {
            if (r.gpa() == g.gpa() && r.size() == g.size()) {
                p.add(ro("Stage 2", "slot", "", r.slot()));
                p.add(ro("Stage 2", "vma", "", r.vma() == null ? "(none)" : r.vma()));
                p.add(ro("Stage 2", "outcome", "", r.outcome().id()));
                if (r.s2() != null) {
                    p.add(ro("Stage 2", "type", "", r.s2().type()));
                    p.add(ro("Stage 2", "perms", "", r.s2().perms()));
                    p.add(ro("Stage 2", "block", "", U64.human(r.s2().blockSize())));
                }
            }
        }
        for (EffectiveRun e : ev.effective()) {
            if (U64.le(g.gpa(), e.gpa()) && U64.lt(e.gpa(), g.gpa() + g.size())) {
                p.add(ro("Effective", "at " + U64.hex(e.gpa()), "", e.name() + " (" + e.result() + ")"));
            }
        }
        return p;
    }

    /** Marks a row that is a button: its value is the label, apply makes the edit. */
    public static final class Action {
        private Action() {}
    }

    /** The common stage-1 attributes offered per arch: Linux's MAIR_EL1 slots on arm64, every PAT type on x86. */
    public static List<Stage1Attr> stage1Choices(Arch arch) {
        List<Stage1Attr> out = new ArrayList<>();
        if (arch == Arch.ARM64) {
            for (String t : List.of("0xff", "0x44", "0xbb", "0x04", "0x00", "0xf0")) {
                out.add(Stage1Attr.parse(arch, t));
            }
        } else {
            for (X86MemType t : X86MemType.values()) {
                out.add(Stage1Attr.parse(arch, t.id()));
            }
        }
        return out;
    }

    /** "0x04 Device-nGnRE" for a MAIR byte Linux names, else the file spelling. */
    public static String stage1Label(Stage1Attr a) {
        if (a instanceof Stage1Attr.Mair m) {
            for (var e : new java.util.TreeMap<>(Stage1Attr.MAIR_NAMES).entrySet()) {
                if (e.getValue() == m.value()) {
                    return a.id() + " " + e.getKey();
                }
            }
        }
        return a.id();
    }

    /** Rows for every stage-1 range overlapping the selected GPA range, listed in the guest's order. */
    private static void stage1(Scenario s, Ref.GpaRange g, List<Prop> p) {
        List<Stage1Range> l = s.guest().stage1();
        Arch arch = s.host().arch();
        long gLast = g.size() == 0 ? g.gpa() : U64.last(g.gpa(), g.size());
        for (int j = 0; j < l.size(); j++) {
            Stage1Range r = l.get(j);
            if (!(U64.le(r.gpa(), gLast) && U64.le(g.gpa(), U64.last(r.gpa(), r.size())))) {
                continue;
            }
            int i = j;
            String cat = "Stage-1 range #" + j;
            String id = "s1-" + j + "-";
            p.add(new Prop(cat, id + "gpa", "first GPA the guest maps with this attribute (hex)", String.class, U64.hex(r.gpa()),
                    null, x -> onStage1(i, c -> new Stage1Range(U64.parseAddress((String) x), c.size(), c.attr()))));
            p.add(new Prop(cat, id + "size", "bytes (\"2M\", \"1G\", hex)", String.class, U64.size(r.size()), null,
                    x -> onStage1(i, c -> new Stage1Range(c.gpa(), U64.parseSize((String) x), c.attr()))));
            List<Stage1Attr> choices = stage1Choices(arch);
            if (!choices.contains(r.attr())) {
                choices.add(0, r.attr());
            }
            p.add(new Prop(cat, id + "attr", arch == Arch.ARM64 ? "MAIR_EL1 attribute byte the guest's page tables select"
                    : "guest PAT type", Stage1Attr.class, r.attr(), choices,
                    x -> onStage1(i, c -> new Stage1Range(c.gpa(), c.size(), (Stage1Attr) x))));
            p.add(new Prop(cat, id + "remove", "Delete this stage-1 range from the guest", Action.class,
                    "Remove stage-1 range #" + j, null, x -> cur -> ScenarioEdits.removeStage1(cur, i)));
        }
    }

    /** True when [gpa, gpa + size) and the selected range share a byte (unsigned, up to 2^64). */
    private static boolean overlaps(long gpa, long size, Ref.GpaRange g) {
        if (size == 0 || g.size() == 0) {
            return gpa == g.gpa();
        }
        return U64.le(gpa, U64.last(g.gpa(), g.size())) && U64.le(g.gpa(), U64.last(gpa, size));
    }

    /** A longer text for the explanation panel. */
    public static String explain(Evaluation ev, Ref ref) {
        if (ev == null) {
            return "";
        }
        Scenario s = ev.scenario();
        StringBuilder sb = new StringBuilder();
        if (ref instanceof Ref.MemslotCall m && m.index() < ev.memslotCalls().size()) {
            sb.append(Tooltips.of(ev.memslotCalls().get(m.index())));
        } else if (ref instanceof Ref.Access a && a.index() < ev.accesses().size()) {
            AccessResult r = ev.accesses().get(a.index());
            sb.append(Tooltips.of(r)).append("\n\nDecision trace, in the order the kernel handles the fault:\n");
            int n = 1;
            for (String line : r.trace()) {
                sb.append(n++).append(". ").append(line).append('\n');
            }
        } else if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            sb.append(Tooltips.of(vma));
            for (Stage2Run r : ev.stage2()) {
                if (vma.name().equals(r.vma())) {
                    sb.append("\n\n").append(Tooltips.of(r));
                }
            }
        } else if (ref instanceof Ref.GpaRange g) {
            // Every run that overlaps the selected range in the evaluation as it is now, not only runs that
            // begin inside it: after an edit the runs merge or split (a stage-1 range set to 0xff joins its
            // neighbours), and the text must describe what the range has become, never go blank or stale.
            for (Stage2Run r : ev.stage2()) {
                if (overlaps(r.gpa(), r.size(), g)) {
                    sb.append(Tooltips.of(r)).append("\n\n");
                }
            }
            for (EffectiveRun e : ev.effective()) {
                if (overlaps(e.gpa(), e.size(), g)) {
                    sb.append(Tooltips.of(e)).append("\n\n");
                }
            }
            if (sb.isEmpty()) {
                sb.append("GPA ").append(U64.hex(g.gpa())).append(" + ").append(U64.size(g.size()))
                        .append(": no stage-2 mapping now.\n\n");
                for (MemslotResult m : ev.memslotCalls()) {
                    if (!m.ok() && overlaps(m.call().gpa(), m.call().size(), g)) {
                        sb.append(Tooltips.of(m)).append("\n\n");
                    }
                }
            }
        } else {
            sb.append(s.name()).append('\n').append(s.description()).append("\n\n");
            sb.append("policy ").append(ScenarioFacts.policy(ev));
            sb.append("\n\nSelect a band to see why it looks the way it does.");
        }
        return sb.toString().strip();
    }
}
