#!/usr/bin/env bash
# Measures rank (HR@20 / MRR@20) on splits of the TRAINING data only, with several seeds, so that
# a change to rank's features or options is judged against the run-to-run spread and never on a
# test file:
#   Y  yoochoose-100k train_tr, its own last day held out (6,485 predictions)
#   R  retailrocket-week without its test day (the last 24 hours), the day before it held out
#   D  diginetica-sample, the last 14 days held out (148 predictions: a sanity check only)
# Prints one row per split and seed, then each split's mean and spread (max - min), and the load.
#
# Usage: bench/rank-dev-splits.sh [-p rank.NAME=VALUE ...]
#   SEEDS="1 2"      seeds (default "1 2")
#   SPLITS="Y R"     splits (default "Y R D")
#   DATA=DIR         the shared sample data (default ../shared/data beside the checkout)
#   OUT=DIR          where runs are kept (default a new temporary directory)
# Example:
#   SEEDS="1 2 3" SPLITS=R bench/rank-dev-splits.sh -p rank.folds=3 -p rank.validation-fraction=0.5
#
# One evaluation at a time, each with `nice`; on the 2-core machine a yoochoose run takes
# 1-3 CPU minutes (most of it XGBoost), a retailrocket run under one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
data="${DATA:-$root/../shared/data}"
out="${OUT:-$(mktemp -d -t aisle-rank-dev.XXXXXX)}"
mkdir -p "$out"
seeds=(${SEEDS:-1 2})
splits=(${SPLITS:-Y R D})

# retailrocket-week without the sessions that start in its last 24 hours (its test day)
rr="$data/retailrocket-week/retailrocket-week.tsv"
if [[ " ${splits[*]} " == *" R "* ]]; then
  awk -F'\t' 'NR == FNR { if (FNR > 1) { if ($1 > last) last = $1
                            if (!($5 in first) || $1 < first[$5]) first[$5] = $1 }; next }
              FNR == 1 || first[$5] < last - 86400' "$rr" "$rr" > "$out/retailrocket-dev.tsv"
fi

printf '| split | seed | HR@20 | MRR@20 | train s | load (1 min) |\n| --- | --- | --- | --- | --- | --- |\n'
for split in "${splits[@]}"; do
  case "$split" in
    Y) args=(--format session-rec --min-product-count 1
         --corpus "$data/yoochoose-100k/yoochoose-clicks-100k_train_tr.txt" --split last-days=1) ;;
    R) args=(--format tsv --session-col SessionId --product-col ItemId --time-col Time
         --time-format epoch-s --event-col Type --corpus "$out/retailrocket-dev.tsv"
         --split last-days=1) ;;
    D) args=(--format diginetica --corpus "$data/diginetica-sample/sample_train-item-views.csv"
         --split last-days=14) ;;
    *) echo "rank-dev-splits: unknown split '$split' (Y, R or D)" >&2; exit 2 ;;
  esac
  for seed in "${seeds[@]}"; do
    run="$out/$split-$seed"
    nice "$root/aisle" evaluate "${args[@]}" --algorithms rank --k 20 --seed "$seed" \
      --json "$run.json" "$@" > "$run.out" 2> "$run.err" \
      || { echo "rank-dev-splits: $split seed $seed failed, see $run.err" >&2; exit 1; }
    awk -v s="$split" -v seed="$seed" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      '$1 == "rank" { printf "| %s | %s | %s | %s | %s | %s |\n", s, seed, $2, $3, $7, load }' \
      "$run.out" | tee -a "$out/rows.md"
  done
done
echo
awk -F'|' '{ s = $2; gsub(/ /, "", s); hr = $4 + 0; mrr = $5 + 0; n[s]++; shr[s] += hr; smrr[s] += mrr
             if (n[s] == 1 || mrr < lo[s]) lo[s] = mrr; if (n[s] == 1 || mrr > hi[s]) hi[s] = mrr }
     END { for (s in n) printf "%s: mean HR@20 %.4f, MRR@20 %.4f (spread %.4f) over %d seeds\n",
             s, shr[s] / n[s], smrr[s] / n[s], hi[s] - lo[s], n[s] }' "$out/rows.md"
echo "runs kept in $out"
