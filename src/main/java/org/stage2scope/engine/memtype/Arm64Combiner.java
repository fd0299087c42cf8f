package org.stage2scope.engine.memtype;

import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;

/**
 * arm64 stage-1 x stage-2 memory attributes, as the Arm ARM pseudocode computes them:
 * S2CombineS1MemAttrs (with S2CombineS1Device and S2CombineS1AttrHints) when HCR_EL2.FWB is 0,
 * AArch64.S2ApplyFWBMemAttrs when it is 1. KVM sets HCR_EL2.FWB exactly when the CPU has FEAT_S2FWB.
 * Shareability and the XS attribute of computed results are not modelled.
 */
public final class Arm64Combiner implements MemtypeCombiner {

    @Override
    public Combined combine(Stage1Attr stage1, Stage2Entry s2, Host host) {
        if (!(stage1 instanceof Stage1Attr.Mair mair)) {
            throw new IllegalArgumentException("arm64 stage 1 is a MAIR byte, got " + stage1);
        }
        if (s2.memAttr() == null) {
            throw new IllegalArgumentException("an arm64 stage-2 entry needs its MemAttr");
        }
        return combine(mair.value(), s2.memAttr(), host.has(CpuFeature.FWB), host.has(CpuFeature.MTE));
    }

    /**
     * @param s1      the MAIR byte the guest's AttrIndx selects
     * @param memAttr the stage-2 descriptor's MemAttr[3:0]
     * @param fwb     HCR_EL2.FWB
     * @param mte     FEAT_MTE2 (decides whether 0xf0 means Tagged Normal)
     */
    public Combined combine(int s1, int memAttr, boolean fwb, boolean mte) {
        if (memAttr < 0 || memAttr > 0xf) {
            throw new IllegalArgumentException("MemAttr is 4 bits (0b0000..0b1111), got " + memAttr);
        }
        Decoded d1 = MairDecoder.decode(s1, mte);
        if (d1.isReserved()) {
            return reserved(MemtypeRules.S1_RESERVED, d1.reservedReason());
        }
        return fwb ? combineFwb(d1.attrs(), memAttr) : combineNoFwb(d1.attrs(), memAttr);
    }

    private static Combined combineNoFwb(ArmMemAttrs s1, int memAttr) {
        Decoded d2 = Stage2MemAttrDecoder.decode(memAttr);
        if (d2.isReserved()) {
            return reserved(MemtypeRules.S2_RESERVED, d2.reservedReason());
        }
        ArmMemAttrs s2 = d2.attrs();
        String s2Bits = Stage2MemAttrDecoder.bits(memAttr);
        if (s1.isDevice() && s2.isDevice()) {
            ArmMemAttrs r = ArmMemAttrs.device(DeviceType.stronger(s1.device(), s2.device()));
            return result(r, MemtypeRules.DEVICE_BOTH, "stage 1 " + s1.name() + " and stage 2 " + s2.name()
                    + " (" + s2Bits + ") are both Device: the stronger type wins");
        }
        if (s1.isDevice()) {
            return result(s1, MemtypeRules.DEVICE_S1, "stage 1 is " + s1.name() + ", stage 2 " + s2Bits + " is "
                    + s2.name() + ": stage 1's Device type is kept unchanged");
        }
        if (s2.isDevice()) {
            return result(s2, MemtypeRules.DEVICE_S2, "stage 2 " + s2Bits + " is " + s2.name()
                    + ": Device whatever stage 1 (" + s1.name() + ") asks");
        }
        ArmMemAttrs r = tag(ArmMemAttrs.normal(
                combineLevel(s1.inner(), s2.inner()), combineLevel(s1.outer(), s2.outer())), s1);
        String why = "per level the less cacheable of stage 1 (" + s1.name() + ") and stage 2 " + s2Bits + " ("
                + s2.name() + "), allocation hints from stage 1: " + r.describe();
        if (s1.tagged()) {
            why += r.tagged() ? "; tags kept (WB RAWA in both levels)" : "; tags dropped (not WB in both levels)";
        }
        if (lessCacheable(r, s2)) {
            why += "; the guest made it less cacheable than stage 2, so the host must clean caches";
        }
        return result(r, MemtypeRules.NORMAL, why);
    }

