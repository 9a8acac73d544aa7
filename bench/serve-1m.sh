#!/usr/bin/env bash
# Aisle at scale on one box, every step on the same cores: generate a shop of PRODUCTS products
# (default 1,000,000, with 1.43 customers a product over 90 days: about 100M events, 4.4 GB),
# ingest it, train item2vec, cooc and sknn with their defaults, build the serving indexes once
# ('aisle serve --prepare-only'), serve the three models, and load them with wrk:
#   related   GET /api/products/{id}/related?k=20, random products, 16 connections, each model
#             (targets: >= 10,000 req/s, p99 <= 10 ms, 0 errors)
#   sessions  POST /api/recommendations, 5 random products, 8 connections, each model
#             (target: p99 <= 15 ms, 0 errors)
#   reload    item2vec related under load while the item2vec file is replaced by another
#             training (new checksum; its indexes prepared beside it beforehand, as
#             'aisle serve --prepare-only' does) and reloaded (target: 0 failed requests)
# Prints a table of every step (wall seconds, peak RSS, CPU seconds: user + system, which shows
# how much of the wall time the step waited for the cores) and wrk's output. Steps whose output exists
# are not run again (delete BENCH_DIR to start over). Same script at 100k: PRODUCTS=100000.
#   AISLE_JAVA_OPTS  JVM options of every step (default -Xmx18g)
#   SERVE_JAVA_OPTS  JVM options of the server (default -Xmx6g: three 1M-product models hold
#                    about 4 GB live; a larger heap only lets G1 grow past the RSS target)
#   CUSTOMERS, DAYS, SEED, BENCH_DIR, PORT, DURATION (of each wrk run, default 20s)
#   PREPARE_ONLY=1   stop after the indexes are built (to run the serving part later, on a quiet
#                    machine: run again without it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
products="${PRODUCTS:-1000000}"
customers="${CUSTOMERS:-$(( products * 143 / 100 ))}"
days="${DAYS:-90}"
seed="${SEED:-3}"
work="${BENCH_DIR:-/tmp/aisle-bench-$products}"
port="${PORT:-18090}"
duration="${DURATION:-20s}"
java_opts="${AISLE_JAVA_OPTS:--Xmx18g}"
serve_opts="${SERVE_JAVA_OPTS:--Xmx6g}"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
mkdir -p "$work"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
steps="$work/steps.tsv"
touch "$steps"

# the jar is copied once, so that rebuilding the checkout cannot pull it from under a long step
"$root/aisle" --version >/dev/null 2>&1
[ -f "$work/aisle.jar" ] || cp "$root/cli/target/aisle.jar" "$work/aisle.jar"
java_cmd=(java --add-modules jdk.incubator.vector)

# step NAME OUTPUT ARGS...: runs 'aisle ARGS' unless OUTPUT exists; records seconds and peak RSS
step() {
  local name="$1" output="$2"
  shift 2
  if [ -e "$output" ] && grep -q "^$name	" "$steps"; then
    return
  fi
  echo "== $name: aisle $*" >&2
  local start end
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$work/time-$name.txt" "${java_cmd[@]}" $java_opts -jar "$work/aisle.jar" "$@" \
    > "$work/log-$name.txt" 2>&1 || { tail -20 "$work/log-$name.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  local rss cpu
  rss=$(awk -F: '/Maximum resident set size/ {print $2 + 0}' "$work/time-$name.txt")
  cpu=$(awk -F: '/User time|System time/ {t += $2} END {print t}' "$work/time-$name.txt")
  sed -i "/^$name	/d" "$steps"
  printf '%s\t%.1f\t%.2f\t%.1f\n' "$name" "$(echo "$end - $start" | bc)" \
    "$(echo "$rss / 1048576" | bc -l)" "$cpu" >> "$steps"
}

step generate "$work/shop/events.csv" generate --products "$products" --customers "$customers" \
  --days "$days" --seed "$seed" --out "$work/shop"
step ingest "$work/shop.corpus" ingest --min-product-count 1 --catalog "$work/shop/catalog.csv" \
  --out "$work/shop.corpus" "$work/shop/events.csv"
step train-cooc "$work/cooc.model" train --corpus "$work/shop.corpus" --algorithm cooc \
  --out "$work/cooc.model"
step train-sknn "$work/sknn.model" train --corpus "$work/shop.corpus" --algorithm sknn \
  --out "$work/sknn.model"
step train-item2vec "$work/i2v-a.model" train --corpus "$work/shop.corpus" --algorithm item2vec \
  --out "$work/i2v-a.model"
# the model the hot reload swaps in: another seed, one epoch (only its checksum matters here)
step train-item2vec-reload "$work/i2v-b.model" train --corpus "$work/shop.corpus" \
  --algorithm item2vec -p epochs=1 --seed 5 --out "$work/i2v-b.model"
# Each item2vec file's serving indexes are built once, beside it, as a shop prepares a new model
# before it swaps the file in: the reload below then maps them instead of building a 1M-product
# HNSW graph while it serves.
step prepare-indexes "$work/i2v-a.model.index" serve --model "i2v=$work/i2v-a.model" --prepare-only
step prepare-indexes-reload "$work/i2v-b.model.index" serve --model "i2v=$work/i2v-b.model" \
  --prepare-only
# sknn's related lists (each product's answer, computed once by the model) likewise
step prepare-indexes-sknn "$work/sknn.model.index" serve --model "sknn=$work/sknn.model" \
  --prepare-only
