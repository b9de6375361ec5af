#!/usr/bin/env bash
# Writes the NativeAOT agent's method order (Psstd.Agent/Layout/hot-methods.txt): the methods a running agent
# executes, which the next publish lays out first and together (Psstd.Agent.csproj, "method order").
#
#   sudo bench/agent-layout.sh DIR [--nodes N] [--seconds S] [--port FIRST_PORT] [--out FILE]
#
# DIR is a `dotnet publish Psstd.Agent -c Release -r linux-x64 -o DIR` output (psstd-agent and psstd-agent.dbg).
# It runs a loopback cluster of N agents for S seconds (default 30 and 150) in which member 1, the one traced,
# also answers what a dashboard asks every few seconds, then reads which pages of member 1's executable are
# resident and names every method on them from the symbol file.
#
# Which pages a process touched is only visible when the kernel maps no more than those: normally a fault maps
# up to 64 KiB around the page (fault-around, from pages already cached) after reading ahead. So member 1 runs
# from its own copy of the executable on a small loop-mounted filesystem with read-ahead off, mounted afresh so
# that nothing of it is cached: every page it maps, it touched. Needs root (losetup, mount), python3, nm, curl.
# Everything it creates is removed at exit, also on failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$1; shift
nodes=30 seconds=150 port=27801 out=$here/../Psstd.Agent/Layout/hot-methods.txt
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if [ ! -x "$dir/psstd-agent" ] || [ ! -f "$dir/psstd-agent.dbg" ]; then
  echo "$dir has no psstd-agent and psstd-agent.dbg (publish with -r linux-x64)" >&2; exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "needs root: a loop device with read-ahead off" >&2; exit 2; }
for tool in python3 nm curl losetup; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }; done

root=$(mktemp -d /tmp/psstd-layout-XXXX)
pids=() loop=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if mountpoint -q "$root/mnt"; then umount "$root/mnt"; fi
  if [ -n "$loop" ]; then losetup -d "$loop" 2>/dev/null || true; fi
  rm -rf "$root"
}
trap cleanup EXIT

# The traced copy: its own inode, on a device that reads exactly the pages faulted.
mkdir "$root/mnt"
size_mb=$(( $(stat -c %s "$dir/psstd-agent") / 1048576 + 16 ))
dd if=/dev/zero of="$root/fs.img" bs=1M count="$size_mb" status=none
mkfs.ext4 -q -F "$root/fs.img"
loop=$(losetup -f --show "$root/fs.img")
mount "$loop" "$root/mnt"
cp "$dir/psstd-agent" "$root/mnt/"
[ -f "$dir/libe_sqlite3.so" ] && cp "$dir/libe_sqlite3.so" "$root/mnt/"
umount "$root/mnt"
echo 0 > "/sys/block/$(basename "$loop")/queue/read_ahead_kb"
mount -o ro "$loop" "$root/mnt"
traced=$root/mnt/psstd-agent

for i in $(seq 0 $((nodes - 1))); do
  exe=$dir/psstd-agent; [ "$i" -eq 1 ] && exe=$traced
  PSSTD_NODE_NAME=layout-$i PSSTD_GOSSIP=127.0.0.1:$((port + i)) PSSTD_SEEDS=127.0.0.1:$port PSSTD_DB=$root/state-$i \
    PSSTD_SOCKET=$root/$i.sock PSSTD_MDNS=false PSSTD_WEB=false PSSTD_PARENT_PID=$$ \
    Logging__LogLevel__Default=Warning "$exe" >"$root/$i.log" 2>&1 &
  pids+=($!)
done

# What a dashboard with a browser open asks of its agent: the registration every 3 s, the cluster, a node's
# history, the events and the health every 2 s.
ask() { local path=$1; shift; curl -s -o /dev/null --max-time 2 --unix-socket "$root/1.sock" "$@" "http://agent$path" || true; }
end=$((SECONDS + seconds)) tick=0
while [ $SECONDS -lt $end ]; do
  sleep 1; tick=$((tick + 1))
  if [ $((tick % 3)) -eq 0 ]; then
    ask /v1/dashboard -X PUT -H 'Content-Type: application/json' --data '{"url":"http://127.0.0.1:8080/","leaseSeconds":9}'
  fi
  if [ $((tick % 2)) -eq 0 ]; then
    for path in /v1/cluster /v1/nodes/layout-0/history /v1/events /healthz; do ask "$path"; done
  fi
done

python3 - "${pids[1]}" "$traced" "$dir/psstd-agent.dbg" "$out" <<'PY'
import bisect, struct, subprocess, sys
pid, exe, symbols, out = sys.argv[1:5]
present = set()
with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
    for line in open(f"/proc/{pid}/maps"):
        fields = line.split()
        if len(fields) < 6 or fields[5] != exe or "x" not in fields[1]:
            continue
        start, end = (int(x, 16) for x in fields[0].split("-"))
        for page in range(start, end, 4096):
            pagemap.seek(page // 4096 * 8)
            if struct.unpack("<Q", pagemap.read(8))[0] >> 63:
                present.add(page)
# Only the compiler's own code can be ordered: its sections, not the runtime's C++ in .text.
sections = subprocess.run(["readelf", "-S", "-W", symbols], capture_output=True, text=True, check=True).stdout
managed = []
for line in sections.splitlines():
    fields = line.replace("[ ", "[").split()
    if len(fields) > 5 and fields[1] in ("__managedcode", "__unbox"):
        managed.append((int(fields[3], 16), int(fields[3], 16) + int(fields[5], 16)))
listing = subprocess.run(["nm", "-n", "-S", "--defined-only", symbols], capture_output=True, text=True, check=True).stdout
methods, total = [], 0
for line in listing.splitlines():
    parts = line.split(" ", 3)
    if len(parts) < 4 or parts[2] not in ("t", "T"):
        continue
    address, size, name = int(parts[0], 16), int(parts[1], 16), parts[3]
    if not any(start <= address < end for start, end in managed):
        continue
    total += 1
    if any(page in present for page in range(address & ~4095, address + max(size, 1), 4096)):
        methods.append(name)
with open(out, "w") as f:
    f.write("\n".join(methods) + "\n")
print(f"{len(present) * 4 // 1024} MiB of code pages touched; {len(methods)} of {total} code symbols written to {out}")
PY
