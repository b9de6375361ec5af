#!/usr/bin/env bash
# Start time and RSS of a lone agent once it has settled: the socket-only agent a deployment runs.
#
#   bench/agent-rss.sh [--runs N] [--settle SECONDS] [--otlp URL] AGENT
#
# Starts AGENT (`dotnet exec` of a psstd-agent.dll, or the native NativeAOT psstd-agent as it is) with its
# own state directory and socket, gossip on a loopback port, no mDNS and no peers; measures the seconds
# from its start until /healthz answers on its socket (curl, polled every 10 ms), reads VmRSS from /proc
# after SETTLE seconds (default 60); prints each run and the medians. --otlp sets
# OTEL_EXPORTER_OTLP_ENDPOINT (telemetry on). Linux only.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

runs=3 settle=60 otlp=""
while [ $# -gt 1 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --otlp) otlp=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
dll=${1:?usage: bench/agent-rss.sh [--runs N] [--settle SECONDS] [--otlp URL] AGENT}


values=() readies=()
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/psstd-rss-XXXXXX)
  port=$((30000 + RANDOM % 20000))
  (
    export PSSTD_NODE_NAME="rss-$run" PSSTD_DB="$dir/state" PSSTD_SOCKET="$dir/agent.sock" PSSTD_GOSSIP="127.0.0.1:$port" PSSTD_MDNS=false
    if [ -n "$otlp" ]; then export OTEL_EXPORTER_OTLP_ENDPOINT="$otlp"; fi
    run_build "$dll"
  ) > "$dir/log" 2>&1 &
  pid=$!
  start=$(date +%s.%N)
  until curl -sf --unix-socket "$dir/agent.sock" http://agent/healthz > /dev/null 2>&1; do
    kill -0 "$pid" 2> /dev/null || { echo "the agent exited:" >&2; cat "$dir/log" >&2; exit 1; }
    sleep 0.01
  done
  ready=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  sleep "$settle"
  kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$dir"
  mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')
  echo "run $run: ready_s=$ready rss_mib=$mib"
  values+=("$mib") readies+=("$ready")
done
echo "median of $runs: ready_s=$(printf '%s\n' "${readies[@]}" | median) rss_mib=$(printf '%s\n' "${values[@]}" | median)"
