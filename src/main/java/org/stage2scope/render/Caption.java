package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Named;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.X86Quirk;

/**
 * The title block an exported picture carries, built from the scenario as it is now (not from a
 * description written for the file), so a slide says what it shows: name; arch, pages, host
 * features, and what decides on that arch (the policy on arm64; the quirks and non-coherent DMA on
 * x86, where every policy proposal reduces to what x86 does); and what was modified since the file
 * or sample it came from.
 */
public final class Caption {
    private Caption() {}

    /** The caption's lines for a scenario that is exactly its file. */
    public static List<String> lines(Evaluation ev) {
        return lines(ev, null);
    }

    /** The caption's lines; a third, "modified: ...", when {@code origin} (the file as loaded) differs. */
    public static List<String> lines(Evaluation ev, Scenario origin) {
        Scenario s = ev.scenario();
        List<String> out = new ArrayList<>();
        out.add(s.title());
        out.add(setting(ev));
        String mod = origin == null ? "" : changes(origin, s);
        if (!mod.isEmpty()) {
            out.add("modified: " + mod);
        }
        return out;
    }

    /** "arm64, 4K pages, features: DIC FWB IDC, vm.mte  |  policy upstream" or the x86 equivalent. */
    static String setting(Evaluation ev) {
        Scenario s = ev.scenario();
        Arch arch = s.host().arch();
        String host = arch.id() + ", " + s.host().pageSize().id() + " pages, features: " + ids(s.host().features())
                + (s.vm().mte() ? ", vm.mte" : "");
        if (!arch.isX86()) {
            return host + "  |  policy " + ev.policy().id();
        }
        return host + "  |  " + x86Setting(s);
    }

    private static String x86Setting(Scenario s) {
        StringBuilder sb = new StringBuilder();
        if (s.host().arch() == Arch.X86_INTEL) {
            sb.append("quirks: ").append(ids(s.vm().quirks())).append(", ");
        }
        return sb.append("non-coherent DMA: ").append(s.vm().noncoherentDma() ? "yes" : "no").toString();
    }

    private static String ids(Set<? extends Named> set) {
        String v = set.stream().map(Named::id).sorted().collect(Collectors.joining(" "));
        return v.isEmpty() ? "none" : v;
    }

    /** What differs from {@code origin}, in a reviewer's words, or "" when nothing does. */
    static String changes(Scenario origin, Scenario now) {
        List<String> d = new ArrayList<>();
        if (!origin.name().equals(now.name())) {
            d.add("renamed from \"" + origin.name() + "\"");
        }
        if (origin.host().arch() != now.host().arch()) {
            d.add("arch " + origin.host().arch().id() + " -> " + now.host().arch().id());
        }
        if (origin.host().pageSize() != now.host().pageSize()) {
            d.add("pages " + origin.host().pageSize().id() + " -> " + now.host().pageSize().id());
        }
        setDiff(d, "feature", origin.host().features(), now.host().features());
        if (origin.vm().mte() != now.vm().mte()) {
            d.add("vm.mte " + (now.vm().mte() ? "on" : "off"));
        }
        if (origin.vm().policy() != now.vm().policy() && !now.host().arch().isX86()) {
            d.add("policy " + origin.vm().policy().id() + " -> " + now.vm().policy().id());
        }
        Set<X86Quirk> oq = origin.vm().quirks();
        Set<X86Quirk> nq = now.vm().quirks();
        for (X86Quirk q : X86Quirk.values()) {
            if (oq.contains(q) != nq.contains(q)) {
                d.add(q.id() + (nq.contains(q) ? " on" : " off"));
            }
        }
        if (origin.vm().noncoherentDma() != now.vm().noncoherentDma()) {
            d.add("non-coherent DMA " + (now.vm().noncoherentDma() ? "on" : "off"));
        }
        count(d, "VMA", "VMAs", origin.vmas(), now.vmas(), Caption::vmaEdit);
        count(d, "memslot call", "memslot calls", origin.memslots(), now.memslots(), Caption::callEdit);
        count(d, "stage-1 range", "stage-1 ranges", origin.guest().stage1(), now.guest().stage1(), null);
        count(d, "access", "accesses", origin.guest().accesses(), now.guest().accesses(), null);
        return String.join(", ", d);
    }

