package org.stage2scope.engine;

import org.stage2scope.model.Stage1Attr;

/**
 * What the guest actually gets on a mapped GPA interval: its stage-1 attribute combined with stage 2.
 *
 * @param stage1        the guest's attribute for the interval
 * @param stage1Assumed true when no stage-1 range covers it and the engine assumed the default
 *                      (arm64 0xff, x86 WB)
 * @param result        arm64 MAIR byte "0xff" or "RESERVED"; x86 type "WB", "UC" ...
 * @param name          readable result ("Normal-WB", "Device-nGnRE", "WC")
 * @param reason        one line citing the architectural rule
 */
public record EffectiveRun(long gpa, long size, Stage1Attr stage1, boolean stage1Assumed, String result, String name,
                           MemClass memClass, Rule rule, String reason) {

    public long end() {
        return gpa + size;
    }
}
