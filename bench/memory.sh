#!/bin/sh
# Peak memory of check and compare at the stress size and at the largest valid input (docs/performance.md,
# "The largest valid input"). Not a test: a harness whose table goes into the docs by hand.
#   bench/memory.sh [DIR] [HEAP]     defaults: /tmp/stage2scope-bench, 1g
# Builds the jar, writes stress-32767.json and largest.json with org.stage2scope.bench.LargestScenario
# (test scope), then runs each command on each file with java -XmxHEAP under GNU time: exit code, peak
# resident set (MiB) and wall time. Needs /usr/bin/time (Debian: apt-get install time).
set -e
cd "$(dirname "$0")/.."
DIR="${1:-/tmp/stage2scope-bench}"
HEAP="${2:-1g}"
mkdir -p "$DIR"
mvn -q -B package -DskipTests
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
if [ ! -f "$DIR/largest.json" ] || [ ! -f "$DIR/stress-32767.json" ]; then
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.stage2scope.bench.LargestScenario "$DIR"
fi
echo "jar from $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' plus uncommitted changes'), java -Xmx$HEAP"
echo "| command | input | format | exit | peak RSS | wall time |"
echo "|---|---|---|---|---|---|"
for cmd in check compare; do
  for f in stress-32767 largest; do
    for fmt in text json; do
      set +e
      /usr/bin/time -f "%x %M %e" -o "$DIR/time.txt" java -Xmx"$HEAP" -jar target/stage2scope.jar "$cmd" "$DIR/$f.json" \
          --format "$fmt" > "$DIR/$cmd-$f.$fmt" 2> "$DIR/$cmd-$f.$fmt.err"
      set -e
      # GNU time prints "Command exited with non-zero status N" before the format line on failure.
      tail -1 "$DIR/time.txt" | awk -v c="$cmd" -v f="$f.json" -v t="$fmt" \
          '{ printf "| `%s` | %s | %s | %s | %d MiB | %.1f s |\n", c, f, t, $1, $2 / 1024, $3 }'
    done
  done
done