# serve_as FILE: the served i2v.model and its indexes become FILE's (indexes first, hard links;
# the old ones stay mapped by the server until it lets them go)
serve_as() {
  rm -rf "$work/i2v.model.index.tmp"
  cp -al "$work/$1.index" "$work/i2v.model.index.tmp"
  rm -rf "$work/i2v.model.index"
  mv "$work/i2v.model.index.tmp" "$work/i2v.model.index"
  cp "$work/$1" "$work/i2v.model.tmp" && mv "$work/i2v.model.tmp" "$work/i2v.model"
}
[ -e "$work/i2v.model" ] || serve_as i2v-a.model
models=(--model "i2v=$work/i2v.model" --model "cooc=$work/cooc.model" --model "sknn=$work/sknn.model")
if [ -n "${PREPARE_ONLY:-}" ]; then
  awk -F'\t' '{printf "%-28s %10s %14s\n", $1, $2, $3}' "$steps"
  exit 0
fi

# ---- serve
shuf -n 20000 --random-source=<(yes) <(tail -n +2 "$work/shop/catalog.csv" | cut -d, -f1) \
  > "$work/ids.txt"
# shellcheck disable=SC2086
"${java_cmd[@]}" $serve_opts -jar "$work/aisle.jar" serve "${models[@]}" \
  --catalog "$work/shop/catalog.csv" --port "$port" --api-key bench > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
start=$(date +%s.%N)
first_id=$(head -1 "$work/ids.txt")
until curl -sf "http://127.0.0.1:$port/api/products/$first_id/related?model=i2v" >/dev/null; do
  kill -0 $server 2>/dev/null || { tail -20 "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
rss_gb() { awk '/^'"$1"':/ {printf "%.2f", $2 / 1048576}' "/proc/$server/status"; }
printf 'serve: first answer\t%.1f\t%s\n' "$ready" "$(rss_gb VmRSS)" >> "$steps"
grep -E "loading:|mapped|built|ready to serve|read " "$work/server.log" | sed 's/^/  /' || true

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %.0f req/s, non-2xx %d, socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
for m in i2v cooc sknn; do
  cat > "$work/related-$m.lua" <<LUA
ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/products/" .. ids[math.random(#ids)] .. "/related?k=20&model=$m")
end
LUA
  cat > "$work/session-$m.lua" <<LUA
ids = {}
for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
math.randomseed(11)
request = function()
  local s = {}
  for i = 1, 5 do s[i] = '"' .. ids[math.random(#ids)] .. '"' end
  return wrk.format("POST", "/api/recommendations", {["Content-Type"] = "application/json"},
    '{"session":[' .. table.concat(s, ",") .. '],"k":20,"model":"$m"}')
end
LUA
  cat "$work/report.lua" >> "$work/related-$m.lua"
  cat "$work/report.lua" >> "$work/session-$m.lua"
done

url="http://127.0.0.1:$port"
summary="$work/wrk-summary.txt"
: > "$summary"
# run LABEL CONNECTIONS SCRIPT: wrk's output, its last line kept for the summary
run() {
  echo "== $1, $2 connections" >&2
  wrk -t2 -c"$2" -d"$duration" --latency -s "$3" "$url" | tee "$work/wrk-last.txt" >&2
  printf '%-22s %s\n' "$1" "$(tail -1 "$work/wrk-last.txt")" >> "$summary"
}
load_at_wrk="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up (the JIT needs traffic before the request path runs at its steady speed)" >&2
for m in i2v cooc sknn; do
  wrk -t2 -c16 -d15s -s "$work/related-$m.lua" "$url" | tail -1 >&2
  wrk -t2 -c8 -d10s -s "$work/session-$m.lua" "$url" | tail -1 >&2
done
for m in i2v cooc sknn; do
  run "related $m" 16 "$work/related-$m.lua"
done
for m in i2v cooc sknn; do
  run "sessions $m" 8 "$work/session-$m.lua"
done
printf 'serve: after wrk\t\t%s (peak %s)\n' "$(rss_gb VmRSS)" "$(rss_gb VmHWM)" >> "$steps"

# ---- hot reload under load: a new item2vec file (new checksum, its indexes prepared) while wrk
# asks for related
serve_as i2v-b.model
reload_start=$(date +%s.%N)
( curl -s -o "$work/reload.json" -w '%{http_code}\n' -XPOST -H 'X-API-Key: bench' \
    "$url/api/admin/reload" > "$work/reload.status" ) &
reloader=$!
rounds=0
while kill -0 $reloader 2>/dev/null || [ $rounds -eq 0 ]; do
  run "related i2v (reload)" 16 "$work/related-i2v.lua"
  rounds=$((rounds + 1))
done
wait $reloader
reload_seconds=$(echo "$(date +%s.%N) - $reload_start" | bc)
printf 'serve: hot reload i2v\t%.1f\t%s (peak %s), HTTP %s\n' "$reload_seconds" "$(rss_gb VmRSS)" \
  "$(rss_gb VmHWM)" "$(cat "$work/reload.status")" >> "$steps"
# back to the first model, for the next run of this script
serve_as i2v-a.model

events=$(grep -m1 -oE "[0-9,]+ events" "$work/log-ingest.txt" | head -1 || true)
echo
echo "== $products products, $customers customers, $days days ($events); $(nproc) cores"
echo "   load average (1, 5, 15 min) at the start: $load_at_start; before wrk: $load_at_wrk"
printf '%-28s %10s %14s %10s\n' step seconds "peak RSS GB" "CPU s"
awk -F'\t' '{printf "%-28s %10s %14s %10s\n", $1, $2, $3, $4}' "$steps"
echo
echo "== wrk (2 threads; the server and wrk share the cores)"
cat "$summary"
