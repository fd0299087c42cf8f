package org.stage2scope.engine.memtype;

import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

/**
 * Intel VMX with EPT: the EPT leaf's memory type (bits 5:3) alone when its IPAT bit (6) is set,
 * else the SDM's PAT x MTRR table with the EPT type in the MTRR's place. Guest MTRRs play no part
 * (KVM stopped emulating them for EPT in 6.11).
 */
public final class IntelEptCombiner implements MemtypeCombiner {

    @Override
    public Combined combine(Stage1Attr stage1, Stage2Entry s2, Host host) {
        if (s2.ipat() == null) {
            throw new IllegalArgumentException("an EPT entry needs its IPAT bit");
        }
        return combine(X86Types.pat(stage1), s2.type(), s2.ipat());
    }

    public Combined combine(X86MemType pat, String eptTypeId, boolean ipat) {
        X86MemType ept = X86Types.stage2Type(eptTypeId);
        if (ept == null) {
            return X86Types.reserved(MemtypeRules.EPT_RESERVED, "EPT memory type \"" + eptTypeId
                    + "\" does not exist (encodings 2, 3 and 7 are reserved: an EPT misconfiguration exit)");
        }
        if (ipat) {
            return X86Types.result(ept, MemtypeRules.EPT_IPAT, "EPT type " + ept.id()
                    + " with IPAT = 1: the guest's PAT type " + pat.id() + " is ignored");
        }
        X86MemType r = PatMtrrTable.effective(ept, pat);
        String why = "EPT type " + ept.id() + " with IPAT = 0 combines with guest PAT " + pat.id()
                + " as PAT with MTRR: " + r.id();
        if (ept == X86MemType.WB) {
            why += " (EPT WB is neutral: the guest's choice wins" + (pat == X86MemType.UC_MINUS ? ", UC- as UC)" : ")");
        }
        return X86Types.result(r, MemtypeRules.EPT_PAT, why);
    }
}
