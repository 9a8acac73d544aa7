#!/usr/bin/env bash
# Serving speed with wrk (Debian's wrk) on this machine: a generated shop of 100k products, a 64-d
# item2vec model served from exact neighbour lists computed at load, and three runs:
#   1. GET /api/products/{id}/related over random products        (target: >= 20k req/s, p99 <= 5 ms)
#   2. POST /api/recommendations with 5-product sessions           (target: p99 <= 10 ms)
#      at 16, 8 and 4 connections (wrk keeps that many requests in flight: latency against load)
#   3. run 1 again while 100 hot reloads swap the model            (target: zero failed requests)
#   4. the learned ranker `rank` (its defaults, trained on the same corpus) served alone:
#      POST /api/recommendations at 8 connections                   (target: p99 <= 10 ms)
# wrk and the server share the 2 cores, so the figures are conservative. Prints wrk's output, then
# a table of each model's training time, file size and sessions at 8 connections.
# ROWS="item2vec rank" (the default) picks the models; trained models are kept in BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-serve}"
port="${PORT:-18080}"
duration="${DURATION:-20s}"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
"$root/aisle" --version >/dev/null 2>&1
aisle() { java --add-modules jdk.incubator.vector -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

rows="${ROWS:-item2vec rank}"
if [ ! -f "$work/shop.corpus" ]; then
  aisle generate --products 100000 --customers 200000 --days 30 --seed 3 --out "$work/shop" >/dev/null
  aisle ingest --min-product-count 1 --catalog "$work/shop/catalog.csv" --out "$work/shop.corpus" \
    "$work/shop/events.csv" >/dev/null
fi
# training output ("trained rank on ... in 812.31 s") kept beside each model for the table
train() { # MODEL-FILE ALGORITHM PARAMS...
  local out="$1" algorithm="$2"; shift 2
  [ -f "$out" ] && return
  aisle train --corpus "$work/shop.corpus" --algorithm "$algorithm" "$@" --out "$out" \
    | tee "$out.train.txt" | grep "^trained"
}
train "$work/shop.model" item2vec -p dim=64 -p epochs=5
products=$(aisle stats "$work/shop.corpus" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')

server=""
trap '[ -z "$server" ] || kill $server 2>/dev/null || true' EXIT
serve() { # MODEL-FILE: starts the server on it and waits until it answers
  java --add-modules jdk.incubator.vector -Xmx4g -jar "$root/cli/target/aisle.jar" serve \
    --model "$1" --catalog "$work/shop/catalog.csv" --port "$port" \
    --api-key bench > "$work/server.log" 2>&1 &
  server=$!
  local started; started=$(date +%s)
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 1
  done
  echo "== server up on $(basename "$1") in $(( $(date +%s) - started )) s"
  grep -h "nearest" "$work/server.log" || true
}
stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
cat > "$work/related.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/api/products/P%06d/related?k=20", math.random(1, $products)))
end
LUA
cat > "$work/session.lua" <<LUA
math.randomseed(11)
request = function()
  local ids = {}
  for i = 1, 5 do ids[i] = string.format('"P%06d"', math.random(1, $products)) end
  return wrk.format("POST", "/api/recommendations", {["Content-Type"] = "application/json"},
    '{"session":[' .. table.concat(ids, ",") .. '],"k":20}')
end
LUA
cat "$work/report.lua" >> "$work/related.lua"
cat "$work/report.lua" >> "$work/session.lua"

# one row of the table: MODEL-FILE and the wrk output of its sessions at 8 connections
row() {
  local model="$1" out="$2" seconds bytes
  # n/a when the model was trained before its training output was kept beside it
  seconds=$( (grep -ho "in [0-9.]* s" "$model.train.txt" 2>/dev/null || true) | tail -1 | tr -dc '0-9.')
  bytes=$(stat -L -c %s "$model")
  printf "| %s | %s | %s | %s | %s |\n" "$(basename "$model" .model)" "${seconds:-n/a}" \
    "$bytes" "$(awk '/^Requests\/sec/ {print $2}' "$out")" "$(tail -1 "$out")" >> "$work/table.md"
}
printf "| model | training s | model bytes | sessions, 8 connections: req/s | latency, errors |\n| --- | --- | --- | --- | --- |\n" > "$work/table.md"

if [[ " $rows " == *" item2vec "* ]]; then
serve "$work/shop.model"
# the JIT needs about a minute of traffic before the request path runs at its steady speed
echo "== warm-up: 40 s related, 20 s sessions"
wrk -t2 -c16 -d40s -s "$work/related.lua" "http://127.0.0.1:$port" | tail -1
wrk -t2 -c16 -d20s -s "$work/session.lua" "http://127.0.0.1:$port" | tail -1
echo "== 1. related ($products products, 64-d item2vec, precomputed neighbour lists)"
wrk -t2 -c32 -d"$duration" --latency -s "$work/related.lua" "http://127.0.0.1:$port"
echo "== 2. session recommendations (5 random products, exact top-k over all products: int8 blocks"
echo "      and error bounds, float32 re-scoring), 16 connections"
wrk -t2 -c16 -d"$duration" --latency -s "$work/session.lua" "http://127.0.0.1:$port"
for c in 8 4; do
  echo "== 2, $c connections"
  wrk -t2 -c$c -d"$duration" --latency -s "$work/session.lua" "http://127.0.0.1:$port" \
    | tee "$work/wrk-item2vec-$c.txt"
done
row "$work/shop.model" "$work/wrk-item2vec-8.txt"
curl -s "http://127.0.0.1:$port/metrics" | grep "^aisle_session_scan_block_share" || true
echo "== 3. related during 100 hot reloads"
( for i in $(seq 1 100); do
    curl -sf -XPOST -H 'X-API-Key: bench' "http://127.0.0.1:$port/api/admin/reload" >/dev/null \
      || echo "reload $i failed"
  done; echo "100 reloads done" ) &
reloads=$!
wrk -t2 -c32 -d"$duration" --latency -s "$work/related.lua" "http://127.0.0.1:$port"
wait $reloads
stop
fi

if [[ " $rows " == *" rank "* ]]; then
  train "$work/rank.model" rank
  serve "$work/rank.model"
  echo "== warm-up: 60 s rank sessions"
  wrk -t2 -c8 -d60s -s "$work/session.lua" "http://127.0.0.1:$port" | tail -1
  echo "== 4. rank: session recommendations (5 random products; candidates of sknn, cooc, item2vec,"
  echo "      svd and popularity ranked by XGBoost), 8 connections"
  wrk -t2 -c8 -d"$duration" --latency -s "$work/session.lua" "http://127.0.0.1:$port" \
    | tee "$work/wrk-rank-8.txt"
  row "$work/rank.model" "$work/wrk-rank-8.txt"
  stop
fi
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/table.md"
