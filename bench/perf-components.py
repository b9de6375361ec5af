#!/usr/bin/env python3
"""Sorts the samples of `perf script -F comm,tid,ip,sym,dso` (with call stacks) of one psstd agent by component.

A sample goes to the first component whose pattern matches any frame of its stack; a thread-pool sample with no
match is either the pool waking, spinning or going to sleep (scheduler and futex frames only) or work whose
frames perf could not name (runtime and ReadyToRun framework code). Prints share, samples and % of one core
(997 Hz over 30 s, as bench/agent-profile.sh records, or over the seconds given as a second argument).
"""
import collections
import re
import sys

from perf_samples import samples

COMPONENTS = [
    ("JIT", r"libclrjit"),
    ("sampling (/proc, statvfs)", r"Psstd\.Agent\.Metrics|proc_pid_readdir|seq_read|statfs|show_stat|diskstats|meminfo_proc|dev_seq"),
    ("heartbeat publish", r"Psstd\.Agent\.Heartbeat"),
    ("store writes (SQLite)", r"Psstd\.Agent\.Store|Sqlite|e_sqlite3|ext4_|jbd2"),
    ("health checks", r"HealthCheck"),
    ("telemetry (metrics, logging)", r"OpenTelemetry|System\.Diagnostics\.Metrics|Microsoft\.Extensions\.Logging|Psstd\.Gossip\.Telemetry"),
    ("gossip (rounds, receive, send)", r"Psstd\.Gossip|Psstd\.Agent\.Gossip|System\.Net\.Sockets"),
    ("local API (Kestrel)", r"Kestrel|AspNetCore|Psstd\.Agent\.LocalApi"),
    ("parent watch (bench only)", r"ParentProcessWatcher"),
    ("configuration file watcher", r"FileSystemWatcher|PhysicalFilesWatcher"),
    ("timers (TimerQueue)", r"TimerQueue|PeriodicTimer"),
]
WAITING = re.compile(r"sched_yield|finish_task_switch|futex|epoll_wait|pthread_cond")
RATE_HZ = 997
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 30


def component(sample):
    head, stack = sample[0], "\n".join(sample[1:])
    # NativeAOT names methods with underscores (psstd_agent_Psstd_Agent_Store_StoreWriter__Tick): match dotted too.
    dotted = stack.replace("_", ".")
    for name, pattern in COMPONENTS:
        if re.search(pattern, stack) or re.search(pattern, dotted):
            return name
    if "TP Worker" in head or "TP Gate" in head:
        return "thread pool: waking, spinning, sleeping" if WAITING.search(stack) else "thread pool: unnamed frames (runtime, framework)"
    if "Tiered" in head:
        return "JIT"
    if "Timer" in head:
        return "timers (TimerQueue)"
    if "Sockets" in head:
        return "gossip (rounds, receive, send)"
    return "other: " + " ".join(head.split()[:-1])


counts = collections.Counter(component(s) for s in samples(sys.argv[1]))
total = sum(counts.values())
print(f"{total} samples, {100 * total / RATE_HZ / SECONDS:.2f} % of one core")
for name, count in counts.most_common():
    print(f"{100 * count / total:5.1f} %  {count:5d}  {100 * count / RATE_HZ / SECONDS:5.2f} % of a core  {name}")
