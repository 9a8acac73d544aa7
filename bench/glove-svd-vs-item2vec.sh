#!/usr/bin/env bash
# Training time of GloVe and SVD against the item2vec trainer on the same corpora, each with its
# default options, as a table: the yoochoose-100k train_tr sessions and a generated shop.
#
#   bench/glove-svd-vs-item2vec.sh
#   BENCH_SHOP_PRODUCTS=300 BENCH_SHOP_CUSTOMERS=500 BENCH_SKIP_YOOCHOOSE=1 \
#     bench/glove-svd-vs-item2vec.sh                     # a quick check that it runs
#
# Environment: BENCH_SHOP_PRODUCTS (20000), BENCH_SHOP_CUSTOMERS (40000; about 1M events),
# BENCH_THREADS (2), BENCH_SKIP_YOOCHOOSE=1, BENCH_DIR (/tmp/aisle-bench-embeddings).
# Seconds are the trainer's own (`aisle train` times training only, not reading the corpus).
# item2vec's defaults run 50 epochs, GloVe's 3 over the non-zero co-occurrence counts; SVD has no
# epochs (two power iterations of a randomized SVD).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-embeddings}"
data="$root/../shared/data/yoochoose-100k"
threads="${BENCH_THREADS:-2}"
shop_products="${BENCH_SHOP_PRODUCTS:-20000}"
shop_customers="${BENCH_SHOP_CUSTOMERS:-40000}"
mkdir -p "$work"
"$root/aisle" --version >/dev/null
aisle() { java --add-modules jdk.incubator.vector ${AISLE_JAVA_OPTS:--Xmx4g} -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

corpora=()
if [ "${BENCH_SKIP_YOOCHOOSE:-0}" != 1 ]; then
  aisle ingest --format session-rec --min-product-count 1 --min-session-length 1 \
    --out "$work/yoochoose.corpus" "$data/yoochoose-clicks-100k_train_tr.txt" >/dev/null
  corpora+=(yoochoose)
fi
shop="shop-${shop_products}x${shop_customers}"
if [ ! -f "$work/$shop.corpus" ]; then
  aisle generate --products "$shop_products" --customers "$shop_customers" --days 30 --seed 1 \
    --out "$work/$shop" >/dev/null
  aisle ingest --out "$work/$shop.corpus" "$work/$shop/events.csv" >/dev/null
fi
corpora+=("$shop")

events_of() { aisle stats "$1" --json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["events"], d["products"])'; }
seconds_of() { sed -n 's/^trained .* in \([0-9.]*\) s$/\1/p'; }

printf '%-28s %9s %9s %-9s %9s %11s\n' corpus events products model seconds vs_item2vec
for c in "${corpora[@]}"; do
  read -r events products < <(events_of "$work/$c.corpus")
  declare -A secs=()
  for m in item2vec glove svd; do
    secs[$m]=$(aisle train --corpus "$work/$c.corpus" --algorithm "$m" --threads "$threads" \
      --out "$work/$c-$m.model" | seconds_of)
  done
  for m in item2vec glove svd; do
    printf '%-28s %9s %9s %-9s %9s %11s\n' "$c" "$events" "$products" "$m" "${secs[$m]}" \
      "$(/usr/bin/python3 -c "print(f'{${secs[$m]} / ${secs[item2vec]}:.2f}x')")"
  done
  unset secs
done
echo "($threads threads; default options of each algorithm; see 'aisle train --help')"
