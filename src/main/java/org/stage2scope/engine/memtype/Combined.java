package org.stage2scope.engine.memtype;

import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;

/**
 * One stage-1 x stage-2 combination.
 *
 * @param result arm64 the resulting MAIR byte "0xff" or "RESERVED"; x86 the type "WB", "UC" ...
 * @param name   readable ("Normal-WB", "Normal iNC oWB", "Device-nGnRE", "WC")
 * @param reason one line citing the architectural rule that decided
 */
public record Combined(String result, String name, MemClass memClass, Rule rule, String reason) {}
