package org.stage2scope.bench;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Scenarios;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Scenario;

/** Evaluator.evaluate on a representative scenario and on n memslots over n VMAs (32767 is arm64's limit). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EvaluatorBench {
    @Param({"32767"})
    public int slots;

    private Scenario sample;
    private Scenario stress;

    @Setup
    public void setup() {
        sample = Scenarios.graceHopper(Set.of(CpuFeature.FWB, CpuFeature.DIC));
        stress = Scenarios.stress(slots);
    }

    @Benchmark
    public Evaluation sample() {
        return Evaluator.evaluate(sample);
    }

    @Benchmark
    public Evaluation stress() {
        return Evaluator.evaluate(stress);
    }
}
