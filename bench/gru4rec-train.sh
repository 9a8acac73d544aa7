#!/usr/bin/env bash
# GRU4Rec training throughput with and without the Vector API: `aisle train --algorithm gru4rec`
# on yoochoose-100k train_tr (or BENCH_CORPUS), once with `--add-modules jdk.incubator.vector` (SIMD matrix
# multiplies and kernels, as the launcher runs it) and once without (the same code in plain
# loops). Events/s = epochs x training events per epoch (events minus sessions: every event but a
# session's last is an input) / training seconds (reading the corpus is not timed).
#
#   bench/gru4rec-train.sh
#   BENCH_EPOCHS=1 BENCH_PARAMS="layers=32 n-sample=256" bench/gru4rec-train.sh   # a quick check
#   BENCH_CORPUS=/tmp/aisle-bench-tune/shop-20000-40000.corpus BENCH_EPOCHS=1 BENCH_THREADS=2 \
#     bench/gru4rec-train.sh      # tune-generated.sh's 19,792-product shop
#
# Environment: BENCH_EPOCHS (3), BENCH_THREADS (1), BENCH_PARAMS (more -p settings, space
# separated, default none: the defaults' 100 units and 2,048 negatives), BENCH_CORPUS (a corpus
# from `aisle ingest` to train on instead), BENCH_DIR (/tmp/aisle-bench-gru4rec).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-gru4rec}"
data="$root/../shared/data/yoochoose-100k"
epochs="${BENCH_EPOCHS:-3}"
threads="${BENCH_THREADS:-1}"
mkdir -p "$work"
"$root/aisle" --version >/dev/null
run() { java "$@" ${AISLE_JAVA_OPTS:--Xmx4g} -jar "$root/cli/target/aisle.jar" "${args[@]}" \
  2> >(grep -v "incubator modules" >&2); }

corpus="${BENCH_CORPUS:-$work/tr.corpus}"
if [ -z "${BENCH_CORPUS:-}" ]; then
  args=(ingest --format session-rec --min-product-count 1 --min-session-length 2
    --out "$corpus" "$data/yoochoose-clicks-100k_train_tr.txt")
  run --add-modules jdk.incubator.vector >/dev/null
fi
read -r events sessions < <(args=(stats "$corpus" --json); run \
  | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["events"], d["sessions"])')
params=(-p epochs="$epochs")
for p in ${BENCH_PARAMS:-}; do params+=(-p "$p"); done
args=(train --corpus "$corpus" --algorithm gru4rec --threads "$threads" --seed 1
  "${params[@]}" --out "$work/gru4rec.model")
seconds_of() { sed -n 's/^trained .* in \([0-9.]*\) s$/\1/p'; }
simd=$(run --add-modules jdk.incubator.vector | seconds_of)
plain=$(run | seconds_of)
rate() { /usr/bin/python3 -c "print(f'{$epochs * ($events - $sessions) / $1:,.0f}')"; }
printf '%-12s %8s %7s %8s %9s %10s\n' kernels events epochs threads seconds events/s
printf '%-12s %8s %7s %8s %9s %10s\n' "vector API" "$events" "$epochs" "$threads" "$simd" "$(rate "$simd")"
printf '%-12s %8s %7s %8s %9s %10s\n' "plain loops" "$events" "$epochs" "$threads" "$plain" "$(rate "$plain")"
echo "speed-up $(/usr/bin/python3 -c "print(f'{$plain / $simd:.2f}x')"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
