package org.stage2scope.engine.stage2;

import org.stage2scope.engine.VmaIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.stage2.Fx.G1;
import static org.stage2scope.engine.stage2.Fx.K4;
import static org.stage2scope.engine.stage2.Fx.M2;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.memslot.ActiveSlot;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.GuestAccess.Kind;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;

class AccessSimulatorTest {
    // slot 0: RAM at GPA 0 (HVA 1G, 2M); slot 1: READONLY RAM at GPA 16M; slot 2: BAR (Device) at GPA 4G;
    // slot 3: hole at GPA 8G; slot 4: dirty-logged RAM at 32M.
    static final Vma RAM = Fx.withPoison(Fx.ram("ram", G1, M2), G1 + 0x3000L);
    static final Vma ROM = Fx.ram("rom", 2 * G1, M2);
    static final Vma BAR = Fx.pfnmap("bar", 3 * G1, M2, 0x80_0000_0000L, MemType.MT_DEVICE_nGnRE);
    static final Vma LOG = Fx.ram("log", 5 * G1, M2);
    static final List<ActiveSlot> SLOTS = List.of(
            Fx.slot(0, 0, M2, G1),
            Fx.slot(1, 16L << 20, M2, 2 * G1, MemslotFlag.KVM_MEM_READONLY),
            Fx.slot(2, 4 * G1, M2, 3 * G1),
            Fx.slot(3, 8 * G1, M2, 4 * G1),
            Fx.slot(4, 32L << 20, M2, 5 * G1, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES));

    private static AccessResult one(Host host, Vm vm, long gpa, Kind kind) {
        return AccessSimulator.simulate(host, vm, Policy.of(PolicyId.UPSTREAM), new VmaIndex(List.of(RAM, ROM, BAR, LOG)), SLOTS,
                List.of(new GuestAccess(gpa, kind, "t"))).get(0);
    }

    private static AccessResult one(long gpa, Kind kind) {
        return one(Fx.arm(), Fx.vm(), gpa, kind);
    }

