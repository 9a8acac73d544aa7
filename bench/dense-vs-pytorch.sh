#!/usr/bin/env bash
# Dense training throughput: Aisle's `dense` (the talk's network: one-hot -> Dense(2N, relu) ->
# Dense(N, softmax), RMSprop) against the same network in PyTorch on CPU (Debian's python3-torch),
# with the same samples, N, batch size, epochs and threads. Samples/s = epochs x samples per
# epoch / training seconds (reading, sampling and building the model are not timed on either side).
#
#   bench/dense-vs-pytorch.sh                                # yoochoose-100k train_tr, all products
#   BENCH_PRODUCTS=300 BENCH_EPOCHS=1 bench/dense-vs-pytorch.sh   # a quick check that it runs
#
# Environment: BENCH_PRODUCTS (N, the most browsed products; 0 = all, default), BENCH_EPOCHS (3),
# BENCH_BATCH (2000), BENCH_THREADS (2), BENCH_ONE_HOT=1 to add PyTorch multiplying real one-hot
# rows (the talk's Keras code did) next to its row gather, BENCH_DIR (/tmp/aisle-bench-dense).
#
# Both sides compute the same gradients. Aisle adds up the samples of a batch that share an input
# product before its matrix multiplies (the same mathematics, fewer rows); PyTorch multiplies one
# row per sample, as Keras does.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-dense}"
data="$root/../shared/data/yoochoose-100k"
products="${BENCH_PRODUCTS:-0}"
epochs="${BENCH_EPOCHS:-3}"
batch="${BENCH_BATCH:-2000}"
threads="${BENCH_THREADS:-2}"
mkdir -p "$work"
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs: apt-get install python3-torch" >&2; exit 1; }
"$root/aisle" --version >/dev/null
aisle() { java --add-modules jdk.incubator.vector ${AISLE_JAVA_OPTS:--Xmx4g} -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

aisle ingest --format session-rec --min-product-count 1 --min-session-length 1 \
  --out "$work/tr.corpus" "$data/yoochoose-clicks-100k_train_tr.txt" >/dev/null
aisle export --corpus "$work/tr.corpus" --format sentences --out "$work/tr.txt" >/dev/null

train=$(aisle train --corpus "$work/tr.corpus" --algorithm dense --threads "$threads" \
  -p max-products="$products" -p epochs="$epochs" -p batch-size="$batch" --out "$work/dense.model")
aisle_s=$(echo "$train" | sed -n 's/^trained .* in \([0-9.]*\) s$/\1/p')
n=$(echo "$train" | sed -n 's/^network: \([0-9,]*\) products.*/\1/p' | tr -d ,)
samples=$(echo "$train" | sed -n 's/^\([0-9,]*\) samples per epoch$/\1/p' | tr -d ,)

read -r torch_samples torch_s torch_rate < <(/usr/bin/python3 "$root/bench/pytorch_dense.py" \
  "$work/tr.txt" "$n" "$epochs" "$batch" "$threads")
if [ "$torch_samples" != "$samples" ]; then
  echo "sample counts differ: aisle $samples, pytorch $torch_samples" >&2
  exit 1
fi
onehot=""
if [ "${BENCH_ONE_HOT:-0}" = 1 ]; then
  onehot=$(/usr/bin/python3 "$root/bench/pytorch_dense.py" "$work/tr.txt" "$n" "$epochs" "$batch" \
    "$threads" --one-hot)
fi

rate() { /usr/bin/python3 -c "print(f'{$epochs * $samples / $1:.1f}')"; }
aisle_rate=$(rate "$aisle_s")
printf '%-22s %7s %9s %7s %6s %9s %11s %9s\n' tool N samples epochs batch seconds samples/s vs_torch
printf '%-22s %7s %9s %7s %6s %9s %11s %9s\n' aisle "$n" "$samples" "$epochs" "$batch" "$aisle_s" \
  "$aisle_rate" "$(/usr/bin/python3 -c "print(f'{$aisle_rate / $torch_rate:.2f}x')")"
printf '%-22s %7s %9s %7s %6s %9s %11s %9s\n' "pytorch (row gather)" "$n" "$samples" "$epochs" \
  "$batch" "$torch_s" "$torch_rate" "1.00x"
if [ -n "$onehot" ]; then
  read -r _ s r <<<"$onehot"
  printf '%-22s %7s %9s %7s %6s %9s %11s %9s\n' "pytorch (one-hot)" "$n" "$samples" "$epochs" \
    "$batch" "$s" "$r" "$(/usr/bin/python3 -c "print(f'{$r / $torch_rate:.2f}x')")"
fi
echo "($threads threads; PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'); yoochoose-100k train_tr)"
