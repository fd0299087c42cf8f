package org.stage2scope.engine.memtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;

class Arm64CombinerTest {

    private final Arm64Combiner combiner = new Arm64Combiner();

    private Combined noFwb(int s1, int memAttr) {
        return combiner.combine(s1, memAttr, false, true);
    }

    private Combined fwb(int s1, int memAttr) {
        return combiner.combine(s1, memAttr, true, true);
    }

    @ParameterizedTest(name = "S1 {0} x S2 {1} -> {2}")
    @CsvSource({
            "0x00, 0b0011, 0x00",  // nGnRnE beats GRE
            "0x0c, 0b0000, 0x00",
            "0x04, 0b0010, 0x04",
            "0x08, 0b0001, 0x04",
            "0x0c, 0b0011, 0x0c",
    })
    void bothDeviceGiveTheStrongerType(String s1, String s2, String expected) {
        Combined c = noFwb(Integer.decode(s1), Integer.parseInt(s2.substring(2), 2));
        assertEquals(expected, c.result());
        assertEquals(MemClass.DEVICE, c.memClass());
        assertEquals("memtype.arm64.device.both", c.rule().id());
    }

    @Test
    void stage1DeviceGreWithStage2NormalNcStaysDeviceGreNotNgnreAsQemuSays() {
        Combined c = noFwb(0x0c, 0b0101);
        assertEquals("0x0c", c.result());
        assertEquals("Device-GRE", c.name());
        assertEquals("memtype.arm64.device.s1", c.rule().id());
        assertEquals("Arm ARM S2CombineS1MemAttrs", c.rule().kernelFunction());
    }

    @Test
    void stage1DeviceWithStage2NormalWbKeepsStage1DeviceType() {
        assertEquals("0x08", noFwb(0x08, 0b1111).result());
        assertEquals("0x04", noFwb(0x04, 0b1111).result());
    }

    @Test
    void stage2DeviceOverridesStage1Normal() {
        Combined c = noFwb(0xff, 0b0001);
        assertEquals("0x04", c.result());
        assertEquals("Device-nGnRE", c.name());
        assertEquals("memtype.arm64.device.s2", c.rule().id());
        assertEquals("0x0c", noFwb(0xf0, 0b0011).result());
    }

    @ParameterizedTest(name = "S1 {0} x S2 {1} -> {2} {3}")
    @CsvSource({
            "0xff, 0b1111, 0xff, Normal-WB",
            "0xff, 0b0101, 0x44, Normal-NC",           // KVM's NC stage 2 wins over a WB guest
            "0x44, 0b1111, 0x44, Normal-NC",           // the guest can always go non-cacheable
            "0xff, 0b1010, 0xbb, Normal-WT",           // WT levels keep stage-1 RAWA hints
            "0xee, 0b1010, 0xaa, Normal-WT",           // RA only from stage 1
            "0xbb, 0b1111, 0xbb, Normal-WT",
            "0xff, 0b1110, 0xfb, Normal iWT oWB",      // per level: inner WT, outer WB
            "0xff, 0b0111, 0x4f, Normal iWB oNC",
            "0x4f, 0b1101, 0x44, Normal-NC",
            "0xf4, 0b0111, 0x44, Normal-NC",
            "0xb4, 0b1111, 0xb4, Normal iNC oWT",
            "0x77, 0b1111, 0x77, Normal-WB",           // transience from stage 1
            "0x77, 0b1010, 0x33, Normal-WT",           // WB transient x WT -> WT transient
            "0x33, 0b1111, 0x33, Normal-WT",
            "0xcc, 0b1111, 0xcc, Normal-WB",           // no-allocate WB stays no-allocate
    })
    void bothNormalCombinePerLevelWithHintsFromStage1(String s1, String s2, String expected, String name) {
        Combined c = noFwb(Integer.decode(s1), Integer.parseInt(s2.substring(2), 2));
        assertEquals(expected, c.result());
        assertEquals(name, c.name());
        assertEquals("memtype.arm64.normal", c.rule().id());
        assertEquals("Arm ARM S2CombineS1AttrHints", c.rule().kernelFunction());
    }

    @Test
    void taggedStaysTaggedOnlyWhenTheResultIsWriteBackInBothLevels() {
        Combined kept = noFwb(0xf0, 0b1111);
        assertEquals("0xf0", kept.result());
        assertEquals("Normal-WB (Tagged)", kept.name());
        assertEquals(MemClass.WRITE_BACK, kept.memClass());
        assertEquals("0x44", noFwb(0xf0, 0b0101).result());
        assertEquals("0xbb", noFwb(0xf0, 0b1010).result());
        assertEquals("0xfb", noFwb(0xf0, 0b1110).result());
        assertTrue(noFwb(0xf0, 0b1010).reason().contains("tags dropped"), noFwb(0xf0, 0b1010).reason());
    }

