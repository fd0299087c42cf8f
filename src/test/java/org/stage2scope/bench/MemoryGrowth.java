package org.stage2scope.bench;

import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Scenarios;
import org.stage2scope.model.Scenario;

/**
 * Rough retained heap of one Evaluation at 1k/8k/32k slots: used heap after a full GC with the
 * evaluation held, minus used heap with only the scenario held. Not JMH: one number per size.
 */
public final class MemoryGrowth {
    private MemoryGrowth() {}

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static void main(String[] args) {
        for (int n : new int[] {1024, 8192, 32767}) {
            Scenario s = Scenarios.stress(n);
            Evaluator.evaluate(s); // warm up
            long before = used();
            Evaluation e = Evaluator.evaluate(s);
            long after = used();
            System.out.printf("slots=%d runs=%d effective=%d findings=%d retained=%.1f MiB (%.0f B/slot)%n", n, e.stage2().size(),
                    e.effective().size(), e.findings().size(), (after - before) / 1048576.0, (after - before) / (double) n);
            if (e.stage2().isEmpty()) {
                throw new AssertionError();
            }
        }
    }
}