    /** The trace lines containing each marker appear in this order. */
    private static void assertOrder(List<String> trace, String... markers) {
        int at = -1;
        for (String m : markers) {
            int found = -1;
            for (int i = at + 1; i < trace.size(); i++) {
                if (trace.get(i).contains(m)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found > at, "\"" + m + "\" missing or out of order in " + trace);
            at = found;
        }
    }

    @Test
    void readOutsideAnySlotExitsAsMmio() {
        AccessResult r = one(0x9000_0000L, Kind.READ);
        assertEquals(AccessOutcome.MMIO_EXIT, r.outcome());
        assertNull(r.s2());
        assertOrder(r.trace(), "kvm_handle_guest_abort", "gfn_to_memslot: no memslot", "io_mem_abort");
    }

    @Test
    void execOutsideAnySlotInjectsAnAbort() {
        AccessResult r = one(0x9000_0000L, Kind.EXEC);
        assertEquals(AccessOutcome.ABORT_INJECTED, r.outcome());
        assertOrder(r.trace(), "gfn_to_memslot", "kvm_inject_sea_iabt");
    }

    @Test
    void accessBeyondTheIpaSizeInjectsAnAbort() {
        AccessResult r = one(1L << 48, Kind.READ);
        assertEquals(AccessOutcome.ABORT_INJECTED, r.outcome());
        assertEquals("access.ipa.range", r.rule().id());
    }

    @Test
    void writeToAReadonlySlotExitsAsMmioButReadMaps() {
        AccessResult w = one(16L << 20, Kind.WRITE);
        assertEquals(AccessOutcome.MMIO_EXIT, w.outcome());
        assertOrder(w.trace(), "gfn_to_memslot: slot 1", "KVM_MEM_READONLY");
        AccessResult r = one(16L << 20, Kind.READ);
        assertEquals(AccessOutcome.MAPPED, r.outcome());
        assertFalse(r.s2().write());
    }

    @Test
    void holeReturnsEfault() {
        AccessResult r = one(8 * G1, Kind.READ);
        assertEquals(AccessOutcome.EFAULT, r.outcome());
        assertOrder(r.trace(), "gfn_to_memslot", "gfn_to_hva_memslot_prot", "vma_lookup");
    }

    @Test
    void poisonedPageSendsSigbusAfterTheBlockSizeStep() {
        AccessResult r = one(0x3008, Kind.READ);
        assertEquals(AccessOutcome.SIGBUS, r.outcome());
        assertOrder(r.trace(), "vma_lookup", "get_vma_page_shift", "KVM_PFN_ERR_HWPOISON");
    }

    @Test
    void execFromADeviceMappingInjectsAnInstructionAbortWithEnoexecInTheTrace() {
        AccessResult r = one(4 * G1, Kind.EXEC);
        assertEquals(AccessOutcome.ABORT_INJECTED, r.outcome(), "one outcome for every injected instruction abort");
        assertEquals("access.enoexec", r.rule().id());
        assertOrder(r.trace(), "vma_lookup", "get_vma_page_shift", "__kvm_faultin_pfn", "s2_force_noncacheable", "-ENOEXEC",
                "kvm_inject_sea_iabt");
        AccessResult noSlot = one(0x9000_0000L, Kind.EXEC);
        assertEquals(r.outcome(), noSlot.outcome(), "exec outside any memslot ends the same way");
    }

    @Test
    void cacheableDeviceMemoryWithoutFwbIsEfaultAtFaultTime() {
        Vma cbar = Fx.pfnmap("cbar", 3 * G1, M2, 0x80_0000_0000L, MemType.MT_NORMAL);
        AccessResult r = AccessSimulator.simulate(Fx.arm(), Fx.vm(), Policy.of(PolicyId.UPSTREAM), new VmaIndex(List.of(cbar)), SLOTS,
                List.of(new GuestAccess(4 * G1, Kind.READ, ""))).get(0);
        assertEquals(AccessOutcome.EFAULT, r.outcome());
        assertEquals("s2.pfnmap.efault", r.rule().id());
        assertOrder(r.trace(), "__kvm_faultin_pfn", "kvm_supports_cacheable_pfnmap() false");
    }

    @Test
    void mteWithoutMteAllowedIsEfaultAfterThp() {
        AccessResult r = one(Fx.arm(CpuFeature.MTE), Fx.vm(true, false, false), 0x1000, Kind.READ);
        assertEquals(AccessOutcome.EFAULT, r.outcome());
        assertEquals("s2.mte.efault", r.rule().id());
        assertOrder(r.trace(), "vma_lookup", "__kvm_faultin_pfn", "VM_MTE_ALLOWED");
    }

    @Test
    void execOnRamSetsXAndInvalidatesTheIcacheWithoutDic() {
        AccessResult r = one(0x1000, Kind.EXEC);
        assertEquals(AccessOutcome.MAPPED, r.outcome());
        assertTrue(r.s2().exec());
        assertTrue(r.s2().icacheInval());
        assertTrue(r.s2().dcacheClean());
        assertEquals(K4, r.s2().blockSize());
        assertOrder(r.trace(), "kvm_handle_guest_abort", "gfn_to_memslot", "vma_lookup", "get_vma_page_shift",
                "__kvm_faultin_pfn", "kvm_pgtable_stage2_map");
        AccessResult dic = one(Fx.arm(CpuFeature.DIC), Fx.vm(), 0x1000, Kind.EXEC);
        assertTrue(dic.s2().exec());
        assertFalse(dic.s2().icacheInval(), "CTR_EL0.DIC makes the I-cache invalidation a no-op");
    }

    @Test
    void readUnderDirtyLoggingMapsReadOnlyAndWriteMapsWritable() {
        AccessResult r = one((32L << 20) + 0x1000, Kind.READ);
        assertFalse(r.s2().write());
        assertOrder(r.trace(), "memslot_is_logging", "map read-only");
        AccessResult w = one((32L << 20) + 0x1000, Kind.WRITE);
        assertTrue(w.s2().write());
    }

    @Test
    void x86ExecFromDeviceMemoryIsMapped() {
        AccessResult r = one(Fx.intel(true), Fx.vm(), 4 * G1, Kind.EXEC);
        assertEquals(AccessOutcome.MAPPED, r.outcome());
        assertEquals("UC", r.s2().type());
    }

    /** x86_emulate_instruction cannot fetch from MMIO; handle_emulation_failure queues #UD, exits at CPL 0. */
    @Test
    void x86ExecWithNoMemslotIsAnEmulationFailureNotAnMmioExit() {
        AccessResult none = one(Fx.intel(true), Fx.vm(), 0x9000_0000L, Kind.EXEC);
        assertEquals(AccessOutcome.EMULATION_FAILURE, none.outcome());
        assertEquals("access.x86.noslot.exec", none.rule().id());
        assertOrder(none.trace(), "kvm_handle_noslot_fault", "x86_decode_emulated_instruction", "kvm_queue_exception(#UD)",
                "KVM_EXIT_INTERNAL_ERROR, suberror KVM_INTERNAL_ERROR_EMULATION");
        AccessResult read = one(Fx.amd(), Fx.vm(), 0x9000_0000L, Kind.READ);
        assertEquals(AccessOutcome.MMIO_EXIT, read.outcome(), "a data access there is still emulated as MMIO");
    }
}
