#!/usr/bin/env bash
# RSS of a lone agent once it has settled: the socket-only agent a deployment runs.
#
#   bench/agent-rss.sh [--runs N] [--settle SECONDS] [--otlp URL] AGENT_DLL
#
# Starts `dotnet exec AGENT_DLL` with its own state directory and socket, gossip on a loopback port,
# no mDNS and no peers; reads VmRSS from /proc after SETTLE seconds (default 60); prints each run and
# the median. --otlp sets OTEL_EXPORTER_OTLP_ENDPOINT (telemetry on). Linux only.
set -euo pipefail

runs=3 settle=60 otlp=""
while [ $# -gt 1 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --otlp) otlp=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
dll=${1:?usage: bench/agent-rss.sh [--runs N] [--settle SECONDS] [--otlp URL] AGENT_DLL}

values=()
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/psstd-rss-XXXXXX)
  port=$((30000 + RANDOM % 20000))
  env PSSTD_NODE_NAME="rss-$run" PSSTD_DB="$dir/state" PSSTD_SOCKET="$dir/agent.sock" PSSTD_GOSSIP="127.0.0.1:$port" \
    PSSTD_MDNS=false ${otlp:+OTEL_EXPORTER_OTLP_ENDPOINT=$otlp} dotnet exec "$dll" > "$dir/log" 2>&1 &
  pid=$!
  sleep "$settle"
  kib=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$dir"
  mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')
  echo "run $run: rss_mib=$mib"
  values+=("$mib")
done
printf '%s\n' "${values[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median of %d: rss_mib=%s\n", NR, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
