package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;

/**
 * Moves a scenario to another architecture, converting every arch-specific value to the other side's
 * nearest equivalent (the model refuses mismatches, so this must be total). A teaching aid, not a
 * claim that the two are equivalent: WB <-> MT_NORMAL, WC <-> MT_NORMAL_NC, UC <-> MT_DEVICE_nGnRE.
 */
public final class ArchSwitch {
    private ArchSwitch() {}

    public static Scenario convert(Scenario s, Arch to) {
        Arch from = s.host().arch();
        if (from == to) {
            return s;
        }
        boolean crossFamily = from.isX86() != to.isX86();
        Set<CpuFeature> feats = EnumSet.noneOf(CpuFeature.class);
        for (CpuFeature f : s.host().features()) {
            if (f.appliesTo(to)) {
                feats.add(f);
            }
        }
        Granule page = to.isX86() ? Granule.G4K : s.host().pageSize();
        int vaBits = crossFamily ? Host.defaultVaBits(to) : s.host().vaBits();
        // Intel <-> AMD keeps what probe read from the host's KVM; another family has other limits.
        Host host = crossFamily ? new Host(to, page, vaBits, feats) : new Host(to, page, vaBits, feats, s.host().kvm());
        Vm vm = s.vm();
        int ipa = Math.min(vm.ipaBits(), 52);
        Vm nvm = to.isX86()
                ? new Vm(ipa, false, vm.policy(), crossFamily ? X86Quirk.defaultsFor(to) : vm.quirks(),
                        vm.noncoherentDma())
                : new Vm(ipa, vm.mte(), vm.policy(), Set.of(), false);
        List<Vma> vmas = new ArrayList<>();
        for (Vma v : s.vmas()) {
            Set<VmFlag> flags = EnumSet.noneOf(VmFlag.class);
            for (VmFlag f : v.flags()) {
                if (f.appliesTo(to)) {
                    flags.add(f);
                }
            }
            vmas.add(new Vma(v.name(), v.start(), v.size(), v.perms(), flags, memType(v.memType(), to), v.backing()));
        }
        List<Stage1Range> s1 = new ArrayList<>();
        for (Stage1Range r : s.guest().stage1()) {
            s1.add(new Stage1Range(r.gpa(), r.size(), stage1(r.attr(), to)));
        }
        return new Scenario(s.name(), s.description(), host, nvm, vmas, s.memslots(), new Guest(s1, s.guest().accesses()));
    }

    public static MemType memType(MemType m, Arch to) {
        if (m.appliesTo(to)) {
            return m;
        }
        if (to.isX86()) {
            return switch (m) {
                case MT_NORMAL, MT_NORMAL_TAGGED -> MemType.WB;
                case MT_NORMAL_NC -> MemType.WC;
                default -> MemType.UC;
            };
        }
        return switch (m) {
            case WB, WT, WP -> MemType.MT_NORMAL;
            case WC -> MemType.MT_NORMAL_NC;
            case UC_MINUS -> MemType.MT_DEVICE_nGnRE;
            default -> MemType.MT_DEVICE_nGnRnE;
        };
    }

    public static Stage1Attr stage1(Stage1Attr a, Arch to) {
        if (to.isX86() && a instanceof Stage1Attr.Mair m) {
            int v = m.value();
            if ((v & 0xf0) == 0) {
                return new Stage1Attr.Pat(X86MemType.UC); // Device-*
            }
            if (v == 0x44) {
                return new Stage1Attr.Pat(X86MemType.WC);
            }
            int inner = v & 0x0f;
            if (v == 0xf0 || inner == 0x4) {
                return new Stage1Attr.Pat(v == 0xf0 ? X86MemType.WB : X86MemType.WC);
            }
            // Inner nibble 0b11RW / 0b01RW write-back, 0b10RW / 0b00RW write-through (memtypes.md).
            return new Stage1Attr.Pat((inner >> 2) % 2 == 1 ? X86MemType.WB : X86MemType.WT);
        }
        if (!to.isX86() && a instanceof Stage1Attr.Pat p) {
            return new Stage1Attr.Mair(switch (p.type()) {
                case WB -> 0xff;
                case WT, WP -> 0xbb;
                case WC -> 0x44;
                case UC_MINUS -> 0x04;
                case UC -> 0x00;
            });
        }
        return a;
    }
}
