package org.stage2scope.engine.memtype;

import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Host;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

/**
 * AMD SVM with nested paging, modelled: there is no IPAT bit; the NPT entry's type (KVM uses host
 * PAT entry 0, WB, for RAM; MMIO is UC through the host MTRRs) combines with the guest PAT type.
 * The exact cells of AMD APM Table 15-19 are not in our reference, so the SDM's PAT x MTRR table
 * stands in: host WB is neutral (the guest type wins, UC- as UC), host UC gives UC except guest WC.
 */
public final class AmdNptCombiner implements MemtypeCombiner {

    @Override
    public Combined combine(Stage1Attr stage1, Stage2Entry s2, Host host) {
        return combine(X86Types.pat(stage1), s2.type());
    }

    public Combined combine(X86MemType pat, String nptTypeId) {
        X86MemType npt = X86Types.stage2Type(nptTypeId);
        if (npt == null) {
            return X86Types.reserved(MemtypeRules.NPT_MODELLED, "\"" + nptTypeId
                    + "\" is not a host memory type for an NPT entry; expected UC, WC, WT, WP or WB");
        }
        X86MemType r = PatMtrrTable.effective(npt, pat);
        String why = "modelled (AMD APM Table 15-19 cells not in the reference): host type " + npt.id()
                + " combined with guest PAT " + pat.id() + " gives " + r.id();
        if (npt == X86MemType.WB) {
            why += "; host WB is neutral, so KVM cannot force write-back on AMD";
        }
        return X86Types.result(r, MemtypeRules.NPT_MODELLED, why);
    }
}
