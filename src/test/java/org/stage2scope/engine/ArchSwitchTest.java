package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.MemType;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;
import org.stage2scope.render.Fixtures;

/** The arch switch is total: every value of one architecture has an equivalent the other accepts. */
class ArchSwitchTest {

    /** A scenario on arm64 whose guest uses all 256 MAIR bytes, one page each. */
    private static Scenario everyMairByte() {
        List<Stage1Range> s1 = new ArrayList<>();
        for (int b = 0; b <= 0xff; b++) {
            s1.add(new Stage1Range((long) b << 12, 0x1000, new Stage1Attr.Mair(b)));
        }
        Scenario s = Fixtures.graceHopperLike();
        return s.withGuest(new Guest(s1, s.guest().accesses()));
    }

    @Test
    void everyMairByteBecomesAPatTypeOnBothX86Vendors() {
        Scenario arm = everyMairByte();
        for (Arch to : List.of(Arch.X86_INTEL, Arch.X86_AMD)) {
            Scenario x = ArchSwitch.convert(arm, to); // the model's constructor refuses any MAIR byte left behind
            assertEquals(256, x.guest().stage1().size());
            for (int b = 0; b <= 0xff; b++) {
                Stage1Attr converted = x.guest().stage1().get(b).attr();
                assertInstanceOf(Stage1Attr.Pat.class, converted, "MAIR 0x" + Integer.toHexString(b) + " on " + to.id());
                assertEquals(ArchSwitch.stage1(new Stage1Attr.Mair(b), to), converted);
            }
        }
    }

    @Test
    void everyX86TypeBecomesAMairByteAndTheCommonOnesComeBackUnchanged() {
        for (Arch from : List.of(Arch.X86_INTEL, Arch.X86_AMD)) {
            for (X86MemType t : X86MemType.values()) {
                Stage1Attr arm = ArchSwitch.stage1(new Stage1Attr.Pat(t), Arch.ARM64);
                assertInstanceOf(Stage1Attr.Mair.class, arm, t.id() + " from " + from.id());
                Stage1Attr back = ArchSwitch.stage1(arm, from);
                X86MemType expected = switch (t) {
                    case WP -> X86MemType.WT; // arm64 has no write-protect type: nearest is write-through
                    case UC_MINUS -> X86MemType.UC; // Device-nGnRE has no "overridable by MTRR" notion
                    default -> t;
                };
                assertEquals(new Stage1Attr.Pat(expected), back, t.id() + " round trip");
            }
        }
    }

    @Test
    void linuxsNamedMairAttributesMapToTheirX86Counterparts() {
        assertEquals(X86MemType.WB, pat(0xff), "MT_NORMAL");
        assertEquals(X86MemType.WB, pat(0xf0), "MT_NORMAL_TAGGED");
        assertEquals(X86MemType.WC, pat(0x44), "MT_NORMAL_NC");
        assertEquals(X86MemType.WT, pat(0xbb), "Normal-WT");
        assertEquals(X86MemType.UC, pat(0x00), "MT_DEVICE_nGnRnE");
        assertEquals(X86MemType.UC, pat(0x04), "MT_DEVICE_nGnRE");
    }

    private static X86MemType pat(int mair) {
        return ((Stage1Attr.Pat) ArchSwitch.stage1(new Stage1Attr.Mair(mair), Arch.X86_INTEL)).type();
    }

    @Test
    void everyMemoryTypeAndVmaFlagHasAHomeOnEveryArch() {
        for (MemType m : MemType.values()) {
            for (Arch to : Arch.values()) {
                assertTrue(ArchSwitch.memType(m, to).appliesTo(to), m.id() + " -> " + to.id());
            }
        }
        Scenario s = Fixtures.graceHopperLike();
        Set<VmFlag> every = EnumSet.allOf(VmFlag.class);
        every.removeIf(VmFlag::isPermission); // VM_READ..VM_SHARED live in perms
        Vma all = new Vma("all-flags", 0x7c0000000000L, 1L << 21, s.vmas().get(0).perms(), every,
                MemType.MT_NORMAL_TAGGED, s.vmas().get(0).backing());
        List<Vma> vmas = new ArrayList<>(s.vmas());
        vmas.add(all);
        Scenario x = ArchSwitch.convert(s.withVmas(vmas), Arch.X86_INTEL);
        Set<VmFlag> kept = x.vmas().get(vmas.size() - 1).flags();
        for (VmFlag f : every) {
            assertEquals(f.appliesTo(Arch.X86_INTEL), kept.contains(f), f.id());
        }
        assertTrue(!kept.contains(VmFlag.VM_ALLOW_ANY_UNCACHED) && !kept.contains(VmFlag.VM_MTE_ALLOWED)
                && kept.contains(VmFlag.VM_PFNMAP), kept.toString());
    }

    @Test
    void archSwitchConvertsEveryArchSpecificValue() {
        Scenario s = Fixtures.graceHopperLike();
        s = s.withGuest(new org.stage2scope.model.Guest(List.of(new Stage1Range(0, 0x1000, new Stage1Attr.Mair(0x44)),
                new Stage1Range(0x1000, 0x1000, new Stage1Attr.Mair(0x04)), new Stage1Range(0x2000, 0x1000,
                        new Stage1Attr.Mair(0xbb))), s.guest().accesses()));
        Scenario x = ArchSwitch.convert(s, Arch.X86_AMD);
        assertEquals(Set.of(), x.host().features(), "arm64 features do not exist on x86");
        assertEquals(Granule.G4K, x.host().pageSize());
        assertEquals(Set.of(X86Quirk.IGNORE_GUEST_PAT), x.vm().quirks(), "KVM's default quirk set");
        assertEquals(List.of(MemType.WB, MemType.WB, MemType.UC), x.vmas().stream().map(v -> v.memType()).toList());
        assertEquals(List.of("WC", "UC", "WT"), x.guest().stage1().stream().map(r -> r.attr().id()).toList());
        Scenario back = ArchSwitch.convert(x, Arch.ARM64);
        assertEquals(List.of(MemType.MT_NORMAL, MemType.MT_NORMAL, MemType.MT_DEVICE_nGnRnE),
                back.vmas().stream().map(v -> v.memType()).toList());
        assertEquals(List.of(new Stage1Attr.Mair(0x44), new Stage1Attr.Mair(0x00), new Stage1Attr.Mair(0xbb)),
                back.guest().stage1().stream().map(r -> r.attr()).toList());
        assertEquals(Stage1Attr.Pat.class, ArchSwitch.stage1(new Stage1Attr.Mair(0xff), Arch.X86_INTEL).getClass());
        assertEquals(new Stage1Attr.Pat(X86MemType.WB), ArchSwitch.stage1(new Stage1Attr.Mair(0xf0), Arch.X86_INTEL));
    }

}
