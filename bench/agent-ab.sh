#!/usr/bin/env bash
# Two agent builds side by side in one loopback cluster: even members run build A, odd members build B, so both
# halves see the same load on a shared machine. CPU % of one core (utime+stime from /proc/PID/stat) over an early
# window (40-70 s after start) and a later one (150-210 s, or from --late S to S+60 s), VmRSS at the end; medians
# per build. A build is an assembly (run with dotnet exec) or any executable (the NativeAOT agent, or a wrapper
# script that sets DOTNET_* variables and execs `dotnet exec DLL`, to try runtime settings without a rebuild).
#
#   bench/agent-ab.sh A/psstd-agent.dll B/psstd-agent.dll [--nodes N] [--port FIRST_PORT] [--late S]
#
# Linux only; every agent is told to stop with this script (PSSTD_PARENT_PID) and killed by pid at the end.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
a=$1 b=$2; shift 2
nodes=10 port=27201 late=150
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --late) late=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [ "$late" -ge 70 ] 2>/dev/null; then echo "--late must be a whole number of seconds, 70 or more (the early window ends at 70 s): $late" >&2; exit 2; fi


root=$(mktemp -d /tmp/psstd-ab-XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT

for i in $(seq 0 $((nodes - 1))); do
  dll=$a; [ $((i % 2)) -eq 1 ] && dll=$b
  PSSTD_NODE_NAME=ab-$i PSSTD_GOSSIP=127.0.0.1:$((port + i)) PSSTD_SEEDS=127.0.0.1:$port PSSTD_DB=$root/state-$i \
    PSSTD_SOCKET=$root/$i.sock PSSTD_MDNS=false PSSTD_WEB=false PSSTD_PARENT_PID=$$ \
    Logging__LogLevel__Default=Warning run_build "$dll" >"$root/$i.log" 2>&1 &
  pids+=($!)
done

ticks() { for p in "${pids[@]}"; do awk '{ printf "%d ", $14 + $15 }' "/proc/$p/stat"; done; }
sleep 40; t1=$(ticks); load1=$(cut -d' ' -f1 /proc/loadavg)
sleep 30; t2=$(ticks)
sleep $((late - 70)); t3=$(ticks); load2=$(cut -d' ' -f1 /proc/loadavg)
sleep 60; t4=$(ticks)
rss=$(for p in "${pids[@]}"; do awk '/^VmRSS:/ { printf "%d ", $2 }' "/proc/$p/status"; done)

python3 - "$t1" "$t2" "$t3" "$t4" "$rss" "$(getconf CLK_TCK)" "$late" <<'PY'
import statistics, sys
t1, t2, t3, t4, rss = [list(map(int, a.split())) for a in sys.argv[1:6]]
hz, late_s = int(sys.argv[6]), int(sys.argv[7])
half = lambda values, g: [v for i, v in enumerate(values) if i % 2 == g]
for name, g in (("A", 0), ("B", 1)):
    early = [100 * (y - x) / hz / 30 for x, y in zip(half(t1, g), half(t2, g))]
    late = [100 * (y - x) / hz / 60 for x, y in zip(half(t3, g), half(t4, g))]
    print(f"{name}: CPU % 40-70 s {statistics.median(early):.2f} | CPU % {late_s}-{late_s + 60} s {statistics.median(late):.2f} | RSS MiB {statistics.median(half(rss, g)) / 1024:.1f}")
PY
echo "load average at the windows: $load1, $load2"