    private static <T extends Named> void setDiff(List<String> d, String what, Set<T> was, Set<T> now) {
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        now.stream().filter(x -> !was.contains(x)).forEach(x -> added.add("+" + x.id()));
        was.stream().filter(x -> !now.contains(x)).forEach(x -> removed.add("-" + x.id()));
        if (!added.isEmpty() || !removed.isEmpty()) {
            List<String> all = new ArrayList<>(added);
            all.addAll(removed);
            d.add(what + (all.size() > 1 ? "s " : " ") + String.join(" ", all));
        }
    }

    /**
     * "VMAs 3 -> 4"; for one or two edited items what changed in each ("VMA GPU usemem: memType MT_NORMAL
     * -> MT_NORMAL_NC", "slot 2 (GPU usemem): flags +KVM_MEM_READONLY"), else "3 VMAs edited": "1 VMA
     * edited" on a slide said that something changed but not what.
     */
    private static <T> void count(List<String> d, String one, String what, List<T> was, List<T> now,
                                  java.util.function.BiFunction<T, T, String> words) {
        if (was.size() != now.size()) {
            d.add(what + " " + was.size() + " -> " + now.size());
            return;
        }
        List<String> named = new ArrayList<>();
        long edited = 0;
        for (int i = 0; i < was.size(); i++) {
            if (!Objects.equals(was.get(i), now.get(i))) {
                edited++;
                if (words != null) {
                    named.add(words.apply(was.get(i), now.get(i)));
                }
            }
        }
        if (edited > 0 && edited <= 2 && named.size() == edited) {
            d.addAll(named);
        } else if (edited > 0) {
            d.add(edited + " " + (edited == 1 ? one : what) + " edited");
        }
    }

    private static String vmaEdit(org.stage2scope.model.Vma a, org.stage2scope.model.Vma b) {
        List<String> w = new ArrayList<>();
        if (!a.name().equals(b.name())) {
            w.add("renamed from \"" + a.name() + "\"");
        }
        if (a.memType() != b.memType()) {
            w.add("memType " + a.memType().id() + " -> " + b.memType().id());
        }
        setDiff(w, "flag", a.flags(), b.flags());
        if (a.start() != b.start() || a.size() != b.size()) {
            w.add("range moved or resized");
        }
        if (!a.perms().equals(b.perms())) {
            w.add("perms " + a.perms() + " -> " + b.perms());
        }
        if (!a.backing().equals(b.backing())) {
            w.add("backing changed");
        }
        return "VMA " + TextFit.withoutDetail(b.name()) + ": " + String.join(", ", w);
    }

    private static String callEdit(org.stage2scope.model.MemslotCall a, org.stage2scope.model.MemslotCall b) {
        List<String> w = new ArrayList<>();
        setDiff(w, "flag", a.flags(), b.flags());
        if (a.gpa() != b.gpa()) {
            w.add("gpa " + org.stage2scope.model.U64.hex(a.gpa()) + " -> " + org.stage2scope.model.U64.hex(b.gpa()));
        }
        if (a.size() != b.size()) {
            w.add("size " + org.stage2scope.model.U64.human(a.size()) + " -> " + org.stage2scope.model.U64.human(b.size()));
        }
        if (a.hva() != b.hva()) {
            w.add("hva " + org.stage2scope.model.U64.hex(a.hva()) + " -> " + org.stage2scope.model.U64.hex(b.hva()));
        }
        if (a.slot() != b.slot() || a.addressSpace() != b.addressSpace() || !Objects.equals(a.label(), b.label())
                || a.guestMemfdOffset() != b.guestMemfdOffset()) {
            w.add("slot, label or offset changed");
        }
        return b.displayName() + ": " + String.join(", ", w);
    }

    static void draw(Frame f, List<String> lines) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        f.scene().add(new Scene.Text(f.left(), r.captionY() + r.font() * 1.3, lines.get(0), r.font() * 1.35, t.foreground(),
                true, Scene.Anchor.START), Scene.Meta.of("caption title"));
        for (int i = 1; i < lines.size(); i++) {
            // A long "modified: ..." ends in an ellipsis at the picture's edge instead of running off it.
            String line = lines.get(i);
            double room = (f.scene().width() - f.left() - 8) * (i == 2 ? 0.9 : 1); // line 2 is bold, measured plain
            if (TextFit.width(line, r.font()) > room) {
                String cut = TextFit.ellipsize(line, r.font(), room);
                line = cut == null ? line : cut;
            }
            f.scene().add(new Scene.Text(f.left(), r.captionY() + r.font() * (1.5 + 1.4 * i), line, r.font(),
                    i == 2 ? t.foreground() : t.muted(), i == 2, Scene.Anchor.START), Scene.Meta.of("caption line"));
        }
    }
}
