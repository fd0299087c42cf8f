package org.stage2scope.engine.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.stage2.Fx.G1;
import static org.stage2scope.engine.stage2.Fx.K4;
import static org.stage2scope.engine.stage2.Fx.M2;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

class FaultOutcomeTest {

    static Stream<Arguments> deviceCases() {
        List<Arguments> out = new ArrayList<>();
        for (PolicyId p : PolicyId.values()) {
            for (boolean c : new boolean[] {true, false}) {
                for (int host = 0; host < 3; host++) {
                    for (boolean anyUc : new boolean[] {true, false}) {
                        out.add(Arguments.of(p, c, host, anyUc));
                    }
                }
            }
        }
        return out.stream();
    }

    /** host 0: no FWB, no DIC; 1: FWB only; 2: FWB and DIC (S true only here). */
    @ParameterizedTest(name = "{0} cacheable={1} host={2} anyUc={3}")
    @MethodSource("deviceCases")
    void deviceBranchFollowsThePolicysFaultColumn(PolicyId policy, boolean cacheable, int hostKind, boolean anyUc) {
        Host host = switch (hostKind) {
            case 0 -> Fx.arm();
            case 1 -> Fx.arm(CpuFeature.FWB);
            default -> Fx.arm(CpuFeature.FWB, CpuFeature.DIC);
        };
        boolean s = hostKind == 2;
        Vma v = Fx.pfnmap("bar", G1, G1, 0x80_0000_0000L, cacheable ? MemType.MT_NORMAL : MemType.MT_DEVICE_nGnRE);
        if (anyUc) {
            v = Fx.withFlags(v, VmFlag.VM_ALLOW_ANY_UNCACHED);
        }
        List<Stage2Run> runs = Fx.map(host, Fx.vm(), policy, List.of(v), Fx.slot(0, 4 * G1, G1, G1)).runs();
        assertEquals(1, runs.size());
        Stage2Run r = runs.get(0);
        boolean forced = policy == PolicyId.PRE_6_17 || !cacheable;
        if (forced) {
            assertEquals(Stage2Run.Outcome.MAPPED, r.outcome());
            assertEquals(anyUc ? "Normal-NC" : "Device-nGnRE", r.s2().type());
            assertEquals(anyUc ? 0b0101 : 0b0001, r.s2().memAttr());
            assertEquals("RW-", r.s2().perms());
            assertEquals(G1, r.s2().blockSize(), "device PFNMAP keeps its block size");
            assertEquals("s2.pfnmap.noncacheable", r.rule().id());
        } else if (s) {
            assertEquals("Normal-WB", r.s2().type());
            assertEquals(0b0110, r.s2().memAttr());
            assertEquals("s2.pfnmap.cacheable", r.rule().id());
        } else {
            assertEquals(Stage2Run.Outcome.EFAULT, r.outcome());
            assertNull(r.s2());
            assertEquals("s2.pfnmap.efault", r.rule().id());
        }
    }

