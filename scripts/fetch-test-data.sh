#!/usr/bin/env bash
# Downloads the real sample logs the tests read from their public origins and checks each file's
# sha256 (origins and sums as recorded in each dataset's SOURCE.md).
#
# Usage: scripts/fetch-test-data.sh [DIR]
#   DIR defaults to $AISLE_SHARED_DATA, else shared/data beside the checkout (../shared/data),
#   which is where the tests look. Files already there with the right sum are kept.
# Example:
#   scripts/fetch-test-data.sh && mvn -B verify
#
# Needs curl (or wget), sha256sum and access to raw.githubusercontent.com. Without internet it
# stops at the first file with a message saying so; copy the files from a machine that has it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
dir="${1:-${AISLE_SHARED_DATA:-$root/../shared/data}}"

# dataset file sha256 url. The two DIGINETICA side files: SOURCE.md names the repository and
# commit but no folder; the repository's root is assumed, and the sum catches a wrong guess.
files=(
  "yoochoose-100k yoochoose-clicks-100k_train_full.txt 9842c90358298ee784fcf0c9dccb2eeb283ab04368e53bdeee896747f4c03e1e https://raw.githubusercontent.com/rn5l/session-rec/5dcd583cbd8d44703a5248b9a308945f24b91390/data/rsc15/prepared/yoochoose-clicks-100k_train_full.txt"
  "yoochoose-100k yoochoose-clicks-100k_train_tr.txt fb4c6381c8e5bc4de51553cb1ed210fb4016c87d2425d58344cd6b19e81c133a https://raw.githubusercontent.com/rn5l/session-rec/5dcd583cbd8d44703a5248b9a308945f24b91390/data/rsc15/prepared/yoochoose-clicks-100k_train_tr.txt"
  "yoochoose-100k yoochoose-clicks-100k_train_valid.txt 14fca72e690c19b0da391059b7cf2c1b611cddbd1248ce93578a039ddb26ea69 https://raw.githubusercontent.com/rn5l/session-rec/5dcd583cbd8d44703a5248b9a308945f24b91390/data/rsc15/prepared/yoochoose-clicks-100k_train_valid.txt"
  "diginetica-sample sample_train-item-views.csv 98da96e05c87ef12b739e4bfd9bc7b4864106ee77371f1db9eb4413e3f78d37e https://raw.githubusercontent.com/CRIPAC-DIG/SR-GNN/e21cfa431f74c25ae6e4ae9261deefe11d1cb488/datasets/sample_train-item-views.csv"
  "diginetica-sample product-categories.csv 9e9566e34548e5d1b8d05ed6dd0222fbb8a7b7b2a8a18cdf28c1a4eba8f9e42c https://raw.githubusercontent.com/RecoHut-Datasets/diginetica/2672053d53bf74e6e8eec77e684e4e7b6bc5da8c/product-categories.csv"
  "diginetica-sample train-purchases.csv d6d3ce5b2df5d75a87fb0621f384aaf187ee1736bc46fcc58bb303ddc38d0658 https://raw.githubusercontent.com/RecoHut-Datasets/diginetica/2672053d53bf74e6e8eec77e684e4e7b6bc5da8c/train-purchases.csv"
  "otto-sample train.jsonl 8994e47578f7467191185e612080696030495b6041015a6550b9d8af57f7c826 https://raw.githubusercontent.com/otto-de/recsys-dataset/f404284240ac654d0b924b2fabec0aea7b23f168/test/resources/train.jsonl"
  "retailrocket-week retailrocket-week.tsv b4d47eb7363572e8b810e766a9bb2735c0ce7388210e517a51a035f6bb007c26 https://raw.githubusercontent.com/Faisalse/SessionRecGraphFusion/3e03691c078a8073f309c8d038d9161a16235c0c/data/retailrocket/fulltrain/retailrocket_test.txt"
  "taobao-userbehavior-head UserBehavior.csv e6f47712a2ae149885993ac7b520cf5ba3b099b2e52f90cfddd912455c710e6d https://raw.githubusercontent.com/fattydelivery/clothes-shopping-website-v1.0/ee6cc5a462d49102d4583380619a122b31713c0b/UserBehavior.csv"
)

sum_of() { sha256sum "$1" | cut -d' ' -f1; }

download() { # url file
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 --connect-timeout 15 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q --tries=2 --timeout=15 -O "$2" "$1"
  else
    echo "fetch-test-data: needs curl or wget" >&2
    return 1
  fi
}

fetched=0 kept=0
for row in "${files[@]}"; do
  read -r dataset name sha url <<<"$row"
  target="$dir/$dataset/$name"
  if [ -f "$target" ] && [ "$(sum_of "$target")" = "$sha" ]; then
    kept=$((kept + 1))
    continue
  fi
  mkdir -p "$dir/$dataset"
  echo "fetch-test-data: $dataset/$name <- $url"
  part="$target.part"
  if ! download "$url" "$part"; then
    rm -f "$part"
    echo "fetch-test-data: cannot download $url" >&2
    echo "fetch-test-data: no internet here? Fetch the files on a machine that has it (this script," >&2
    echo "  or by hand from the URLs above) and copy them to $dir/DATASET/. Tests without their" >&2
    echo "  data are skipped, so 'mvn verify' passes without them." >&2
    exit 1
  fi
  got="$(sum_of "$part")"
  if [ "$got" != "$sha" ]; then
    rm -f "$part"
    echo "fetch-test-data: $url has sha256 $got, expected $sha; not kept" >&2
    exit 1
  fi
  mv "$part" "$target"
  fetched=$((fetched + 1))
done
echo "fetch-test-data: $fetched fetched, $kept already there, in $dir"
