package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.memslot.Fixture.GIB;
import static org.stage2scope.engine.memslot.Fixture.MIB;
import static org.stage2scope.engine.memslot.MemslotAssert.assertActive;
import static org.stage2scope.engine.memslot.MemslotAssert.assertResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Named;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.VmFlag;

class Arm64PrepareReplayTest {
    static final long RAM_HVA = 0x7f0000000000L;
    static final long BAR_HVA = 0x7f8000000000L;
    static final long BAR_GPA = 0x4000000000L;

    /** policies.md's memslot column for one VM_PFNMAP VMA: C cacheable VMA, S FWB+DIC, F bit-3 flag set. */
    @ParameterizedTest(name = "{0} C={1} S={2} F={3} -> {4}")
    @CsvSource({
        "pre-6.17, true, true, false, ok.create",
        "pre-6.17, true, false, false, ok.create",
        "pre-6.17, false, true, false, ok.create",
        "pre-6.17, false, false, false, ok.create",
        "pre-6.17, true, true, true, memslot.flags.invalid",
        "pre-6.17, false, false, true, memslot.flags.invalid",
        "upstream, true, true, false, ok.create",
        "upstream, true, false, false, arm64.prepare.pfnmap.policy",
        "upstream, false, true, false, ok.create",
        "upstream, false, false, false, ok.create",
        "upstream, true, true, true, memslot.flags.invalid",
        "v6-enable-flag, true, true, true, ok.create",
        "v6-enable-flag, true, true, false, arm64.prepare.pfnmap.policy",
        "v6-enable-flag, true, false, false, arm64.prepare.pfnmap.policy",
        "v6-enable-flag, true, false, true, memslot.flags.invalid",
        "v6-enable-flag, false, true, true, ok.create",
        "v6-enable-flag, false, true, false, ok.create",
        "v6-enable-flag, false, false, false, ok.create",
        "v6-enable-flag, false, false, true, memslot.flags.invalid",
        "force-flag, true, true, true, ok.create",
        "force-flag, true, true, false, ok.create",
        "force-flag, true, false, false, arm64.prepare.pfnmap.policy",
        "force-flag, true, false, true, arm64.prepare.pfnmap.policy",
        "force-flag, false, true, true, arm64.prepare.pfnmap.policy",
        "force-flag, false, false, true, arm64.prepare.pfnmap.policy",
        "force-flag, false, true, false, ok.create",
        "force-flag, false, false, false, ok.create",
        "force-flag-strict, true, true, true, ok.create",
        "force-flag-strict, true, true, false, arm64.prepare.pfnmap.policy",
        "force-flag-strict, true, false, false, arm64.prepare.pfnmap.policy",
        "force-flag-strict, true, false, true, memslot.flags.invalid",
        "force-flag-strict, false, true, true, arm64.prepare.pfnmap.policy",
        "force-flag-strict, false, true, false, ok.create",
        "force-flag-strict, false, false, false, ok.create",
        "force-flag-strict, false, false, true, memslot.flags.invalid",
    })
    void pfnmapSlotUnderEachPolicy(String policyId, boolean c, boolean s, boolean f, String rule) {
        PolicyId policy = Named.byId(PolicyId.class, policyId);
        Fixture fx = Fixture.arm64().policy(policy)
                .pfnmap("bar", BAR_HVA, 64 * MIB, c ? MemType.MT_NORMAL : MemType.MT_DEVICE_nGnRE);
        if (s) {
            fx.fwbDic();
        }
        MemslotFlag flag = policy == PolicyId.FORCE_FLAG || policy == PolicyId.FORCE_FLAG_STRICT
                ? MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP : MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP;
        SlotTable t = (f ? fx.slot(3, BAR_GPA, 64 * MIB, BAR_HVA, flag) : fx.slot(3, BAR_GPA, 64 * MIB, BAR_HVA)).replay();
        assertResult(t, 0, ChangeKind.CREATE, rule.startsWith("ok") ? null : Errno.EINVAL, rule);
        if (rule.startsWith("ok")) {
            assertActive(t, "0:3@0x4000000000");
        } else {
            assertActive(t);
        }
    }

