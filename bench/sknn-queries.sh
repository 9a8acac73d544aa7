#!/usr/bin/env bash
# Single-thread cost of session kNN's own queries, and whether two builds answer alike:
# bench/SknnQueries.java runs topRelated(product, 21) for 20,000 random products and
# topNext(session, 21) for 20,000 sessions of 5 random products, ROUNDS times, with each jar in
# turn (alternated ALTERNATIONS times, so that a machine others load weighs on both alike), then
# compares every answer (products and float bits) of the first jar with each other's.
#   bench/sknn-queries.sh MODEL IDS JAR...       e.g. a jar of main and one of a branch
#   MODEL  an sknn model file (e.g. /tmp/aisle-bench-1000000/sknn.model from bench/serve-1m.sh)
#   IDS    product ids, one a line (e.g. the same folder's ids.txt)
#   ROUNDS (default 4), ALTERNATIONS (default 2), HEAP (default -Xmx6g), OUT (default /tmp/sknn-queries)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 3 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
model="$1" ids="$2"
shift 2
out="${OUT:-/tmp/sknn-queries}"
mkdir -p "$out"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for round in $(seq "${ALTERNATIONS:-2}"); do
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    echo "== jar $i ($jar), alternation $round; load $(cut -d' ' -f1-3 /proc/loadavg)"
    java ${HEAP:--Xmx6g} -cp "$jar" "$root/bench/SknnQueries.java" "$model" "$ids" \
      "$out/answers-$i.txt" "${ROUNDS:-4}" 2>&1 | grep -v "^WARNING"
  done
done
for i in $(seq 2 $#); do
  if cmp -s "$out/answers-1.txt" "$out/answers-$i.txt"; then
    echo "jar $i answers exactly as jar 1 (every product and score bit)"
  else
    echo "jar $i answers differently from jar 1: diff $out/answers-1.txt $out/answers-$i.txt"
  fi
done
