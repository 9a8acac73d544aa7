#!/usr/bin/env bash
# One thread's time per session query of a served model (a rank model, say), without HTTP:
# the path the server takes for /api/recommendations (k = 20) over 500 sessions of 5 random
# products, as serve-wrk.sh's rank row sends them; a warm-up and three rounds of 4 s.
#
#   bench/rank-query.sh MODEL_FILE
#   bench/rank-query.sh /tmp/aisle-bench-serve/rank.model     # the model serve-wrk.sh trained
#
# Builds cli/target/aisle.jar first when missing. Prints the load average with the figures: the
# machine is shared, so say how busy it was.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?usage: bench/rank-query.sh MODEL_FILE}"
jar="$root/cli/target/aisle.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl cli -am package)
fi
echo "== load average at the start: $(cat /proc/loadavg)"
java --add-modules jdk.incubator.vector ${AISLE_JAVA_OPTS:--Xmx4g} -cp "$jar" \
  "$root/bench/RankQueryBench.java" "$model" 2>&1 | grep -v "^WARNING: Using incubator"
echo "== load average at the end: $(cat /proc/loadavg)"
