#!/usr/bin/env bash
# The Spark job on bench/serve-1m.sh's generated shop (1M products, about 100M events) in
# local[2], against the embedded 'aisle ingest' + 'aisle train' steps that script measured: wall
# seconds, CPU seconds and peak RSS of each Spark run (GNU time), then how close the Spark cooc
# model is to the embedded one (bench/CoocOverlap.java: the share of each product's top 20
# indicators that both models hold).
#
#   bench/serve-1m.sh                     # first: generates the shop and trains the embedded models
#   bench/spark-1m.sh                     # cooc on Spark
#   ITEM2VEC=1 bench/spark-1m.sh          # and item2vec, one epoch (-p epochs=1)
#
# Variables: BENCH_DIR (serve-1m.sh's folder, read only: default /tmp/aisle-bench-1000000),
# SPARK_DIR (where the Spark models, logs and Spark's spill files go: default
# /tmp/aisle-spark-1m), SPARK_JAVA_OPTS (the driver JVM: default -Xmx12g; in local mode the
# driver is the executor), PAUSE_WHILE=FILE (the Spark JVM is stopped with SIGSTOP while FILE
# exists, e.g. while another benchmark needs the cores, and continued when it is gone; the paused
# seconds are reported and taken out of the wall time). Options are serve-1m.sh's ingest step's
# (--min-product-count 1). Needs about 14 GB of memory for the Spark JVM (the 12 GB heap and
# Spark's off-heap buffers) and more than 12 GB of disk for the spill: see the README (Past one
# box) for the run on the 24 GB machine, where the kernel's OOM killer ended it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="${BENCH_DIR:-/tmp/aisle-bench-1000000}"
work="${SPARK_DIR:-/tmp/aisle-spark-1m}"
java_opts="${SPARK_JAVA_OPTS:--Xmx12g}"
log="$bench/shop/events.csv"
[ -f "$log" ] || { echo "no $log: run bench/serve-1m.sh first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
mkdir -p "$work/spill"
"$root/aisle" --version >/dev/null            # builds aisle.jar if needed
"$root/aisle" spark --version >/dev/null      # builds the Spark job if needed

rows="$work/steps.tsv"
: > "$rows"
# spark NAME ARGS...: one 'aisle spark' run under GNU time, paused while PAUSE_WHILE exists
spark() {
  local name=$1
  shift
  echo "== spark-$name: aisle spark $* (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  local start paused=0
  start=$(date +%s.%N)
  AISLE_JAVA_OPTS="$java_opts -Dspark.local.dir=$work/spill" /usr/bin/time -v \
    -o "$work/time-$name.txt" "$root/aisle" spark --master 'local[2]' --min-product-count 1 \
    --input "$log" "$@" > "$work/log-$name.txt" 2>&1 &
  local timer=$!
  while kill -0 "$timer" 2>/dev/null; do
    if [ -n "${PAUSE_WHILE:-}" ] && [ -e "$PAUSE_WHILE" ]; then
      local jvm t0
      jvm=$(pgrep -P "$timer" || true)
      t0=$(date +%s.%N)
      [ -n "$jvm" ] && kill -STOP "$jvm"
      echo "   paused ($PAUSE_WHILE exists)" >&2
      while [ -e "$PAUSE_WHILE" ]; do sleep 5; done
      [ -n "$jvm" ] && kill -CONT "$jvm"
      paused=$(echo "$paused + $(date +%s.%N) - $t0" | bc)
      echo "   continued" >&2
    fi
    sleep 2
  done
  local status=ok
  if ! wait "$timer"; then
    tail -5 "$work/log-$name.txt" >&2
    status="FAILED: $(grep -m1 -E 'terminated by signal|non-zero status' \
      "$work/time-$name.txt" || true)"
    if grep -q 'terminated by signal 9' "$work/time-$name.txt"; then
      status="$status (most likely the kernel's OOM killer: see dmesg)"
    fi
  fi
  local wall rss cpu
  wall=$(echo "$(date +%s.%N) - $start - $paused" | bc)
  rss=$(awk -F: '/Maximum resident set size/ {print $2 / 1048576}' "$work/time-$name.txt")
  cpu=$(awk -F: '/User time|System time/ {t += $2} END {print t}' "$work/time-$name.txt")
  printf 'spark-%s\t%.1f\t%.2f\t%.1f\t%.0f\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" "$paused" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$status" >> "$rows"
  [ "$status" = ok ]
}

cooc=ok
spark cooc --algorithm cooc --out "$work/cooc.model" || cooc=failed
if [ -n "${ITEM2VEC:-}" ]; then
  spark item2vec-1-epoch --algorithm item2vec -p epochs=1 --out "$work/i2v-1.model" || true
fi

echo
printf '%-24s %9s %9s %9s %9s  %-16s %s\n' step 'wall s' 'RSS GB' 'CPU s' 'paused s' \
  'load after' status
awk -F'\t' '{printf "%-24s %9s %9s %9s %9s  %-16s %s\n", $1, $2, $3, $4, $5, $6, $7}' "$rows"
if [ -f "$bench/steps.tsv" ]; then
  echo "embedded (bench/serve-1m.sh, $bench/steps.tsv):"
  awk -F'\t' '$1 ~ /^(ingest|train-cooc|train-item2vec)$/ {
    printf "%-24s %9s %9s %9s\n", $1, $2, $3, $4}' "$bench/steps.tsv"
fi
grep -E "sessions of|skipped|trained" "$work/log-cooc.txt" | sed 's/^/  /' || true
if [ "$cooc" = ok ] && [ -f "$bench/cooc.model" ]; then
  echo "Spark cooc against the embedded cooc ($bench/cooc.model):"
  java -Xmx6g -cp "$root/cli/target/aisle.jar" "$root/bench/CoocOverlap.java" "$bench/cooc.model" \
    "$work/cooc.model" 20 | sed 's/^/  /'
fi
