#!/usr/bin/env bash
# Event ingestion with the durable event log (aisle serve --event-log) against the in-memory server,
# with wrk (Debian's wrk) on this machine: a generated shop of 10k products, a 64-d item2vec model.
# For each server (memory, --fsync always, --fsync interval):
#   1. POST /api/events, one event a request, 16 connections
#   2. POST /api/events, batches of 100 events, 16 connections, as fast as they go (closed loop:
#      at saturation p99 is the queue of 16 connections, not the log)
#   3. the same batches paced at $RATE events/s (default 20,000, the target: p99 <= 20 ms), each
#      connection waiting 16 x 100 / RATE seconds, less 2 ms for the answer, between requests
#      (wrk's delay())
# each while a second wrk reads GET /api/products/{id}/related on 4 connections (target: p99 <= 10 ms).
# wrk, both load generators and the server share the machine's cores (two here, and other work may
# be running): the figures are from a loaded machine. Prints a table; wrk's own output is in $work.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-events}"
port="${PORT:-18090}"
duration="${DURATION:-20s}"
rate="${RATE:-20000}"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
"$root/aisle" --version >/dev/null 2>&1
aisle() { java --add-modules jdk.incubator.vector -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep -v "incubator modules" >&2); }

if [ ! -f "$work/shop.model" ]; then
  aisle generate --products 10000 --customers 30000 --days 30 --seed 5 --out "$work/shop" >/dev/null
  aisle ingest --min-product-count 1 --catalog "$work/shop/catalog.csv" --out "$work/shop.corpus" \
    "$work/shop/events.csv" >/dev/null
  aisle train --corpus "$work/shop.corpus" --algorithm item2vec -p dim=64 -p epochs=5 \
    --out "$work/shop.model" >/dev/null
fi
products=$(aisle stats "$work/shop.corpus" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["products"])')

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
events_lua() { # $1 = events a request, $2 = ms each connection waits between requests (0: none)
  cat <<LUA
math.randomseed(3)
local bodies = {}
init = function(args)
  for b = 1, 64 do
    local events = {}
    for i = 1, $1 do
      events[i] = string.format('{"customer":"c%d","product":"P%06d"}', math.random(1, 200000),
        math.random(1, $products))
    end
    bodies[b] = $1 == 1 and events[1] or "[" .. table.concat(events, ",") .. "]"
  end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/events", {["Content-Type"] = "application/json"},
    bodies[n % #bodies + 1])
end
if $2 > 0 then delay = function() return $2 end end
LUA
  cat "$work/report.lua"
}
events_lua 1 0 > "$work/single.lua"
events_lua 100 0 > "$work/batch.lua"
events_lua 100 $((16 * 100 * 1000 / rate - 2)) > "$work/paced.lua"
{ cat <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/api/products/P%06d/related?k=20", math.random(1, $products)))
end
LUA
  cat "$work/report.lua"; } > "$work/related.lua"

server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; server=""; }
trap stop_server EXIT
start_server() { # $@ = extra serve options
  java --add-modules jdk.incubator.vector -Xmx2g -jar "$root/cli/target/aisle.jar" serve \
    --model "$work/shop.model" --catalog "$work/shop/catalog.csv" --port "$port" "$@" \
    > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return
    sleep 1
  done
  echo "the server did not start; see $work/server.log" >&2; exit 1
}
# one measured run: events with $1.lua on 16 connections, /related on 4 at the same time
measure() { # $1 = single|batch, $2 = label, $3 = events a request
  wrk -t1 -c16 -d"$duration" --latency -s "$work/$1.lua" "http://127.0.0.1:$port" > "$work/$2-$1.txt" &
  local writer=$!
  wrk -t1 -c4 -d"$duration" --latency -s "$work/related.lua" "http://127.0.0.1:$port" > "$work/$2-$1-related.txt"
  wait $writer
  read -r _ rps p50 p99 non2xx errors < <(grep RESULT "$work/$2-$1.txt")
  read -r _ rrps rp50 rp99 rnon2xx rerrors < <(grep RESULT "$work/$2-$1-related.txt")
  printf "| %s | %s | %'.0f | %'.0f | %s / %s | %s | %'.0f | %s / %s |\n" "$2" "$3" "$rps" \
    "$(/usr/bin/python3 -c "print($rps * $3)")" "$p50" "$p99" "$((non2xx + errors))" "$rrps" "$rp50" "$rp99"
}

rm -f "$work/notes.txt"
echo "| server | events a request | req/s | events/s | POST p50 / p99 ms | failed | /related req/s | /related p50 / p99 ms |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for mode in memory always interval; do
  rm -rf "$work/events"
  if [ "$mode" = memory ]; then start_server; else start_server --event-log "$work/events" --fsync "$mode"; fi
  # warm-up: the JIT needs traffic on both paths before they run at their steady speed
  wrk -t1 -c16 -d20s -s "$work/batch.lua" "http://127.0.0.1:$port" >/dev/null
  wrk -t1 -c8 -d10s -s "$work/related.lua" "http://127.0.0.1:$port" >/dev/null
  label=$([ "$mode" = memory ] && echo "in memory" || echo "--event-log, --fsync $mode")
  measure single "$label" 1
  measure batch "$label" 100
  measure paced "$label, paced" 100
  if [ "$mode" != memory ]; then
    curl -s "http://127.0.0.1:$port/metrics" | grep "^aisle_event_log_" | tr '\n' ' ' > "$work/$mode-metrics.txt"
    echo "--fsync $mode: $(cat "$work/$mode-metrics.txt"); $(du -sh "$work/events" | cut -f1) on disk" >> "$work/notes.txt"
  fi
  stop_server
done
echo
cat "$work/notes.txt"
