#!/usr/bin/env bash
# Online experiments against simulated shoppers (aisle simulate) on the demo-sized generated shop
# (2,000 products, 5,000 customers, 30 days, seed 7):
#   1. popularity against hybrid, A/B split and team-draft interleaving: after how many visitors
#      each first names hybrid significantly better (checked every 10 visitors, over up to 20
#      seeds, each run stopped at its first significant look)
#   2. the same with a closer pair, sknn against hybrid
#   3. hybrid against itself, split and interleaving, RUNS seeds of VISITORS visitors each: how
#      often a difference is (wrongly) called; the target is at most 5% of runs
# One server, one simulator, one after the other on this machine's cores. Prints the simulator's
# summaries.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-experiments}"
port="${PORT:-18081}"
runs="${RUNS:-100}"
visitors="${VISITORS:-300}"
race="${RACE_VISITORS:-1000}"
mkdir -p "$work"
# AISLE_JAR: a jar to run instead of the checkout's (built by the launcher when missing or stale)
jar="${AISLE_JAR:-$root/cli/target/aisle.jar}"
[ -n "${AISLE_JAR:-}" ] || "$root/aisle" --version >/dev/null 2>&1
aisle() { java -jar "$jar" "$@"; }

if [ ! -f "$work/hybrid.model" ]; then
  aisle generate --products 2000 --customers 5000 --days 30 --seed 7 --out "$work/shop" >/dev/null
  aisle ingest --catalog "$work/shop/catalog.csv" --out "$work/shop.corpus" \
    "$work/shop/events.csv" >/dev/null
  for a in pop sknn hybrid; do
    aisle train --corpus "$work/shop.corpus" --algorithm "$a" --out "$work/$a.model" >/dev/null
  done
fi

rm -rf "$work/experiments"
java -jar "$jar" serve --model pop="$work/pop.model" \
  --model sknn="$work/sknn.model" --model hybrid="$work/hybrid.model" \
  --catalog "$work/shop/catalog.csv" --port "$port" --api-key bench \
  --experiment-log "$work/experiments" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done

simulate() {
  aisle simulate --serve "http://127.0.0.1:$port" --catalog "$work/shop/catalog.csv" \
    --api-key bench "$@" | tail -2
}
race_runs=$(( runs < 20 ? runs : 20 ))
echo "== popularity against hybrid, $race_runs seeds of up to $race visitors"
echo "-- A/B split";    simulate --experiment ab --start pop:50,hybrid:50 --visitors "$race" --every 10 --until-significant --runs "$race_runs"
echo "-- interleaving"; simulate --experiment il --start interleave:pop,hybrid --visitors "$race" --every 10 --until-significant --runs "$race_runs"
echo "== sknn against hybrid, $race_runs seeds of up to $race visitors"
echo "-- A/B split";    simulate --experiment ab2 --start sknn:50,hybrid:50 --visitors "$race" --every 10 --until-significant --runs "$race_runs"
echo "-- interleaving"; simulate --experiment il2 --start interleave:sknn,hybrid --visitors "$race" --every 10 --until-significant --runs "$race_runs"
echo "== hybrid against itself, $runs seeds of $visitors visitors (false positives: runs with a 'better')"
echo "-- A/B split";    simulate --experiment aa --start hybrid:50,hybrid:50 --visitors "$visitors" --every "$visitors" --runs "$runs"
echo "-- interleaving"; simulate --experiment aai --start interleave:hybrid,hybrid --visitors "$visitors" --every "$visitors" --runs "$runs"
