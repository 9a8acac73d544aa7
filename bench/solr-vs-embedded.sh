#!/usr/bin/env bash
# Serving from SolrCloud against serving in-process, with wrk (Debian's wrk), on this machine.
# A generated shop (PRODUCTS products, default 20000), an item2vec model (64-d) and an LLR cooc
# model, a 2-node SolrCloud of Solr's own test cluster (search/.../LocalSolrCloud, ZooKeeper and
# both nodes in one JVM) holding both exports in collections of 2 shards, and three servers:
#   embedded        aisle serve: exact neighbour lists for /related, exact scoring for sessions
#   embedded-hnsw   aisle serve with neighbour lists off: Lucene HNSW in-process for /related
#   solr            aisle serve --backend solr://...: Solr's {!knn} for /related, the indicator
#                   query for sessions
# Then GET /api/products/{id}/related?k=20 (item2vec) and POST /api/recommendations with
# 5-product sessions (cooc) against each, and a table of throughput and latency. Solr, the three
# servers and wrk share the machine's cores: compare the rows, not the absolute figures.
#   PRODUCTS=500 CUSTOMERS=1500 DURATION=2s bench/solr-vs-embedded.sh    # a quick check that it runs
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
products_wanted="${PRODUCTS:-20000}"
customers="${CUSTOMERS:-$((products_wanted * 3))}"
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-16}"
work="${BENCH_DIR:-/tmp/aisle-bench-solr}/$products_wanted"
port="${PORT:-18180}"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
"$root/aisle" --version >/dev/null 2>&1
aisle() { java --add-modules jdk.incubator.vector -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

echo "== building the search module's test classpath (for the local SolrCloud)"
(cd "$root" && mvn -q -B -ntp -DskipTests -pl search -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null)
classpath="$root/search/target/test-classes:$root/search/target/classes:$(cat "$work/classpath.txt")"

if [ ! -f "$work/cooc.model" ]; then
  echo "== generating a shop of $products_wanted products and training"
  aisle generate --products "$products_wanted" --customers "$customers" --days 30 --seed 3 \
    --out "$work/shop" >/dev/null
  aisle ingest --min-product-count 1 --catalog "$work/shop/catalog.csv" --out "$work/shop.corpus" \
    "$work/shop/events.csv" >/dev/null
  aisle train --corpus "$work/shop.corpus" --algorithm item2vec -p dim=64 -p epochs=5 \
    --out "$work/i2v.model" >/dev/null
  aisle train --corpus "$work/shop.corpus" --algorithm cooc -p score=llr -p top=50 \
    --out "$work/cooc.model" >/dev/null
fi
products=$(aisle stats "$work/shop.corpus" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== starting a 2-node SolrCloud"
rm -rf "$work/solr"
java -Xmx2g -cp "$classpath" dev.aisle.search.solr.LocalSolrCloud 2 "$work/solr" \
  > "$work/solr.out" 2> "$work/solr.log" &
pids+=($!)
for _ in $(seq 1 120); do grep -q '^solr://' "$work/solr.out" 2>/dev/null && break; sleep 1; done
solr=$(grep -m1 '^solr://' "$work/solr.out") || { echo "SolrCloud did not start; see $work/solr.log" >&2; exit 1; }
echo "   $solr"
aisle index --model "$work/i2v.model" --catalog "$work/shop/catalog.csv" --to "$solr/i2v" --shards 2
aisle index --model "$work/cooc.model" --catalog "$work/shop/catalog.csv" --to "$solr/cooc" --shards 2

serve() { # NAME PORT ARGS...
  local name=$1 p=$2; shift 2
  java --add-modules jdk.incubator.vector -Xmx3g -jar "$root/cli/target/aisle.jar" serve \
    --model "i2v=$work/i2v.model" --model "cooc=$work/cooc.model" \
    --catalog "$work/shop/catalog.csv" --port "$p" "$@" > "$work/serve-$name.log" 2>&1 &
  pids+=($!)
}
serve embedded "$port"
serve embedded-hnsw "$((port + 1))" --neighbour-lists-up-to 0 --ann-threshold 1
serve solr "$((port + 2))" --backend "i2v=$solr/i2v" --backend "cooc=$solr/cooc"
for p in "$port" "$((port + 1))" "$((port + 2))"; do
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$p/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$p/health" >/dev/null || { echo "server on $p did not start; see $work/serve-*.log" >&2; exit 1; }
done
backend=$(curl -sf "http://127.0.0.1:$((port + 2))/api/products/P000001/related?model=i2v&k=3" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin).get("backend", "NONE"))')
[ "$backend" != "NONE" ] || { echo "the solr server answered in-process" >&2; exit 1; }

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
LUA
cat > "$work/related.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/api/products/P%06d/related?model=i2v&k=20", math.random(1, $products)))
end
LUA
cat > "$work/session.lua" <<LUA
math.randomseed(11)
request = function()
  local ids = {}
  for i = 1, 5 do ids[i] = string.format('"P%06d"', math.random(1, $products)) end
  return wrk.format("POST", "/api/recommendations", {["Content-Type"] = "application/json"},
    '{"model":"cooc","session":[' .. table.concat(ids, ",") .. '],"k":20}')
end
LUA
cat "$work/report.lua" >> "$work/related.lua"
cat "$work/report.lua" >> "$work/session.lua"

rows=()
run() { # LABEL BACKEND PORT SCRIPT
  wrk -t2 -c"$connections" -d2s -s "$work/$4.lua" "http://127.0.0.1:$3" >/dev/null # warm-up
  local r
  r=$(wrk -t2 -c"$connections" -d"$duration" -s "$work/$4.lua" "http://127.0.0.1:$3" | grep '^RESULT')
  rows+=("$1|$2|${r#RESULT }")
  echo "   $1 / $2: ${r#RESULT }"
}
echo "== wrk: $connections connections, $duration each"
run "related (item2vec, k=20)" "embedded (neighbour lists)" "$port" related
run "related (item2vec, k=20)" "embedded (HNSW)" "$((port + 1))" related
run "related (item2vec, k=20)" "SolrCloud {!knn}, 2 shards" "$((port + 2))" related
run "session (cooc, 5 products)" "embedded" "$port" session
run "session (cooc, 5 products)" "SolrCloud indicator query, 2 shards" "$((port + 2))" session

echo
echo "$products products, $(nproc) cores shared by SolrCloud (2 nodes), 3 servers and wrk"
printf '| %-27s | %-37s | %9s | %8s | %8s | %6s |\n' query backend "req/s" "p50 ms" "p99 ms" errors
printf '|%s|%s|%s|%s|%s|%s|\n' "-----------------------------" "---------------------------------------" \
  "-----------" "----------" "----------" "--------"
for row in "${rows[@]}"; do
  IFS='|' read -r q b r <<< "$row"
  read -r rps p50 p99 errors <<< "$r"
  printf '| %-27s | %-37s | %9s | %8s | %8s | %6s |\n' "$q" "$b" "$rps" "$p50" "$p99" "$errors"
done
