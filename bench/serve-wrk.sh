#!/usr/bin/env bash
# Serving speed with wrk (Debian's wrk) on this machine: a generated shop of 100k products, a 64-d
# item2vec model served from exact neighbour lists computed at load, and three runs:
#   1. GET /api/products/{id}/related over random products        (target: >= 20k req/s, p99 <= 5 ms)
#   2. POST /api/recommendations with 5-product sessions           (target: p99 <= 10 ms)
#      at 16, 8 and 4 connections (wrk keeps that many requests in flight: latency against load)
#   3. run 1 again while 100 hot reloads swap the model            (target: zero failed requests)
# wrk and the server share the 2 cores, so the figures are conservative. Prints wrk's output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-serve}"
port="${PORT:-18080}"
duration="${DURATION:-20s}"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
"$root/aisle" --version >/dev/null 2>&1
aisle() { java --add-modules jdk.incubator.vector -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

if [ ! -f "$work/shop.model" ]; then
  aisle generate --products 100000 --customers 200000 --days 30 --seed 3 --out "$work/shop" >/dev/null
  aisle ingest --min-product-count 1 --catalog "$work/shop/catalog.csv" --out "$work/shop.corpus" \
    "$work/shop/events.csv" >/dev/null
  aisle train --corpus "$work/shop.corpus" --algorithm item2vec -p dim=64 -p epochs=5 \
    --out "$work/shop.model" >/dev/null
fi
products=$(aisle stats "$work/shop.corpus" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')

java --add-modules jdk.incubator.vector -Xmx4g -jar "$root/cli/target/aisle.jar" serve \
  --model "$work/shop.model" --catalog "$work/shop/catalog.csv" --port "$port" \
  --api-key bench > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
started=$(date +%s)
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
echo "== server up in $(( $(date +%s) - started )) s"; grep -h "nearest" "$work/server.log" || true

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
  wrk -t2 -c$c -d"$duration" --latency -s "$work/session.lua" "http://127.0.0.1:$port"
done
curl -s "http://127.0.0.1:$port/metrics" | grep "^aisle_session_scan_block_share" || true
echo "== 3. related during 100 hot reloads"
( for i in $(seq 1 100); do
    curl -sf -XPOST -H 'X-API-Key: bench' "http://127.0.0.1:$port/api/admin/reload" >/dev/null \
      || echo "reload $i failed"
  done; echo "100 reloads done" ) &
reloads=$!
wrk -t2 -c32 -d"$duration" --latency -s "$work/related.lua" "http://127.0.0.1:$port"
wait $reloads