    @Test
    void taggedByteWithoutMteIsReserved() {
        Combined c = combiner.combine(0xf0, 0b1111, false, false);
        assertEquals("RESERVED", c.result());
        assertEquals("memtype.arm64.s1.reserved", c.rule().id());
    }

    @ParameterizedTest(name = "stage-2 MemAttr {0} is UNPREDICTABLE without FWB")
    @CsvSource({"4", "8", "12"})
    void stage2InnerZeroWithOuterNonZeroIsReserved(int memAttr) {
        Combined c = noFwb(0xff, memAttr);
        assertEquals("RESERVED", c.result());
        assertEquals(MemClass.RESERVED, c.memClass());
        assertEquals("memtype.arm64.s2.reserved", c.rule().id());
    }

    @ParameterizedTest(name = "MAIR {0} is reserved")
    @CsvSource({"0x02", "0x03", "0x06", "0x0f", "0x10", "0x80", "0xe0", "0xc0"})
    void unpredictableMairBytesAreReserved(String s1) {
        Combined c = noFwb(Integer.decode(s1), 0b1111);
        assertEquals("RESERVED", c.result());
        assertEquals("memtype.arm64.s1.reserved", c.rule().id());
    }

    @Test
    void featXsFormsDecodeAsTheirCounterparts() {
        assertEquals("0x44", noFwb(0x40, 0b1111).result());
        assertEquals("0xaa", noFwb(0xa0, 0b1111).result());
        assertEquals("0x05", noFwb(0x05, 0b1111).result());   // S1 Device passes through unchanged
        assertEquals("0x04", noFwb(0x05, 0b0011).result());
        assertEquals("Normal-NC (XS=0)", fwb(0x40, 0b111).name());
    }

    // ---- FWB ----

    @Test
    void fwbDeviceStage2GivesDeviceAndTheStrongerWhenStage1IsDeviceToo() {
        assertEquals("0x04", fwb(0xff, 0b001).result());
        assertEquals("0x00", fwb(0x44, 0b000).result());
        Combined both = fwb(0x00, 0b001);
        assertEquals("0x00", both.result());                   // QEMU returns S2's nGnRE here
        assertEquals("memtype.arm64.s2fwb.device", both.rule().id());
        assertEquals("0x04", fwb(0x0c, 0b001).result());
    }

    @Test
    void fwbNonCacheableMakesNormalNcButKeepsStage1Device() {
        Combined normal = fwb(0xff, 0b101);
        assertEquals("0x44", normal.result());
        assertEquals(MemClass.NON_CACHEABLE, normal.memClass());
        assertEquals("memtype.arm64.s2fwb.nc", normal.rule().id());
        assertEquals("0x44", fwb(0xf0, 0b101).result());
        assertEquals("0x08", fwb(0x08, 0b101).result());
        assertEquals("Device-nGRE", fwb(0x08, 0b101).name());
    }

    @ParameterizedTest(name = "FWB force-WB: S1 {0} -> {1}")
    @CsvSource({
            "0x00, 0xff",  // Device becomes Normal WB RAWA
            "0x0c, 0xff",
            "0x44, 0xff",  // NC levels get RAWA
            "0xff, 0xff",
            "0xee, 0xee",  // cacheable levels keep stage-1 hints
            "0xaa, 0xee",
            "0xbb, 0xff",
            "0x77, 0x77",  // and transience
            "0x33, 0x77",
            "0x4e, 0xfe",
            "0xa4, 0xef",
            "0xf0, 0xf0",  // tagged stays tagged
    })
    void fwbForceWriteBack(String s1, String expected) {
        Combined c = fwb(Integer.decode(s1), 0b110);
        assertEquals(expected, c.result());
        assertEquals(MemClass.WRITE_BACK, c.memClass());
        assertEquals("memtype.arm64.s2fwb.force-wb", c.rule().id());
        assertEquals("Arm ARM AArch64.S2ApplyFWBMemAttrs", c.rule().kernelFunction());
    }

    @Test
    void fwbUseStage1ReturnsExactlyStage1ForEveryValidByte() {
        for (int b = 0; b <= 0xff; b++) {
            Decoded d = MairDecoder.decode(b, true);
            Combined c = fwb(b, 0b111);
            if (d.isReserved()) {
                assertEquals("RESERVED", c.result());
            } else {
                assertEquals(String.format("0x%02x", b), c.result(), "byte " + b);
                assertEquals("memtype.arm64.s2fwb.use-s1", c.rule().id());
            }
        }
    }

