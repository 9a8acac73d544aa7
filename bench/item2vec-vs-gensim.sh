#!/usr/bin/env bash
# item2vec training throughput and quality: Aisle's trainer against gensim's Word2Vec (sg=1) and
# fastText's skipgram without subwords, all fed the same sessions as sentences of product ids,
# with dim 64, window 5, negative 5, epochs 5, sample 1e-3, alpha 0.025, 2 threads.
#
#   bench/item2vec-vs-gensim.sh     # needs Debian's python3-gensim and fasttext
#
# Throughput = epochs x events / training seconds (products per second). Aisle's and gensim's
# seconds are training only; fastText's is the whole command (it has no other timer), so its
# figure is a lower bound. HR@20 / MRR@20 are Aisle's evaluate on the yoochoose-100k validation
# pair (train_tr -> train_valid), each vector set queried the same way. A second corpus, a
# generated shop of ~1M events, measures throughput at a more realistic size.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-item2vec}"
data="$root/../shared/data/yoochoose-100k"
threads=2
mkdir -p "$work"
/usr/bin/python3 -c 'import gensim' || { echo "needs: apt-get install python3-gensim" >&2; exit 1; }
command -v fasttext >/dev/null || { echo "needs: apt-get install fasttext" >&2; exit 1; }
"$root/aisle" --version >/dev/null
aisle() { java --add-modules jdk.incubator.vector -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

aisle ingest --format session-rec --min-product-count 1 --min-session-length 1 \
  --out "$work/tr.corpus" "$data/yoochoose-clicks-100k_train_tr.txt" >/dev/null
aisle ingest --format session-rec --min-product-count 1 --min-session-length 1 \
  --out "$work/va.corpus" "$data/yoochoose-clicks-100k_train_valid.txt" >/dev/null
if [ ! -f "$work/shop.corpus" ]; then
  aisle generate --products 20000 --customers 40000 --days 30 --seed 1 --out "$work/shop" >/dev/null
  aisle ingest --out "$work/shop.corpus" "$work/shop/events.csv" >/dev/null
fi

run() { # corpus label -> prints "label tool seconds"; leaves vectors in $work/<label>-<tool>.vec
  local corpus=$1 label=$2
  aisle export --corpus "$corpus" --format sentences --out "$work/$label.txt" >/dev/null
  local s
  s=$(aisle train --corpus "$corpus" --algorithm item2vec --threads $threads --seed 1 \
      -p dim=64 -p window=5 -p negative=5 -p epochs=5 -p sample=0.001 --out "$work/$label.model" \
      | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
  aisle export --model "$work/$label.model" --out "$work/$label-aisle.vec" >/dev/null
  echo "$label aisle $s"
  s=$(/usr/bin/python3 "$root/bench/gensim_item2vec.py" "$work/$label.txt" "$work/$label-gensim.vec" $threads)
  echo "$label gensim $s"
  local t0 t1
  t0=$(date +%s.%N)
  fasttext skipgram -input "$work/$label.txt" -output "$work/$label-fasttext" -dim 64 -ws 5 \
    -neg 5 -epoch 5 -thread $threads -minn 0 -maxn 0 -minCount 1 -t 0.001 -lr 0.025 \
    -verbose 0 >/dev/null
  t1=$(date +%s.%N)
  mv "$work/$label-fasttext.vec" "$work/$label-fasttext.vec.tmp" && mv "$work/$label-fasttext.vec.tmp" "$work/$label-fasttext.vec"
  echo "$label fasttext $(/usr/bin/python3 -c "print(f'{$t1 - $t0:.3f}')")"
}

events_of() { aisle stats "$1" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])'; }

results=$( { run "$work/tr.corpus" yoochoose; run "$work/shop.corpus" shop; } )
quality=$(aisle evaluate --train "$work/tr.corpus" --test "$work/va.corpus" --algorithms pop --k 20 \
  --vectors aisle="$work/yoochoose-aisle.vec" --vectors gensim="$work/yoochoose-gensim.vec" \
  --vectors fasttext="$work/yoochoose-fasttext.vec" 2>/dev/null)

yc_events=$(events_of "$work/tr.corpus")
shop_events=$(events_of "$work/shop.corpus")
printf '%-10s %-9s %9s %14s %11s %8s %8s\n' corpus tool seconds products/s vs_gensim HR@20 MRR@20
for label in yoochoose shop; do
  events=$yc_events; [ $label = shop ] && events=$shop_events
  gensim_s=$(echo "$results" | awk -v l=$label '$1==l && $2=="gensim" {print $3}')
  for tool in aisle gensim fasttext; do
    s=$(echo "$results" | awk -v l=$label -v t=$tool '$1==l && $2==t {print $3}')
    hr="-"; mrr="-"
    if [ $label = yoochoose ]; then
      read -r hr mrr < <(echo "$quality" | awk -v t=$tool '$1==t {print $2, $3}')
    fi
    printf '%-10s %-9s %9s %14s %11s %8s %8s\n' $label $tool "$s" \
      "$(/usr/bin/python3 -c "print(round(5 * $events / $s))")" \
      "$(/usr/bin/python3 -c "print(f'{$gensim_s / $s:.2f}x')")" "$hr" "$mrr"
  done
done
echo "(events: yoochoose train_tr $yc_events, shop $shop_events; epochs 5; $threads threads)"
