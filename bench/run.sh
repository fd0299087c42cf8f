#!/bin/sh
# Engine benchmark: JMH on Evaluator.evaluate (representative sample, 32767-slot stress), then the
# retained-heap harness. Usage: bench/run.sh [extra JMH args], e.g. bench/run.sh -p slots=1024,32767
set -e
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile
# The engine needs nothing beyond the JDK; JMH needs jmh-core, jopt-simple and commons-math3.
# maven-dependency-plugin is not in every offline cache, so fall back to the local repository.
if ! mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null 2>&1; then
  R="${M2_REPO:-$HOME/.m2/repository}"
  echo "$R/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$R/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$R/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar" > target/cp.txt
fi
CP="target/test-classes:target/classes:$(cat target/cp.txt)"
java -cp "$CP" org.openjdk.jmh.Main 'org.stage2scope.bench.EvaluatorBench' "$@"
java -Xmx2g -cp "$CP" org.stage2scope.bench.MemoryGrowth
