#!/usr/bin/env bash
# Where an idle agent's CPU goes: a loopback cluster whose even members run build A and odd members build B (as
# bench/agent-ab.sh), with perf maps on; perf samples member 0 (A) and member 1 (B) for 30 s from 60 s and from
# 150 s after start (or from --late S), on the kernel's CPU clock (so kernel, runtime and SQLite time count too), and
# bench/perf-components.py sorts the samples by component (what the agent is doing) and bench/perf-layers.py by
# layer (JIT, GC, runtime, kernel, managed code). Needs perf (Debian: linux-perf), root or perf_event_paranoid <= 1
# for the kernel stacks. --members M samples members 0, 2, ... (A) and 1, 3, ... (B), M of each, for M times the
# samples; the % of a core printed is then per member (the average of the M).
#
#   bench/agent-profile.sh A/psstd-agent.dll B/psstd-agent.dll [--nodes N] [--port FIRST_PORT] [--out DIR] [--members M] [--late S]
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
a=$1 b=$2; shift 2
nodes=10 port=27501 out=$(mktemp -d /tmp/psstd-profile-XXXX) members=1 late=150
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --out) out=$2; mkdir -p "$out"; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --late) late=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [ "$late" -ge 90 ] 2>/dev/null; then echo "--late must be a whole number of seconds, 90 or more (the early window ends at 90 s): $late" >&2; exit 2; fi
command -v perf >/dev/null || { echo "perf is missing: apt-get install -y linux-perf" >&2; exit 2; }


root=$(mktemp -d /tmp/psstd-prof-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT

for i in $(seq 0 $((nodes - 1))); do
  dll=$a; [ $((i % 2)) -eq 1 ] && dll=$b
  # Perf maps name jitted methods; without W^X the code is not hidden behind a double mapping perf cannot read.
  PSSTD_NODE_NAME=pf-$i PSSTD_GOSSIP=127.0.0.1:$((port + i)) PSSTD_SEEDS=127.0.0.1:$port PSSTD_DB=$root/state-$i \
    PSSTD_SOCKET=$root/$i.sock PSSTD_MDNS=false PSSTD_WEB=false PSSTD_PARENT_PID=$$ \
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
    Logging__LogLevel__Default=Warning run_build "$dll" >"$root/$i.log" 2>&1 &
  pids+=($!)
done

sampled() { local i list=""; for i in $(seq "$1" 2 $((2 * members - 1))); do list+="${list:+,}${pids[$i]}"; done; echo "$list"; }
sleep 60
for window in early late; do
  echo "$window window: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  perf record -F 997 -g -p "$(sampled 0)" -o "$out/A-$window.data" -- sleep 30 >/dev/null 2>&1 & ra=$!
  perf record -F 997 -g -p "$(sampled 1)" -o "$out/B-$window.data" -- sleep 30 >/dev/null 2>&1 & rb=$!
  wait "$ra" "$rb"
  [ "$window" = early ] && sleep $((late - 90))
done

for build in A B; do
  for window in early late; do
    perf script -i "$out/$build-$window.data" -F comm,tid,ip,sym,dso >"$out/$build-$window.txt" 2>/dev/null
    echo "== build $build, $window window (30 s at 997 Hz, $members member(s), % of a core per member)"
    python3 "$here/perf-components.py" "$out/$build-$window.txt" $((30 * members))
    python3 "$here/perf-layers.py" "$out/$build-$window.txt" $((30 * members))
  done
done
echo "perf data in $out"
