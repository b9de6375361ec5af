#!/usr/bin/env bash
# Footprint of an idle local cluster: RSS and CPU % of every agent and dashboard, read from /proc.
#
#   bench/cluster-footprint.sh [--nodes N] [--warmup SECONDS] [--window SECONDS]
#
# Builds Release, starts Psstd.AppHost, waits until the cluster is ready, lets it idle for the warm-up
# (default 120 s), then measures CPU over a window (default 60 s) and RSS at its end. Prints a
# Markdown table for bench/RESULTS.md, then stops the cluster. Linux only.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=3 warmup=120 window=60
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

dotnet build Psstd.AppHost -c Release -v quiet -nologo >/dev/null
log=$(mktemp)
setsid dotnet run -c Release --no-build --project Psstd.AppHost -- --nodes "$nodes" >"$log" 2>&1 &
runner=$!
cleanup() { kill -TERM -- "-$runner" 2>/dev/null || true; wait "$runner" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

for _ in $(seq 1 120); do grep -q "nodes ready" "$log" && break; sleep 1; done
grep -q "nodes ready" "$log" || { echo "cluster not ready; log:" >&2; cat "$log" >&2; exit 1; }

host=$(pgrep -f "Psstd.AppHost/bin/Release" | head -n 1)
children=$(pgrep -P "$host")
echo "cluster ready; idling ${warmup}s, then measuring CPU over ${window}s" >&2
sleep "$warmup"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime
declare -A before
for pid in $children; do before[$pid]=$(cpu_ticks "$pid"); done
sleep "$window"

echo "| process | node | RSS MiB | CPU % of one core |"
echo "|---|---|---:|---:|"
for pid in $children; do
  env_name=$(tr '\0' '\n' < "/proc/$pid/environ" | sed -n 's/^PSSTD_NODE_NAME=//p')
  role=$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -o 'psstd-[a-z]*' | head -n 1)
  rss_kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  used=$(( $(cpu_ticks "$pid") - before[$pid] ))
  awk -v r="$role" -v n="$env_name" -v rss="$rss_kib" -v used="$used" -v t="$ticks" -v w="$window" \
    'BEGIN { printf "| %s | %s | %.1f | %.2f |\n", r, n, rss / 1024, 100 * used / t / w }'
done | sort
