package org.stage2scope.engine.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.stage2.Fx.G1;
import static org.stage2scope.engine.stage2.Fx.M2;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.memtype.Combined;
import org.stage2scope.engine.memtype.MemtypeCombiner;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemType;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;

class EffectiveMapperTest {
    static final Rule R = new Rule("test.combine", "test", "test");

    /** A stand-in combiner: the stage-2 type wins unless stage 2 is Normal-WB, then stage 1's byte decides. */
    static final MemtypeCombiner FAKE = (s1, s2, host) -> {
        if (!s2.type().equals("Normal-WB")) {
            return new Combined(s2.type(), s2.type(), s2.memClass(), R, "s2 wins");
        }
        int v = ((Stage1Attr.Mair) s1).value();
        return v == 0xff ? new Combined("0xff", "Normal-WB", MemClass.WRITE_BACK, R, "wb")
                : new Combined(s1.id(), "S1 " + s1.id(), v >> 4 == 0 ? MemClass.DEVICE : MemClass.NON_CACHEABLE, R, "s1");
    };

    @Test
    void stage1RangesCutStage2RunsAndUncoveredPartsAreAssumed() {
        List<Stage2Run> s2 = Fx.runs(Fx.arm(), List.of(Fx.thp("ram", G1, G1)), Fx.slot(0, 0, G1, G1));
        List<Stage1Range> s1 = List.of(new Stage1Range(M2, M2, new Stage1Attr.Mair(0x44)));
        List<EffectiveRun> eff = EffectiveMapper.effective(Fx.arm(), s2, s1, FAKE).runs();
        assertEquals(3, eff.size());
        assertTrue(eff.get(0).stage1Assumed());
        assertEquals(M2, eff.get(0).size());
        assertFalse(eff.get(1).stage1Assumed());
        assertEquals("S1 0x44", eff.get(1).name());
        assertEquals(M2, eff.get(1).gpa());
        assertEquals(G1 - 2 * M2, eff.get(2).size());
    }

    @Test
    void laterStage1RangesWinAndEqualNeighboursMerge() {
        List<Stage2Run> s2 = Fx.runs(Fx.arm(), List.of(Fx.thp("ram", G1, G1)), Fx.slot(0, 0, G1, G1));
        List<Stage1Range> s1 = List.of(new Stage1Range(0, G1, new Stage1Attr.Mair(0x44)),
                new Stage1Range(M2, M2, new Stage1Attr.Mair(0xff)), new Stage1Range(0, M2, new Stage1Attr.Mair(0x44)));
        List<EffectiveRun> eff = EffectiveMapper.effective(Fx.arm(), s2, s1, FAKE).runs();
        assertEquals(3, eff.size());
        assertEquals("Normal-WB", eff.get(1).name());
        assertEquals(2 * M2, eff.get(2).gpa());
    }

    @Test
    void guestWbOverAForcedDeviceBarIsASilentDowngrade() {
        var bar = Fx.pfnmap("bar", G1, M2, 0x80_0000_0000L, MemType.MT_DEVICE_nGnRE);
        List<Stage2Run> s2 = Fx.map(Fx.arm(CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(bar),
                Fx.slot(0, 4 * G1, M2, G1)).runs();
        var res = EffectiveMapper.effective(Fx.arm(), s2, List.of(new Stage1Range(4 * G1, M2, new Stage1Attr.Mair(0xff))), FAKE);
        assertEquals(MemClass.DEVICE, res.runs().get(0).memClass());
        var f = res.findings().stream().filter(x -> x.rule().id().equals("mem.silent-downgrade")).findFirst().orElseThrow();
        assertTrue(f.message().contains("Normal-WB") && f.message().contains("Device-nGnRE"), f.message());
    }

    @Test
    void fwbHostOverridingAGuestDeviceMappingIsANote() {
        List<Stage2Run> s2 = Fx.map(Fx.arm(CpuFeature.FWB), Fx.vm(), PolicyId.UPSTREAM, List.of(Fx.ram("ram", G1, M2)),
                Fx.slot(0, 0, M2, G1)).runs();
        MemtypeCombiner fwb = (s1, e, host) -> new Combined("0xff", "Normal-WB", MemClass.WRITE_BACK, R, "FWB 0b110");
        var res = EffectiveMapper.effective(Fx.arm(CpuFeature.FWB), s2, List.of(new Stage1Range(0, M2, new Stage1Attr.Mair(0x04))), fwb);
        assertTrue(res.findings().stream().anyMatch(x -> x.rule().id().equals("mem.fwb.override-device")));
    }

    @Test
    void stage1CacheabilityFollowsTheMairNibbles() {
        assertTrue(EffectiveMapper.stage1Cacheable(new Stage1Attr.Mair(0xff)));
        assertTrue(EffectiveMapper.stage1Cacheable(new Stage1Attr.Mair(0xbb)));
        assertTrue(EffectiveMapper.stage1Cacheable(new Stage1Attr.Mair(0xf4)));
        assertFalse(EffectiveMapper.stage1Cacheable(new Stage1Attr.Mair(0x44)));
        assertFalse(EffectiveMapper.stage1Cacheable(new Stage1Attr.Mair(0x04)));
    }
}
