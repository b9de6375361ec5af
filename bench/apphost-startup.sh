#!/usr/bin/env bash
# How fast the local cluster comes up and how cleanly Ctrl+C takes it down, measured by command.
#
#   bench/apphost-startup.sh [--runs N] [--nodes N] [--label TEXT] [-- COMMAND ...]
#
# COMMAND defaults to `dotnet run --project Psstd.AppHost -- --nodes N` (what a user types; build
# first so the build is warm). Each run starts COMMAND as a job of its own (its own process group) and records:
#   ready_s  seconds from the start until every psstd dashboard listed in the command's table
#            (lines "  node-N  http://...") answers /api/cluster with every node fresh
#   stop_s   seconds from SIGINT to the process group (what Ctrl+C in a terminal sends) until no
#            process the run started is left and its psstd-apphost-* directory is gone
#   rss_mib  summed RSS of every process of the run once ready, and of the agents alone
# Prints one line per run and the medians. Linux only; needs curl.
set -euo pipefail
# Job control: without it, background commands start with SIGINT ignored and Ctrl+C could not be imitated.
set -m
cd "$(dirname "$0")/.."
# A command started in the background of a non-interactive shell ignores SIGINT, and so would every
# process this script starts: refuse rather than time a Ctrl+C that cannot arrive.
if (( 0x$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status) & 2 )); then
  echo "SIGINT is ignored in this shell (started with & from a script?): run this script in the foreground" >&2
  exit 2
fi

runs=5 nodes=3 label=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if [ $# -gt 0 ]; then command=("$@"); else command=(dotnet run --project Psstd.AppHost -- --nodes "$nodes"); fi

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Every process below $1 (by parent id) or in its process group, and everything below a process that
# watches one of them with `--monitor PID` (Aspire's DCP detaches into a session of its own).
below() {
  local found="$1" frontier="$1" next pid
  while [ -n "$frontier" ]; do
    next=""
    for pid in $frontier; do next="$next $(pgrep -P "$pid" || true)"; done
    frontier=$(echo "$next" | xargs)
    found="$found $frontier"
  done
  echo "$found"
}
tree() {
  local own monitors pid
  own="$(below "$1") $(pgrep -g "$1" || true)"
  monitors=""
  for pid in $own; do monitors="$monitors $(pgrep -f -- "--monitor $pid( |$)" || true)"; done
  for pid in $monitors; do own="$own $(below "$pid")"; done
  echo "$own" | tr ' ' '\n' | grep -v '^$' | sort -un | xargs
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ready_all=() stop_all=() rss_all=() agents_all=()
for run in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(now)
  "${command[@]}" >"$log" 2>&1 < /dev/null &
  leader=$!
  trap 'kill -KILL -- "-$leader" 2>/dev/null || true' EXIT

  urls=""
  ready=""
  for _ in $(seq 1 1200); do
    if ! kill -0 "$leader" 2>/dev/null; then break; fi
    urls=$(grep -oE '^  node-[0-9]+ +http://[^ ]+' "$log" | awk '{ print $2 }' || true)
    if [ "$(echo "$urls" | grep -c http || true)" -eq "$nodes" ]; then
      all=1
      for url in $urls; do
        fresh=$(curl -s --max-time 2 "${url}api/cluster" | grep -o '"health":"fresh"' | wc -l || true)
        [ "$fresh" -eq "$nodes" ] || { all=0; break; }
      done
      if [ "$all" -eq 1 ]; then ready=$(since "$start"); break; fi
    fi
    sleep 0.1
  done
  if [ -z "$ready" ]; then echo "run $run: not ready; log:" >&2; cat "$log" >&2; exit 1; fi

  pids=$(tree "$leader")
  total=0 agents=0
  for pid in $pids; do
    kib=$(rss_kib "$pid"); total=$((total + kib))
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'psstd-agent'; then agents=$((agents + kib)); fi
  done
  root=$(grep -oE '/[^ ]*psstd-apphost-[0-9]+' "$log" | head -n 1 | sed -E 's#(psstd-apphost-[0-9]+).*#\1#' || true)

  stop_start=$(now)
  kill -INT -- "-$leader" 2>/dev/null || true
  stopped=""
  for _ in $(seq 1 600); do
    alive=0
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1 && break; done
    if [ "$alive" -eq 0 ] && { [ -z "$root" ] || [ ! -e "$root" ]; }; then stopped=$(since "$stop_start"); break; fi
    sleep 0.1
  done
  if [ -z "$stopped" ]; then
    stopped="timeout"
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && echo "left: $pid $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)" >&2; done
    # shellcheck disable=SC2086 # a list of pids, split on purpose
    kill -KILL $pids 2>/dev/null || true
  fi
  trap - EXIT

  printf '%s run %d: ready_s=%s stop_s=%s processes=%d rss_mib=%.0f agents_rss_mib=%.0f\n' \
    "$label" "$run" "$ready" "$stopped" "$(echo "$pids" | wc -w)" "$(echo "$total / 1024" | bc -l)" "$(echo "$agents / 1024" | bc -l)"
  ready_all+=("$ready") stop_all+=("$stopped")
  rss_all+=("$(echo "$total / 1024" | bc -l)") agents_all+=("$(echo "$agents / 1024" | bc -l)")
  rm -f "$log"
done

printf '%s median of %d: ready_s=%s stop_s=%s rss_mib=%.0f agents_rss_mib=%.0f\n' "$label" "$runs" \
  "$(printf '%s\n' "${ready_all[@]}" | median)" "$(printf '%s\n' "${stop_all[@]}" | grep -v timeout | median)" \
  "$(printf '%s\n' "${rss_all[@]}" | median)" "$(printf '%s\n' "${agents_all[@]}" | median)"
