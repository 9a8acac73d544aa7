#!/usr/bin/env bash
# 'aisle tune' with its default budget (20m) and algorithms (all) on a generated shop of about 1M
# events: whether it ends within the budget, and trials per minute, per algorithm and overall
# (per algorithm from the command's own summary lines), with the machine's load average.
#
#   bench/tune-generated.sh
#   BENCH_SHOP_PRODUCTS=500 BENCH_SHOP_CUSTOMERS=1500 BENCH_BUDGET=1m bench/tune-generated.sh  # quick
#
# Environment: BENCH_SHOP_PRODUCTS (20000), BENCH_SHOP_CUSTOMERS (40000; about 1M events),
# BENCH_BUDGET (the command's default, 20m), BENCH_THREADS (2), BENCH_DIR (/tmp/aisle-bench-tune).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-tune}"
threads="${BENCH_THREADS:-2}"
products="${BENCH_SHOP_PRODUCTS:-20000}"
customers="${BENCH_SHOP_CUSTOMERS:-40000}"
mkdir -p "$work"
"$root/aisle" --version >/dev/null
aisle() { java --add-modules jdk.incubator.vector ${AISLE_JAVA_OPTS:--Xmx4g} -jar "$root/cli/target/aisle.jar" "$@" 2> >(grep --line-buffered -v "incubator modules" >&2); }

shop="shop-$products-$customers"
if [ ! -f "$work/$shop.corpus" ]; then
  aisle generate --products "$products" --customers "$customers" --days 30 --seed 1 \
    --out "$work/$shop" >/dev/null
  aisle ingest --out "$work/$shop.corpus" "$work/$shop/events.csv" >/dev/null
fi
events=$(aisle stats "$work/$shop.corpus" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
budget_args=()
[ -n "${BENCH_BUDGET:-}" ] && budget_args=(--budget "$BENCH_BUDGET")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
aisle tune --corpus "$work/$shop.corpus" --threads "$threads" "${budget_args[@]}" \
  --out "$work/tuned.json" 2> "$work/tune.log" >/dev/null
end=$(date +%s.%N)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$work/tuned.json" "$work/tune.log" "$events" "$start" "$end" "$load_before" \
    "$load_after" <<'PY'
import json, re, sys
t = json.load(open(sys.argv[1])); log = open(sys.argv[2]).read(); events = int(sys.argv[3])
wall = float(sys.argv[5]) - float(sys.argv[4]); budget = t["protocol"]["budget_seconds"]
total = sum(len(a["trials"]) for a in t["algorithms"].values())
pace = {m.group(1): (float(m.group(2)), m.group(3)) for m in re.finditer(
    r"tune: summary: (\S+)\s+\d+ trials in .+?, ([\d.]+) a minute( \(skipped\))?", log)}
print(f"{events:,} events, budget {budget} s, wall time {wall:.0f} s (the whole command, reading "
      f"the corpus included): {'within' if wall <= budget else 'OVER'} the budget")
print(f"{total} trials, {total / (wall / 60):.1f} trials per minute; load average "
      f"{sys.argv[6]} before, {sys.argv[7]} after")
print(f"{'algorithm':10} {'trials':>6} {'abandoned':>9} {'per min':>7} {'skipped':>7} "
      f"{'budget reached':>14} {'val HR@20':>9} {'val MRR@20':>10}")
for name, a in t["algorithms"].items():
    hr = f"{a['hr']:.4f}" if a["hr"] is not None else "-"
    mrr = f"{a['mrr']:.4f}" if a["mrr"] is not None else "-"
    abandoned = sum(1 for x in a["trials"] if x["status"] == "abandoned")
    per_min = f"{pace[name][0]:.1f}" if name in pace else "-"
    print(f"{name:10} {len(a['trials']):6} {abandoned:9} {per_min:>7} "
          f"{str(a.get('skipped', False)):>7} {str(a['stopped_by_budget']):>14} {hr:>9} {mrr:>10}")
PY
