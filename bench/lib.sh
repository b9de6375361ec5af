# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run).

# Runs one of our builds: an assembly (.dll) under dotnet exec, anything else (the NativeAOT agent) as it is.
# It execs, so the pid a caller took with $! is the program's own.
run_build() { case "$1" in *.dll) exec dotnet exec "$1" ;; *) exec "$1" ;; esac; }

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
