#!/usr/bin/env bash
# The ranker's tree evaluation on one thread: FlatTrees (Java) against XGBoost's in-place
# prediction, on a booster of the bench shop's rank model's shape (bench/RankTreesBench.java).
#
#   bench/rank-trees.sh                      # 226 trees, 160 candidates a query
#   TREES=400 ROWS=100 bench/rank-trees.sh
#
# Builds cli/target/aisle.jar first when missing. Prints the load average with the figures: the
# machine is shared, so say how busy it was.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/aisle.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl cli -am package)
fi
classes="$(mktemp -d -t aisle-rank-trees.XXXXXX)"
trap 'rm -rf "$classes"' EXIT
javac -nowarn -cp "$jar" -d "$classes" "$root/bench/RankTreesBench.java"
echo "== load average at the start: $(cat /proc/loadavg)"
java -Dtrees="${TREES:-226}" -Drows="${ROWS:-160}" -cp "$jar:$classes" \
  dev.aisle.rank.RankTreesBench 2>&1 | grep -v "^WARNING: Using incubator"
echo "== load average at the end: $(cat /proc/loadavg)"
