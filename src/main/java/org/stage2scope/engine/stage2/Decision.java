package org.stage2scope.engine.stage2;

import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Entry;

/**
 * The end of one simulated stage-2 fault.
 *
 * @param entry     the entry installed; null unless MAPPED
 * @param blockSize the block the entry maps (PAGE_SIZE for failures)
 * @param reason    one line: the steps that decided, naming kernel functions
 */
record Decision(AccessOutcome outcome, Stage2Entry entry, long blockSize, Rule rule, String reason) {}
