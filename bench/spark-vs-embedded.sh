#!/usr/bin/env bash
# The same corpus through the Spark job (local[2]) and through the embedded pipeline (aisle ingest
# + aisle train): are the sessions identical, how close is HR@20 on the yoochoose validation file,
# and how long does each take.
#
#   bench/spark-vs-embedded.sh                       # yoochoose-100k train_tr, item2vec 50 epochs
#   LINES=3000 EPOCHS=2 bench/spark-vs-embedded.sh   # a quick end-to-end check on a tiny log
#
# Variables: DATA (default ../shared/data beside the checkout), LINES (use only the first N lines
# of the training log), EPOCHS (item2vec epochs, default 50 as the defaults), SPARKML_EPOCHS (Spark
# ML Word2Vec iterations, default EPOCHS), BENCH_DIR. Both pipelines use 2 cores (--threads 2,
# local[2]). Wall times include JVM start-up, and for Spark its start-up too. Run it on a quiet
# machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DATA:-$root/../shared/data}"
work="${BENCH_DIR:-/tmp/aisle-bench-spark}"
epochs="${EPOCHS:-50}"
sparkml_epochs="${SPARKML_EPOCHS:-$epochs}"
mkdir -p "$work"
rm -f "$work"/*.model "$work"/*.corpus

train_log="$data/yoochoose-100k/yoochoose-clicks-100k_train_tr.txt"
valid_log="$data/yoochoose-100k/yoochoose-clicks-100k_train_valid.txt"
if [ -n "${LINES:-}" ]; then
  head -n "$LINES" "$train_log" > "$work/train.txt"
  train_log="$work/train.txt"
fi
# session-rec's protocol, as the README's validation table: no product or length filter
opts=(--format session-rec --min-product-count 1 --min-session-length 1)

"$root/aisle" --version >/dev/null            # builds aisle.jar if needed
"$root/aisle" spark --version >/dev/null      # builds the Spark job if needed

now() { date +%s.%N; }
declare -A seconds
run() { # name, command...: runs it quietly, records its wall time
  local name=$1; shift
  local t0; t0=$(now)
  if ! "$@" > "$work/$name.out" 2> "$work/$name.err"; then
    echo "bench: $name failed:" >&2; cat "$work/$name.err" >&2; exit 1
  fi
  seconds[$name]=$(python3 -c "print(f'{$(now) - $t0:.2f}')")
}

run ingest "$root/aisle" ingest "${opts[@]}" --out "$work/embedded.corpus" "$train_log"
run embedded-cooc "$root/aisle" train --corpus "$work/embedded.corpus" --algorithm cooc \
  --threads 2 --out "$work/embedded-cooc.model"
run embedded-item2vec "$root/aisle" train --corpus "$work/embedded.corpus" \
  --algorithm item2vec -p epochs="$epochs" --threads 2 --out "$work/embedded-item2vec.model"
run spark-cooc "$root/aisle" spark --master 'local[2]' "${opts[@]}" --input "$train_log" \
  --algorithm cooc --out "$work/spark-cooc.model" --corpus-out "$work/spark.corpus"
run spark-item2vec-aisle "$root/aisle" spark --master 'local[2]' "${opts[@]}" \
  --input "$train_log" --algorithm item2vec -p epochs="$epochs" --item2vec-trainer aisle \
  --out "$work/spark-item2vec-aisle.model"
run spark-item2vec-mean "$root/aisle" spark --master 'local[2]' "${opts[@]}" \
  --input "$train_log" --algorithm item2vec -p epochs="$epochs" --item2vec-trainer aisle \
  --combine mean --out "$work/spark-item2vec-mean.model"
run spark-item2vec-sparkml "$root/aisle" spark --master 'local[2]' "${opts[@]}" \
  --input "$train_log" --algorithm item2vec -p epochs="$sparkml_epochs" \
  --item2vec-trainer spark-ml --out "$work/spark-item2vec-sparkml.model"

if cmp -s "$work/embedded.corpus" "$work/spark.corpus"; then
  same="yes (the corpus files are byte for byte the same)"
else
  same="NO: $work/embedded.corpus and $work/spark.corpus differ"
fi

models=()
for m in embedded-cooc spark-cooc embedded-item2vec spark-item2vec-aisle spark-item2vec-mean \
    spark-item2vec-sparkml; do
  models+=(--model "$m=$work/$m.model")
done
"$root/aisle" evaluate "${opts[@]}" --train "$work/embedded.corpus" --test "$valid_log" \
  --algorithms none "${models[@]}" --k 20 --json "$work/eval.json" > "$work/eval.out" \
  2> "$work/eval.err" || { cat "$work/eval.err" >&2; exit 1; }

python3 - "$work/eval.json" "${seconds[ingest]}" "${seconds[embedded-cooc]}" \
  "${seconds[embedded-item2vec]}" "${seconds[spark-cooc]}" "${seconds[spark-item2vec-aisle]}" \
  "${seconds[spark-item2vec-sparkml]}" "${seconds[spark-item2vec-mean]}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
ingest, e_cooc, e_i2v, s_cooc, s_aisle, s_ml, s_mean = map(float, sys.argv[2:9])
hr = {r["model"]: r for r in doc["results"]}
rows = [
    ("cooc", "embedded (ingest + train)", "embedded-cooc", ingest + e_cooc, ingest + e_cooc),
    ("cooc", "spark local[2]", "spark-cooc", s_cooc, ingest + e_cooc),
    ("item2vec", "embedded (ingest + train)", "embedded-item2vec", ingest + e_i2v, ingest + e_i2v),
    ("item2vec", "spark, aisle trainer, updates added", "spark-item2vec-aisle", s_aisle, ingest + e_i2v),
    ("item2vec", "spark, aisle trainer, averaged", "spark-item2vec-mean", s_mean, ingest + e_i2v),
    ("item2vec", "spark, Spark ML Word2Vec", "spark-item2vec-sparkml", s_ml, ingest + e_i2v),
]
print(f"{'algorithm':9} {'pipeline':36} {'seconds':>8} {'x embedded':>10} {'HR@20':>7} {'MRR@20':>7} {'HR@20 diff':>10}")
for algo, label, name, sec, base in rows:
    m = hr[name]
    ref = hr["embedded-" + algo]
    diff = 100 * (m["HR@20"] - ref["HR@20"])
    print(f"{algo:9} {label:36} {sec:8.2f} {sec / base:9.2f}x {m['HR@20']:7.4f} {m['MRR@20']:7.4f} {diff:+9.2f}pt")
PY
echo "sessions identical: $same"
echo "(seconds are wall time of whole commands; HR@20 diff in points against the embedded model;"
echo " test: $(basename "$valid_log"), $(python3 -c "import json;print(json.load(open('$work/eval.json'))['protocol']['predictions'])") predictions; files in $work)"