    private static Combined combineFwb(ArmMemAttrs s1, int memAttr) {
        String s2Bits = Stage2MemAttrDecoder.bits(memAttr);
        if ((memAttr & 0b1000) != 0) {
            return reserved(MemtypeRules.FWB_RESERVED, "with FWB, stage-2 MemAttr[3] is RES0 without FEAT_MTE_PERM, and "
                    + s2Bits + " sets it");
        }
        switch (memAttr) {
            case 0b000, 0b001, 0b010, 0b011 -> {
                DeviceType s2Device = DeviceType.ofDd(memAttr);
                if (s1.isDevice()) {
                    ArmMemAttrs r = ArmMemAttrs.device(DeviceType.stronger(s1.device(), s2Device));
                    return result(r, MemtypeRules.FWB_DEVICE, "FWB: stage 2 " + s2Bits + " is " + s2Device.label()
                            + " and stage 1 is " + s1.name() + ": the stronger Device type wins");
                }
                return result(ArmMemAttrs.device(s2Device), MemtypeRules.FWB_DEVICE, "FWB: stage 2 " + s2Bits + " is "
                        + s2Device.label() + ": Device whatever stage 1 (" + s1.name() + ") asks");
            }
            case 0b100 -> {
                return reserved(MemtypeRules.FWB_RESERVED, "with FWB, stage-2 MemAttr[2:0] = 0b100 is reserved");
            }
            case 0b101 -> {
                if (s1.isDevice()) {
                    return result(s1, MemtypeRules.FWB_NC, "FWB: stage 2 " + s2Bits + " is Normal NC, but stage 1 "
                            + s1.name() + " is Device and stays so");
                }
                return result(ArmMemAttrs.NORMAL_NC, MemtypeRules.FWB_NC, "FWB: stage 2 " + s2Bits
                        + " makes stage 1 (" + s1.name() + ") Normal NC in both levels");
            }
            case 0b110 -> {
                if (s1.isDevice()) {
                    return result(ArmMemAttrs.NORMAL_WB_RAWA, MemtypeRules.FWB_FORCE_WB, "FWB: stage 2 " + s2Bits
                            + " forces write-back: stage 1 " + s1.name() + " becomes Normal WB RAWA");
                }
                ArmMemAttrs r = tag(ArmMemAttrs.normal(forceWb(s1.inner()), forceWb(s1.outer())), s1);
                return result(r, MemtypeRules.FWB_FORCE_WB, "FWB: stage 2 " + s2Bits + " forces write-back in both levels, "
                        + "stage-1 hints kept where stage 1 (" + s1.name() + ") was cacheable, RAWA where it was NC: "
                        + r.describe() + "; no cache maintenance needed");
            }
            default -> {
                return result(s1, MemtypeRules.FWB_S1, "FWB: stage 2 " + s2Bits + " uses the stage-1 attributes: "
                        + s1.describe());
            }
        }
    }

    /** S2CombineS1AttrHints for one level. */
    private static NormalLevel combineLevel(NormalLevel s1, NormalLevel s2) {
        Cacheability attrs = Cacheability.leastCacheable(s1.attrs(), s2.attrs());
        if (attrs == Cacheability.NC) {
            return NormalLevel.NC;
        }
        return new NormalLevel(attrs, s1.readAllocate(), s1.writeAllocate(), s1.transient_());
    }

    /** The force-write-back branch of AArch64.S2ApplyFWBMemAttrs for one level of a Normal stage 1. */
    private static NormalLevel forceWb(NormalLevel s1) {
        if (s1.attrs() == Cacheability.NC) {
            return NormalLevel.WB_RAWA;
        }
        return new NormalLevel(Cacheability.WB, s1.readAllocate(), s1.writeAllocate(), s1.transient_());
    }

    /** S2MemTagType: stage 1's tag survives only on Normal WB RAWA non-transient in both levels. */
    private static ArmMemAttrs tag(ArmMemAttrs combined, ArmMemAttrs s1) {
        boolean keep = s1.tagged() && combined.inner().equals(NormalLevel.WB_RAWA)
                && combined.outer().equals(NormalLevel.WB_RAWA);
        return keep ? new ArmMemAttrs(null, combined.inner(), combined.outer(), true, false) : combined;
    }

    private static boolean lessCacheable(ArmMemAttrs r, ArmMemAttrs s2) {
        return r.inner().attrs().ordinal() < s2.inner().attrs().ordinal()
                || r.outer().attrs().ordinal() < s2.outer().attrs().ordinal();
    }

    private static Combined result(ArmMemAttrs r, Rule rule, String reason) {
        return new Combined(r.mairHex(), r.name(), r.memClass(), rule, reason);
    }

    private static Combined reserved(Rule rule, String reason) {
        return new Combined("RESERVED", "Reserved", MemClass.RESERVED, rule, reason);
    }
}
