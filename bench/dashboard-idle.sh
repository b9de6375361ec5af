#!/usr/bin/env bash
# What a dashboard costs: RSS and CPU of one dashboard next to its agent on loopback, first with no browser
# (a window after it settled), then with one "browser" refreshing the cluster page every 2 s as htmx does
# (GET / with HX-Request, curl). Medians over the runs.
#
#   bench/dashboard-idle.sh [--runs N] [--settle SECONDS] [--window SECONDS] [--warm SECONDS] [--smaps] DASHBOARD AGENT
#
# DASHBOARD and AGENT are builds: a .dll runs under dotnet exec, anything else (the NativeAOT agent or a published
# dashboard executable) as it is. Extra DOTNET_* variables in this script's environment reach the dashboard only
# through DASHBOARD_ENV, e.g. DASHBOARD_ENV="DOTNET_TieredPGO=0" to try a runtime setting without a rebuild.
#
# Besides the two windows each run prints the CPU the first partial render took (first_ms: the browser's first
# poll, which JIT-compiles MVC's and Razor's path), and with --warm S the browser polls S seconds more before its
# window is measured, so the window shows the steady state rather than the code being compiled again at tier 1.
# --smaps prints the idle dashboard's RSS by mapping (file, anonymous, JIT code) for the first run.
# Linux only; needs curl.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

runs=3 settle=60 window=30 warm=0 smaps=false
while [ $# -gt 2 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    --smaps) smaps=true; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
usage="usage: bench/dashboard-idle.sh [--runs N] [--settle S] [--window S] [--warm S] [--smaps] DASHBOARD AGENT"
dashboard=${1:?$usage}
agent=${2:?$usage}

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
pct() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v s="$window" 'BEGIN { printf "%.3f", 100 * t / hz / s }'; }
ms() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%d", 1000 * t / hz }'; }
# RSS by mapping in MiB, largest first: file-backed by path, anonymous memory as [anon], the JIT's double-mapped
# code (W^X) as [jit code]; the second column is what of it is private and dirty.
by_mapping() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { name = NF >= 6 ? $6 : "[anon]"; if (name ~ /doublemapper/) name = "[jit code]"; next }
    /^Rss:/ { rss[name] += $2 } /^Private_Dirty:/ { dirty[name] += $2 }
    END { for (n in rss) if (rss[n] >= 512) printf "%7.1f %7.1f  %s\n", rss[n] / 1024, dirty[n] / 1024, n }' "/proc/$1/smaps" | sort -rn
}
browse() { curl -sf -H "HX-Request: true" "http://127.0.0.1:$1/" > /dev/null || true; }

idle_cpu=() idle_rss=() first_ms=() busy_cpu=() busy_rss=()
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/psstd-dash-XXXXXX)
  gossip=$((30000 + RANDOM % 15000)) http=$((45000 + RANDOM % 15000))
  PSSTD_NODE_NAME="dash-$run" PSSTD_DB="$dir/state" PSSTD_SOCKET="$dir/agent.sock" PSSTD_GOSSIP="127.0.0.1:$gossip" \
    PSSTD_MDNS=false PSSTD_WEB=false run_build "$agent" > "$dir/agent.log" 2>&1 &
  agent_pid=$!
  # shellcheck disable=SC2086 # DASHBOARD_ENV is a list of NAME=VALUE words
  env ${DASHBOARD_ENV:-} PSSTD_SOCKET="$dir/agent.sock" PSSTD_HTTP="127.0.0.1:$http" Logging__LogLevel__Default=Warning \
    bash -c "$(declare -f run_build); run_build \"\$0\"" "$dashboard" > "$dir/dashboard.log" 2>&1 &
  dash_pid=$!
  until curl -sf "http://127.0.0.1:$http/healthz" > /dev/null 2>&1; do
    kill -0 "$dash_pid" 2> /dev/null || { echo "the dashboard exited:" >&2; cat "$dir/dashboard.log" >&2; exit 1; }
    sleep 0.1
  done
  sleep "$settle"
  t0=$(ticks "$dash_pid"); sleep "$window"; t1=$(ticks "$dash_pid")
  idle_cpu+=("$(pct $((t1 - t0)))") idle_rss+=("$(rss_mib "$dash_pid")")
  if [ "$smaps" = true ] && [ "$run" = 1 ]; then
    echo "run 1 idle, RSS by mapping (MiB, private dirty MiB, mapping):"; by_mapping "$dash_pid"
  fi
  t0=$(ticks "$dash_pid"); browse "$http"; t1=$(ticks "$dash_pid")
  first_ms+=("$(ms $((t1 - t0)))")
  sleep 2
  end=$(( $(date +%s) + warm ))
  while [ "$(date +%s)" -lt "$end" ]; do browse "$http"; sleep 2; done
  t0=$(ticks "$dash_pid")
  end=$(( $(date +%s) + window ))
  while [ "$(date +%s)" -lt "$end" ]; do browse "$http"; sleep 2; done
  t1=$(ticks "$dash_pid")
  busy_cpu+=("$(pct $((t1 - t0)))") busy_rss+=("$(rss_mib "$dash_pid")")
  echo "run $run: idle cpu_pct=${idle_cpu[-1]} rss_mib=${idle_rss[-1]} | first render cpu_ms=${first_ms[-1]}" \
    "| one browser every 2 s cpu_pct=${busy_cpu[-1]} rss_mib=${busy_rss[-1]}"
  kill -TERM "$dash_pid" "$agent_pid"; wait "$dash_pid" "$agent_pid" 2> /dev/null || true
  rm -rf "$dir"
done
echo "median of $runs: idle cpu_pct=$(printf '%s\n' "${idle_cpu[@]}" | median) rss_mib=$(printf '%s\n' "${idle_rss[@]}" | median)" \
  "| first render cpu_ms=$(printf '%s\n' "${first_ms[@]}" | median)" \
  "| one browser cpu_pct=$(printf '%s\n' "${busy_cpu[@]}" | median) rss_mib=$(printf '%s\n' "${busy_rss[@]}" | median)"
