#!/usr/bin/env python3
"""Sorts the samples of `perf script -F comm,tid,ip,sym,dso` (with call stacks) of one psstd agent by the layer that
burnt the CPU (runtime, GC, JIT, thread pool, timers, kernel UDP, SQLite, managed app code...), where
bench/perf-components.py sorts them by the agent's activity. The two views answer different questions: "which
feature costs" and "what kind of code runs".

A sample goes to the first rule that matches, top to bottom:
  JIT                a frame in libclrjit, or the tiered-compilation thread
  GC                 a frame in a standalone GC (DOTNET_GCName=libclrgc*.so; the GC built into libcoreclr has no
                     symbols in Microsoft's build, so run with the standalone GC to see it), or a NativeAOT GC frame
                     (WKS::, gc_heap, GCHeap)
  SQLite             a frame in libe_sqlite3, or in Microsoft.Data.Sqlite / SQLitePCL
  kernel: UDP/net    leaf in the kernel under a socket call (udp, inet, sock_, sendmsg, recvmsg, loopback)
  kernel: sched/wait leaf in the kernel under futex, epoll, nanosleep, sched_yield or a context switch
  kernel: /proc, fs  leaf in the kernel under a file read/write/open/stat (the sampler's /proc reads, the WAL)
  kernel: other      any other kernel leaf (page faults, timers, syscall entry)
  thread pool        leaf in managed PortableThreadPool / LowLevelLifoSemaphore / ThreadPoolWorkQueue code
  timers             leaf in managed TimerQueue / TimerQueueTimer code
  managed: app       leaf in Psstd.* code
  managed: framework leaf in other managed code (BCL, ASP.NET Core, packages; jitted or ReadyToRun)
  runtime: native    leaf in libcoreclr, libSystem.Native, libc or the NativeAOT runtime (Rhp*, stubs)
Prints share, samples and % of one core (997 Hz over 30 s by default, or over the seconds given second).

    python3 bench/perf-layers.py OUT/A-late.txt [SECONDS]
"""
import collections
import re
import sys

from perf_samples import samples

RATE_HZ = 997
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 and __name__ == "__main__" else 30

KERNEL = "[kernel.kallsyms]"
NET = re.compile(r"udp|inet_|sock_|sys_sendmsg|sys_recvmsg|sys_sendto|sys_recvfrom|sendmsg|recvmsg|loopback|net_rx|__dev_queue|ip_(?:rcv|output|finish|send|local)")
WAIT = re.compile(r"futex|epoll|nanosleep|sched_yield|schedule|finish_task_switch|pick_next|do_nanosleep")
FS = re.compile(r"vfs_|ksys_read|ksys_write|pread|pwrite|do_sys_open|openat|statx|statfs|getdents|proc_|seq_read|ext4_|jbd2")
MANAGED_POOL = re.compile(r"PortableThreadPool|LowLevelLifoSemaphore|ThreadPoolWorkQueue|ThreadPoolWorker|WorkerThread")
MANAGED_TIMER = re.compile(r"TimerQueue")
# NativeAOT managed symbols: assembly prefix, type and method joined with underscores and a double underscore.
AOT_MANAGED = re.compile(r"^(S_P_|System_|Microsoft_|psstd_agent_|Psstd_|SQLitePCL|Polly|YamlDotNet|Spectre)")


def frame(text):
    """(symbol, dso) of one stack line `ip sym (dso)`."""
    match = re.match(r"\S+\s+(.*)\s+\(([^()]*)\)$", text)
    return (match.group(1), match.group(2)) if match else (text, "")


def is_managed(sym, dso):
    if dso.startswith("/tmp/perf-") or dso.endswith(".dll") or dso.startswith("memfd:doublemapper"):
        return True
    # NativeAOT: the agent's own executable holds managed code and the runtime.
    return dso.endswith("/psstd-agent") and bool(AOT_MANAGED.match(sym))


def layer(sample):
    head, frames = sample[0], [frame(f) for f in sample[1:]]
    dsos = " ".join(d for _, d in frames)
    syms = "\n".join(s for s, _ in frames)
    if "libclrjit" in dsos or head.startswith(".NET Tiered"):
        return "JIT"
    if "libclrgc" in dsos or re.search(r"WKS::|SVR::|gc_heap|GCHeap|RhpGcAlloc|RhpCollect", syms):
        return "GC"
    if "e_sqlite3" in dsos or re.search(r"Microsoft\.Data\.Sqlite|SQLitePCL|Microsoft_Data_Sqlite", syms):
        return "SQLite"
    if not frames:
        return "unknown"
    sym, dso = frames[0]
    if dso == KERNEL:
        if NET.search(syms):
            return "kernel: UDP/net"
        if FS.search(syms):
            return "kernel: /proc, fs"
        if WAIT.search(syms):
            return "kernel: sched/wait"
        return "kernel: other"
    if is_managed(sym, dso):
        dotted = sym.replace("_", ".")
        if MANAGED_POOL.search(dotted):
            return "thread pool (managed)"
        if MANAGED_TIMER.search(dotted):
            return "timers (managed)"
        if "Psstd." in sym or sym.startswith(("psstd_agent_", "Psstd_")):
            return "managed: app (Psstd.*)"
        return "managed: framework"
    return "runtime: native (coreclr, libc, stubs)"


if __name__ == "__main__":
    counts = collections.Counter(layer(s) for s in samples(sys.argv[1]))
    total = sum(counts.values())
    print(f"{total} samples, {100 * total / RATE_HZ / SECONDS:.2f} % of one core")
    for name, count in counts.most_common():
        print(f"{100 * count / total:5.1f} %  {count:5d}  {100 * count / RATE_HZ / SECONDS:5.2f} % of a core  {name}")
