#!/usr/bin/env bash
# Ingest + sessionize throughput and peak memory: Aisle against pandas on the same generated logs.
#
#   bench/ingest-vs-pandas.sh            # 1M and 10M events (needs Debian's python3-pandas)
#   SIZES="1" bench/ingest-vs-pandas.sh  # only the 1M-event log
#
# Both tools read the same CSV, sort by customer and time and cut sessions at 30-minute pauses;
# Aisle also writes its corpus file. Wall time includes JVM / interpreter start-up. Aisle runs with
# a 1 GiB heap (-Xmx1g), the memory target. Peak RSS is from GNU time. Run it on a quiet machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/aisle-bench-ingest}"
sizes="${SIZES:-1 10}"
mkdir -p "$work"

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
/usr/bin/python3 -c 'import pandas' 2>/dev/null \
  || { echo "needs pandas: apt-get install python3-pandas" >&2; exit 1; }
"$root/aisle" --version >/dev/null   # builds the jar if needed
jar="$root/cli/target/aisle.jar"

# customers for about 1M events over 90 days, scaled linearly (~70 events a customer)
customers_per_million="${CUSTOMERS_PER_MILLION:-14300}"

measure() { # label, command...: prints "seconds peak_kb" and keeps the command's stdout in $work/out
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out"
  cat "$work/time"
}

printf '%-6s %-8s %10s %12s %12s %10s  %s\n' events tool seconds events/s peak_RSS_MB ratio sessions
for m in $sizes; do
  log="$work/shop-${m}m/events.csv"
  if [ ! -f "$log" ]; then
    java -jar "$jar" generate --customers $((m * customers_per_million)) --products 50000 \
      --days 90 --seed 1 --out "$work/shop-${m}m" > /dev/null
  fi
  read -r aisle_s aisle_kb < <(measure aisle java -Xmx1g -jar "$jar" ingest --format aisle \
    --min-product-count 1 --min-session-length 1 --repeats keep --bot-max-session-length 0 \
    --bot-max-rate 0 --out "$work/bench.corpus" "$log")
  aisle_events=$(java -jar "$jar" stats "$work/bench.corpus" --json \
    | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["events"], d["sessions"])')
  read -r events aisle_sessions <<< "$aisle_events"
  read -r pandas_s pandas_kb < <(measure pandas /usr/bin/python3 "$root/bench/pandas_sessionize.py" "$log")
  read -r _ pandas_sessions _ _ < "$work/out"
  aisle_rate=$(/usr/bin/python3 -c "print(round($events / $aisle_s))")
  pandas_rate=$(/usr/bin/python3 -c "print(round($events / $pandas_s))")
  ratio=$(/usr/bin/python3 -c "print(f'{$pandas_s / $aisle_s:.2f}x')")
  printf '%-6s %-8s %10s %12s %12s %10s  %s\n' "${m}M" aisle "$aisle_s" "$aisle_rate" \
    $((aisle_kb / 1024)) "$ratio" "$aisle_sessions"
  printf '%-6s %-8s %10s %12s %12s %10s  %s\n' "${m}M" pandas "$pandas_s" "$pandas_rate" \
    $((pandas_kb / 1024)) "1.00x" "$pandas_sessions"
  read -r load_s _ < <(measure load java -Xmx1g -jar "$jar" stats "$work/bench.corpus")
  echo "       (loading that corpus back with 'aisle stats': ${load_s} s; corpus $(( $(stat -c %s "$work/bench.corpus") / 1048576 )) MB, log $(( $(stat -c %s "$log") / 1048576 )) MB)"
done
echo "(events = $events in the last log; ratio = pandas seconds / aisle seconds; same sessions expected)"