    @Test
    void hostNeedsBothFwbAndDicForCacheablePfnmap() {
        SlotTable t = Fixture.arm64().features(CpuFeature.FWB)
                .pfnmap("bar", BAR_HVA, 64 * MIB, MemType.MT_NORMAL)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "arm64.prepare.pfnmap.policy");
    }

    @Test
    void otherProposalsFlagNameIsJudgedAsBit3() {
        SlotTable t = Fixture.arm64().policy(PolicyId.V6_ENABLE_FLAG).fwbDic()
                .pfnmap("bar", BAR_HVA, 64 * MIB, MemType.MT_NORMAL)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP)
                .slot(4, BAR_GPA + GIB, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP,
                        MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, null, "ok.create");

        SlotTable noSupport = Fixture.arm64().policy(PolicyId.V6_ENABLE_FLAG)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP)
                .replay();
        assertResult(noSupport, 0, ChangeKind.CREATE, Errno.EINVAL, "memslot.flags.invalid");
        String why = noSupport.results().get(0).explanation();
        assertTrue(why.contains("the kernel sees only bit 3") && why.contains("FEAT_S2FWB and CTR_EL0.DIC"), why);
    }

    @Test
    void dirtyLoggingOverPfnmapIsEinvalUnderEveryPolicy() {
        for (PolicyId p : PolicyId.values()) {
            SlotTable t = Fixture.arm64().policy(p).fwbDic()
                    .pfnmap("bar", BAR_HVA, 64 * MIB, MemType.MT_DEVICE_nGnRE)
                    .slot(3, BAR_GPA, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                    .replay();
            assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "arm64.prepare.pfnmap.dirty-log");
        }
    }

    @Test
    void flagsOnlyChangeIsWalkedToo() {
        SlotTable t = Fixture.arm64()
                .pfnmap("bar", BAR_HVA, 64 * MIB, MemType.MT_DEVICE_nGnRE)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.FLAGS_ONLY, Errno.EINVAL, "arm64.prepare.pfnmap.dirty-log");
        assertTrue(t.active().get(0).callIndex() == 0);
    }

    @Test
    void mixedmapIsNotCheckedAtTheMemslot() {
        SlotTable t = Fixture.arm64()
                .vma("mixed", BAR_HVA, 64 * MIB, MemType.MT_NORMAL,
                        new org.stage2scope.model.Backing(org.stage2scope.model.Backing.Kind.DEVICE, null, 4096, false, java.util.List.of()),
                        VmFlag.VM_MIXEDMAP)
                .slot(3, BAR_GPA, 64 * MIB, BAR_HVA, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
    }

    @Test
    void walkCoversEveryVmaAcrossHolesAndStopsAtTheFirstRefusal() {
        SlotTable t = Fixture.arm64()
                .ram("ram", RAM_HVA, 16 * MIB)
                .pfnmap("bar", RAM_HVA + 32 * MIB, 16 * MIB, MemType.MT_NORMAL)
                .slot(0, 0x40000000L, 64 * MIB, RAM_HVA)
                .slot(1, 0x80000000L, 16 * MIB, RAM_HVA + 0x10000000L)
                .replay();
        // hole [16M, 32M) skipped, then the cacheable PFNMAP VMA without FWB+DIC refuses
        assertResult(t, 0, ChangeKind.CREATE, Errno.EINVAL, "arm64.prepare.pfnmap.policy");
        // a slot over nothing but a hole is accepted: it fails later, at fault time
        assertResult(t, 1, ChangeKind.CREATE, null, "ok.create");
        assertTrue(t.results().get(1).explanation().contains("fails at fault time"));
    }

    @Test
    void mteVmRefusesAnyVmaWithoutMteAllowed() {
        SlotTable t = Fixture.arm64().mte()
                .ram("tagged", RAM_HVA, GIB, VmFlag.VM_MTE_ALLOWED)
                .ram("plain", RAM_HVA + GIB, GIB)
                .slot(0, 0x40000000L, GIB, RAM_HVA)
                .slot(1, 0x80000000L, 2 * GIB, RAM_HVA)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EINVAL, "arm64.prepare.mte");
        assertTrue(t.results().get(1).explanation().contains("plain"));
        SlotTable noMte = Fixture.arm64().ram("plain", RAM_HVA, GIB).slot(0, 0x40000000L, GIB, RAM_HVA).replay();
        assertResult(noMte, 0, ChangeKind.CREATE, null, "ok.create");
    }

    @Test
    void slotEndingBeyondTheIpaSpaceIsEfault() {
        long top = 1L << 40;
        SlotTable t = Fixture.arm64().ram("ram", RAM_HVA, 4 * GIB)
                .slot(0, top - GIB, GIB, RAM_HVA)
                .slot(1, top, 0x1000, RAM_HVA + GIB)
                .slot(0, top, GIB, RAM_HVA)
                .slot(2, top - 0x1000, 0x2000, RAM_HVA + GIB)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
        assertResult(t, 1, ChangeKind.CREATE, Errno.EFAULT, "arm64.prepare.ipa-size");
        assertResult(t, 2, ChangeKind.MOVE, Errno.EFAULT, "arm64.prepare.ipa-size");
        // the generic overlap test runs before the arch hook
        assertResult(t, 3, ChangeKind.CREATE, Errno.EEXIST, "memslot.overlap");
        assertActive(t, "0:0@0xffc0000000");
    }

    @Test
    void largerIpaSizeAcceptsHigherSlots() {
        SlotTable t = Fixture.arm64().ipaBits(48).ram("ram", RAM_HVA, GIB)
                .slot(0, 1L << 44, GIB, RAM_HVA)
                .replay();
        assertResult(t, 0, ChangeKind.CREATE, null, "ok.create");
    }
}