    @Test
    void fwbReservedEncodingsAreErrorsNotResults() {
        Combined c = fwb(0xff, 0b100);
        assertEquals("RESERVED", c.result());
        assertEquals(MemClass.RESERVED, c.memClass());
        assertEquals("memtype.arm64.s2fwb.reserved", c.rule().id());
        for (int memAttr = 0b1000; memAttr <= 0b1111; memAttr++) {
            assertEquals("RESERVED", fwb(0xff, memAttr).result(), "MemAttr[3] is RES0 with FWB");
        }
    }

    // ---- properties ----

    @Test
    void withoutFwbTheResultIsNeverMoreCacheableThanEitherStagePerLevel() {
        int checked = 0;
        for (int s1 = 0; s1 <= 0xff; s1++) {
            Decoded d1 = MairDecoder.decode(s1, true);
            for (int s2 = 0; s2 <= 0xf; s2++) {
                Decoded d2 = Stage2MemAttrDecoder.decode(s2);
                Combined c = noFwb(s1, s2);
                if (d1.isReserved() || d2.isReserved()) {
                    assertEquals("RESERVED", c.result());
                    continue;
                }
                ArmMemAttrs r = MairDecoder.decode(Integer.decode(c.result()), true).attrs();
                ArmMemAttrs a = d1.attrs();
                ArmMemAttrs b = d2.attrs();
                if (a.isDevice() || b.isDevice()) {
                    assertTrue(r.isDevice(), "a Device stage gives Device: " + s1 + " x " + s2);
                } else {
                    assertTrue(r.inner().attrs().ordinal() <= Math.min(a.inner().attrs().ordinal(), b.inner().attrs().ordinal()));
                    assertTrue(r.outer().attrs().ordinal() <= Math.min(a.outer().attrs().ordinal(), b.outer().attrs().ordinal()));
                    if (r.inner().attrs() != Cacheability.NC) {
                        assertEquals(a.inner().readAllocate(), r.inner().readAllocate());
                        assertEquals(a.inner().transient_(), r.inner().transient_());
                    }
                }
                checked++;
            }
        }
        assertEquals(true, checked > 2000, "checked " + checked);
    }

    @Test
    void everyValidMairByteRoundTrips() {
        int valid = 0;
        for (int b = 0; b <= 0xff; b++) {
            Decoded d = MairDecoder.decode(b, true);
            if (!d.isReserved()) {
                assertEquals(b, d.attrs().mairByte());
                valid++;
            }
        }
        // 4 Device + 4 Device XS=0 + 15*15 Normal + 0x40, 0xa0, 0xf0
        assertEquals(4 + 4 + 225 + 3, valid);
    }

    @Test
    void memClassIsTheLeastCacheableLevel() {
        assertEquals(MemClass.WRITE_THROUGH, noFwb(0xfb, 0b1111).memClass());
        assertEquals(MemClass.NON_CACHEABLE, noFwb(0x4f, 0b1111).memClass());
        assertEquals(MemClass.WRITE_BACK, noFwb(0xff, 0b1111).memClass());
    }

    // ---- through the pinned interface ----

    @Test
    void combineThroughTheInterfaceUsesMemAttrAndTheHostsFwb() {
        MemtypeCombiner c = MemtypeCombiner.forArch(Arch.ARM64);
        Host withFwb = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB));
        Host without = new Host(Arch.ARM64, Granule.G4K, 48, Set.of());
        Stage2Entry wbFwb = entry(0b0110);
        Stage2Entry wbNoFwb = entry(0b1111);
        assertEquals("0xff", c.combine(new Stage1Attr.Mair(0x44), wbFwb, withFwb).result());
        assertEquals("0x44", c.combine(new Stage1Attr.Mair(0x44), wbNoFwb, without).result());
        // the FWB encoding read without FWB is outer NC, inner WT
        assertEquals("0x4b", c.combine(new Stage1Attr.Mair(0xff), wbFwb, without).result());
        assertThrows(IllegalArgumentException.class,
                () -> c.combine(new Stage1Attr.Pat(org.stage2scope.model.X86MemType.WB), wbFwb, withFwb));
    }

    private static Stage2Entry entry(int memAttr) {
        return new Stage2Entry("Normal-WB", MemClass.WRITE_BACK, memAttr, 0b1111, 0b0110, null,
                true, true, false, 4096, false, false);
    }
}
