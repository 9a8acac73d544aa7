#!/usr/bin/env bash
# Should Aisle move from Java 17 to 21/25 for Lucene's vectorised HNSW? Builds the server's HNSW
# graph (bench/HnswJdk.java: AnnIndex's format and settings) over a random slice of an item2vec
# model's products, and queries it as the server's related lists do, under each configuration in
# turn, ROUNDS times alternating, so that the ratios are taken under the same load:
#   j17-l9       Java 17 (the default java), Lucene 9.12.3: today
#   j25-l9       the same Lucene jar on JDK 25 with --add-modules jdk.incubator.vector
#   j25-l9-forced  the same, with Lucene's upper Java version for its vector code raised to 25
#   j25-l10      Lucene LUCENE10 (default 10.6.0) on JDK 25
# and Lucene's int7 scalar-quantized HNSW on j17-l9 and j25-l10. Prints the median of each
# configuration: build wall and CPU seconds, related-product queries a CPU second on one thread
# (k 20, beam 100; CPU time, so that the waits of a loaded machine do not count), recall@20 against an exact scan of the slice (QUERIES products), the index size, and
# the ratios to j17-l9; then the line each Lucene logs about its vector code.
#
#   bench/hnsw-jdk.sh                                  # 100k products of bench/serve-1m.sh's item2vec
#   PRODUCTS=250000 ROUNDS=3 bench/hnsw-jdk.sh
#
# Variables: MODEL (an item2vec model: default /tmp/aisle-bench-1000000/i2v-a.model), PRODUCTS
# (default 100000), QUERIES (default 2000), ROUNDS (default 2), JDK25 (a JDK 21+ home: default
# /usr/lib/jvm/temurin-25-jdk-amd64), LUCENE10 (default 10.6.0; fetched from Maven Central into
# the local Maven repository, MAVEN_REPO or ~/.m2/repository, when missing), BENCH_DIR (default
# /tmp/aisle-bench-hnsw-jdk), SUMMARY_ONLY=1 (print the table of the runs recorded so far).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${MODEL:-/tmp/aisle-bench-1000000/i2v-a.model}"
products="${PRODUCTS:-100000}"
queries="${QUERIES:-2000}"
rounds="${ROUNDS:-2}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
lucene10="${LUCENE10:-10.6.0}"
work="${BENCH_DIR:-/tmp/aisle-bench-hnsw-jdk}"
[ -f "$model" ] || { echo "no $model: train an item2vec model first (bench/serve-1m.sh)" >&2; exit 1; }
[ -x "$jdk25/bin/java" ] || { echo "no JDK 21+ at $jdk25: set JDK25" >&2; exit 1; }
mkdir -p "$work"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
lucene_jar() { # version: the lucene-core jar, fetched when missing
  local jar="$repo/org/apache/lucene/lucene-core/$1/lucene-core-$1.jar"
  [ -f "$jar" ] || mvn -B -q dependency:get -Dartifact="org.apache.lucene:lucene-core:$1" >&2
  echo "$jar"
}
l9="$(lucene_jar 9.12.3)"
l10="$(lucene_jar "$lucene10")"

"$root/aisle" --version >/dev/null            # builds aisle.jar if needed
if [ ! -f "$work/vectors.bin" ] || [ "$model" -nt "$work/vectors.bin" ]; then
  "$root/aisle" export --model "$model" --format word2vec --binary --out "$work/vectors.bin" >&2
fi

vec=(--add-modules jdk.incubator.vector)
declare -A cmd=(
  [j17-l9]="java ${vec[*]} -cp $l9"
  [j25-l9]="$jdk25/bin/java ${vec[*]} -cp $l9"
  [j25-l9-forced]="$jdk25/bin/java ${vec[*]} -Dorg.apache.lucene.vectorization.upperJavaFeatureVersion=25 -cp $l9"
  [j25-l10]="$jdk25/bin/java ${vec[*]} -cp $l10"
)
runs=("j17-l9 float32" "j25-l10 float32" "j25-l9 float32" "j25-l9-forced float32"
  "j25-l10 int7" "j17-l9 int7")
results="$work/results.tsv"
[ -n "${SUMMARY_ONLY:-}" ] && rounds=0 || : > "$results"
for r in $(seq 1 "$rounds"); do
  for run in "${runs[@]}"; do
    read -r config format <<< "$run"
    echo "== round $r: $config $format (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    line=$(${cmd[$config]} -Xmx1g "$root/bench/HnswJdk.java" "$work/vectors.bin" \
      "$products" "$queries" "$format" "$work/index" 2> "$work/log-$config-$format.txt") \
      || { cat "$work/log-$config-$format.txt" >&2; exit 1; }
    printf '%s\t%s\t%s\n' "$config" "$line" "$(cut -d' ' -f1 /proc/loadavg)" >> "$results"
  done
done
rm -rf "$work/index"

python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    c, lucene, java, fmt, n, build, cpu, qps, recall, mb, load = line.rstrip("\n").split("\t")
    rows.setdefault((c, fmt), []).append(
        dict(lucene=lucene, java=java, n=int(n), build=float(build), cpu=float(cpu),
             qps=float(qps), recall=float(recall), mb=float(mb), load=float(load)))
med = lambda rs, k: statistics.median(r[k] for r in rs)
base = rows[("j17-l9", "float32")]
print(f"{rows[next(iter(rows))][0]['n']:,} products, {len(base)} round(s) alternating, medians")
print(f"{'config':15} {'format':8} {'Lucene':8} {'Java':4} {'build s':>8} {'CPU s':>7} "
      f"{'queries/CPU s':>13} {'recall@20':>9} {'MB':>5} {'build x':>7} {'query x':>7} {'load':>5}")
for (c, fmt), rs in rows.items():
    print(f"{c:15} {fmt:8} {rs[0]['lucene']:8} {rs[0]['java']:4} {med(rs, 'build'):8.1f} "
          f"{med(rs, 'cpu'):7.1f} {med(rs, 'qps'):13.0f} {med(rs, 'recall'):9.4f} "
          f"{med(rs, 'mb'):5.0f} {med(base, 'cpu') / med(rs, 'cpu'):7.2f} "
          f"{med(rs, 'qps') / med(base, 'qps'):7.2f} {med(rs, 'load'):5.1f}")
print("build x: build CPU seconds of j17-l9 float32 / this (higher is faster); query x: "
      "queries a CPU second of this / j17-l9 float32")
PY
echo "what each Lucene said about its vector code:"
for config in j17-l9 j25-l9 j25-l9-forced j25-l10; do
  said=$(grep -E '^(INFO|WARNING): .*[Vv]ector' "$work/log-$config-float32.txt" \
    | grep -v 'Using incubator' | head -1 || true)
  printf '  %-14s %s\n' "$config" "${said:-(nothing)}"
done