    @Test
    void pfnmapOverSystemRamTakesTheRamPath() {
        Vma v = Fx.pfnmap("ram-pfnmap", G1, G1, 0x80_0000_0000L, MemType.MT_NORMAL);
        v = new Vma(v.name(), v.start(), v.size(), v.perms(), v.flags(), v.memType(),
                new org.stage2scope.model.Backing(org.stage2scope.model.Backing.Kind.RAM, 0x80_0000_0000L, K4, false, List.of()));
        Stage2Run r = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 4 * G1, G1, G1)).get(0);
        assertEquals("Normal-WB", r.s2().type());
        assertEquals("s2.map.ram", r.rule().id());
        assertTrue(r.s2().dcacheClean());
    }

    @Test
    void mteVmRefusesCacheableMemoryOfAVmaWithoutMteAllowed() {
        Vma plain = Fx.ram("ram", G1, M2);
        Stage2Run r = Fx.map(Fx.arm(CpuFeature.MTE), Fx.vm(true, false, false), PolicyId.UPSTREAM, List.of(plain),
                Fx.slot(0, 0, M2, G1)).runs().get(0);
        assertEquals(Stage2Run.Outcome.EFAULT, r.outcome());
        assertEquals("s2.mte.efault", r.rule().id());

        Vma allowed = Fx.withFlags(plain, VmFlag.VM_MTE_ALLOWED);
        Stage2Run ok = Fx.map(Fx.arm(CpuFeature.MTE), Fx.vm(true, false, false), PolicyId.UPSTREAM, List.of(allowed),
                Fx.slot(0, 0, M2, G1)).runs().get(0);
        assertEquals(Stage2Run.Outcome.MAPPED, ok.outcome());

        Vma device = Fx.pfnmap("bar", G1, M2, 0x80_0000_0000L, MemType.MT_DEVICE_nGnRE);
        Stage2Run dev = Fx.map(Fx.arm(CpuFeature.MTE), Fx.vm(true, false, false), PolicyId.UPSTREAM, List.of(device),
                Fx.slot(0, 0, M2, G1)).runs().get(0);
        assertEquals("Device-nGnRE", dev.s2().type(), "forced non-cacheable mappings skip the MTE check");
    }

    @Test
    void aPoisonedPageIsOneSigbusRunBetweenMappedRuns() {
        Vma v = Fx.withPoison(Fx.thp("ram", G1, G1), G1 + 0x5123L);
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(v), Fx.slot(0, 0, G1, G1));
        List<Stage2Run> runs = res.runs();
        assertEquals(3, runs.size());
        assertEquals(0x5000, runs.get(0).size());
        assertEquals(Stage2Run.Outcome.SIGBUS, runs.get(1).outcome());
        assertEquals(0x5000, runs.get(1).gpa());
        assertEquals(K4, runs.get(1).size());
        assertEquals("s2.hwpoison", runs.get(1).rule().id());
        assertEquals(Stage2Run.Outcome.MAPPED, runs.get(2).outcome());
        assertEquals(G1 - 0x6000, runs.get(2).size());
        assertTrue(res.findings().stream().anyMatch(f -> f.rule().id().equals("s2.hwpoison")));
    }

    @Test
    void aHoleBetweenVmasIsAnEfaultRunAndAnError() {
        Vma a = Fx.ram("a", G1, M2);
        Vma b = Fx.ram("b", G1 + 2 * M2, M2);
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(b, a), Fx.slot(0, 0, 3 * M2, G1));
        List<Stage2Run> runs = res.runs();
        assertEquals(3, runs.size());
        assertEquals("a", runs.get(0).vma());
        assertEquals(Stage2Run.Outcome.EFAULT, runs.get(1).outcome());
        assertEquals(M2, runs.get(1).gpa());
        assertEquals("s2.novma", runs.get(1).rule().id());
        assertEquals("b", runs.get(2).vma());
        assertTrue(res.findings().stream().anyMatch(f -> f.rule().id().equals("s2.novma")
                && f.message().contains("0x40200000")));
    }

    @Test
    void aSlotOverNoVmaAtAllIsOneEfaultRun() {
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(), Fx.slot(3, 0, G1, G1));
        assertEquals(1, res.runs().size());
        assertEquals(Stage2Run.Outcome.EFAULT, res.runs().get(0).outcome());
        assertEquals(G1, res.runs().get(0).size());
        assertTrue(res.findings().stream().anyMatch(f -> f.rule().id().equals("s2.slot.novma")));
    }

    @Test
    void guestMemfdSlotIsPagesOfNormalWbWithoutAVma() {
        Stage2Run r = Fx.runs(Fx.arm(CpuFeature.FWB), List.of(), Fx.slot(0, 0, G1, 0, MemslotFlag.KVM_MEM_GUEST_MEMFD)).get(0);
        assertEquals(Stage2Run.Outcome.MAPPED, r.outcome());
        assertNull(r.vma());
        assertEquals(K4, r.s2().blockSize());
        assertEquals(0b0110, r.s2().memAttr());
        assertFalse(r.s2().dcacheClean());
        assertEquals("s2.map.gmem", r.rule().id());
    }

    @Test
    void nonWritableVmaMapsReadOnly() {
        Vma v = new Vma("ro", G1, M2, org.stage2scope.model.Perms.parse("r--p"), java.util.Set.of(), MemType.MT_NORMAL,
                org.stage2scope.model.Backing.ram(K4));
        Stage2Run r = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 0, M2, G1)).get(0);
        assertEquals("R--", r.s2().perms());
        assertTrue(r.reason().contains("writes return -EFAULT"));
    }

    // ---- x86 ----

    @Test
    void intelWithTheQuirkForcesWbWithIpat() {
        Stage2Run r = Fx.map(Fx.intel(true), Fx.vm(false, true, false), PolicyId.UPSTREAM,
                List.of(Fx.x86ram("ram", G1, G1, true)), Fx.slot(0, 0, G1, G1)).runs().get(0);
        assertEquals("WB", r.s2().type());
        assertEquals(Boolean.TRUE, r.s2().ipat());
        assertNull(r.s2().memAttr());
        assertEquals(M2, r.s2().blockSize());
        assertEquals("s2.x86.ept", r.rule().id());
    }

    @Test
    void intelWithoutTheQuirkAndWithSelfSnoopHonoursGuestPat() {
        Stage2Run r = Fx.map(Fx.intel(true), Fx.vm(false, false, false), PolicyId.UPSTREAM,
                List.of(Fx.x86ram("ram", G1, G1, false)), Fx.slot(0, 0, G1, G1)).runs().get(0);
        assertEquals(Boolean.FALSE, r.s2().ipat());
        assertEquals(K4, r.s2().blockSize());
    }

    @Test
    void intelWithoutSelfSnoopCannotDisableTheQuirk() {
        Stage2Run r = Fx.map(Fx.intel(false), Fx.vm(false, false, false), PolicyId.UPSTREAM,
                List.of(Fx.x86ram("ram", G1, G1, false)), Fx.slot(0, 0, G1, G1)).runs().get(0);
        assertEquals(Boolean.TRUE, r.s2().ipat());
        assertTrue(r.reason().contains("SELF_SNOOP"), r.reason());
    }

    @Test
    void intelWithNonCoherentDmaHonoursGuestPatEvenWithTheQuirk() {
        Stage2Run r = Fx.map(Fx.intel(false), Fx.vm(false, true, true), PolicyId.UPSTREAM,
                List.of(Fx.x86ram("ram", G1, G1, false)), Fx.slot(0, 0, G1, G1)).runs().get(0);
        assertEquals(Boolean.FALSE, r.s2().ipat());
    }

    @Test
    void intelMmioIsUcWithoutIpat() {
        Vma bar = new Vma("bar", G1, G1, org.stage2scope.model.Perms.RW_SHARED, java.util.Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO),
                MemType.UC, new org.stage2scope.model.Backing(org.stage2scope.model.Backing.Kind.DEVICE, null, G1, false, List.of()));
        Stage2Run r = Fx.map(Fx.intel(true), Fx.vm(), PolicyId.UPSTREAM, List.of(bar), Fx.slot(0, 0, G1, G1)).runs().get(0);
        assertEquals("UC", r.s2().type());
        assertEquals(Boolean.FALSE, r.s2().ipat());
        assertEquals(G1, r.s2().blockSize(), "PFNMAP level follows the host mapping level");
    }

    @Test
    void amdHasNoIpatAndMmioIsUc() {
        Vma bar = new Vma("bar", 2 * G1, M2, org.stage2scope.model.Perms.RW_SHARED, java.util.Set.of(VmFlag.VM_PFNMAP),
                MemType.UC, new org.stage2scope.model.Backing(org.stage2scope.model.Backing.Kind.DEVICE, null, K4, false, List.of()));
        List<Stage2Run> runs = Fx.map(Fx.amd(), Fx.vm(), PolicyId.UPSTREAM, List.of(Fx.x86ram("ram", G1, G1, true), bar),
                Fx.slot(0, 0, G1, G1), Fx.slot(1, 4 * G1, M2, 2 * G1)).runs();
        assertEquals("WB", runs.get(0).s2().type());
        assertNull(runs.get(0).s2().ipat());
        assertEquals("s2.x86.npt", runs.get(0).rule().id());
        assertEquals("UC", runs.get(1).s2().type());
        assertNull(runs.get(1).s2().ipat());
    }

    @Test
    void x86SlotMisalignedInsideALargePageGetsNoLargePages() {
        Stage2Mapper.Result res = Fx.map(Fx.intel(true), Fx.vm(), PolicyId.UPSTREAM, List.of(Fx.x86ram("ram", G1, G1, true)),
                Fx.slot(0, 0x1000, G1, G1));
        assertEquals(K4, res.runs().get(0).s2().blockSize());
        assertTrue(res.findings().stream().anyMatch(f -> f.rule().id().equals("s2.x86.lpage.misaligned")));
    }

    @Test
    void x86HugetlbOf1GAndDirtyLogging() {
        Vma huge = new Vma("huge", 4 * G1, 4 * G1, org.stage2scope.model.Perms.RW_SHARED, java.util.Set.of(VmFlag.VM_HUGETLB),
                MemType.WB, new org.stage2scope.model.Backing(org.stage2scope.model.Backing.Kind.RAM, null, G1, false, List.of()));
        assertEquals(G1, Fx.map(Fx.intel(true), Fx.vm(), PolicyId.UPSTREAM, List.of(huge), Fx.slot(0, 0, 4 * G1, 4 * G1))
                .runs().get(0).s2().blockSize());
        assertEquals(K4, Fx.map(Fx.intel(true), Fx.vm(), PolicyId.UPSTREAM, List.of(huge),
                Fx.slot(0, 0, 4 * G1, 4 * G1, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)).runs().get(0).s2().blockSize());
    }
}
