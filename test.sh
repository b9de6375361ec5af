#!/usr/bin/env bash
# The README's test command, and what CI runs (.ci/run calls it): installs the Debian packages some
# test categories need when it can (root with apt-get), restores, builds, runs `dotnet test`, and
# prints "N passed, N failed". Where a package cannot be installed, the categories that need it are
# left out with a line saying so, so a machine with only the .NET SDK still gets a green run.
# Where clang is present the multi-process tests then run a second time with the NativeAOT agent (the AOT
# pass). Extra arguments go to `dotnet test` (for example --filter "Category=Integration") and leave
# the AOT pass out.
# Exits non-zero when a test fails or none ran.
set -euo pipefail
cd "$(dirname "$0")"

# CI reads the summary line. Whatever stops this script before it (a failed restore or build, an unreadable
# result file), the last line still says "N passed, N failed", counting the run as failed.
summary_printed=0
summary_on_early_exit() {
  local code=$?
  if [ "$summary_printed" -eq 0 ]; then
    echo "stopped before any test result was counted (exit $code)" >&2
    echo "0 passed, 1 failed"
  fi
}
trap summary_on_early_exit EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # the browser test drives Debian's Chromium, never a download

can_install() { [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null 2>&1; }
apt_updated=0
install() {
  if [ "$apt_updated" -eq 0 ]; then apt-get update -qq < /dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" < /dev/null > /dev/null
}
left_out=()

# Each need: the category, a check that its tools are here, the Debian packages that bring them.
deploy_present() {
  for tool in systemd-analyze ansible-playbook yamllint xmllint shellcheck python3; do
    command -v "$tool" > /dev/null 2>&1 || return 1
  done
  python3 -c 'import yaml' 2> /dev/null
}
browser_present() { [ -x /usr/bin/chromium ]; }
# The Windows agent runs under Wine (one test, which publishes it for win-x64 and reads it through a Linux peer).
wine_present() { command -v wine > /dev/null 2>&1 && command -v wineserver > /dev/null 2>&1; }
# NativeAOT: the agent's Linux publish (the release archive, --netns, the AOT pass below) links with clang.
aot_present() { command -v clang > /dev/null 2>&1 && [ -e /usr/include/zlib.h ]; }
netns_present() {
  command -v avahi-browse > /dev/null 2>&1 && [ -x /usr/sbin/avahi-daemon ] && command -v dbus-daemon > /dev/null 2>&1 \
    && command -v ip > /dev/null 2>&1 && command -v tc > /dev/null 2>&1 && aot_present
}
need() {
  local category=$1 check=$2; shift 2
  if "$check"; then
    echo "$category: tools present"
  elif can_install && install "$@" && "$check"; then
    echo "$category: installed $*"
  else
    echo "$category: left out (needs the Debian packages $*; run as root with apt-get to include it)" >&2
    left_out+=("$category")
  fi
}

echo "== tools some test categories need"
need Deploy deploy_present systemd ansible-core python3-yaml yamllint libxml2-utils shellcheck
need Browser browser_present chromium
need Wine wine_present wine wine64
need Release aot_present clang zlib1g-dev
if [ "$(id -u)" -eq 0 ]; then
  need Netns netns_present avahi-daemon avahi-utils dbus iproute2 clang zlib1g-dev
else
  echo "Netns: not root, so these tests skip themselves with the reason"
fi

echo "== toolchain"
dotnet --version

echo "== restore and build"
dotnet restore Psstd.sln
dotnet build Psstd.sln --no-restore

# The NativeAOT agent, published where the AppHost's --netns mode looks for it (beside the agent's build), so that no
# test waits for it; the AOT pass below runs the multi-process tests again with it.
native_agent="$(pwd)/Psstd.Agent/bin/Debug/net10.0/native/psstd-agent"
if aot_present; then
  echo "== NativeAOT agent"
  dotnet publish Psstd.Agent -c Release -r linux-x64 -o "$(dirname "$native_agent")" --nologo -v quiet
  touch "$native_agent" # current for the build above, also when the publish had nothing to redo
else
  echo "NativeAOT agent: not published (needs clang and zlib1g-dev); the AOT pass is left out" >&2
  left_out+=("AOT")
fi

filter=()
if [ "${#left_out[@]}" -gt 0 ]; then
  expression=""
  for category in "${left_out[@]}"; do expression="${expression:+$expression&}Category!=$category"; done
  filter=(--filter "$expression")
fi

echo "== test"
results="$(pwd)/TestResults"
rm -rf "$results"
status=0
# One TRX per test project, each in its own folder under TestResults (VSTestResultsDirectory in each
# test project); the counters of all of them are summed.
dotnet test Psstd.sln --no-build --logger "trx;LogFileName=psstd.trx" --logger "console;verbosity=normal" \
  "${filter[@]}" "$@" || status=$?

# The AOT pass: every multi-process test again, each agent the NativeAOT executable (ChildBinaries reads
# PSSTD_APPHOST_AGENT, also in the AppHosts the tests start), so both builds stay working.
# Left out when the run was narrowed with extra arguments.
if [ $# -eq 0 ] && aot_present && [ -x "$native_agent" ]; then
  echo "== test, AOT pass"
  # The Netns AppHost tests run the native agent in the first pass already; mDNS against Avahi runs again here.
  aot_filter="Category=Integration"
  if [[ " ${left_out[*]} " != *" Netns "* ]] && [ "$(id -u)" -eq 0 ]; then aot_filter="$aot_filter|FullyQualifiedName~AvahiInteropTests"; fi
  PSSTD_APPHOST_AGENT="$native_agent" dotnet test Psstd.IntegrationTests --no-build --filter "$aot_filter" \
    --logger "trx;LogFileName=psstd-aot.trx" --logger "console;verbosity=normal" || status=$?
fi

shopt -s nullglob
trx_files=("$results"/*/psstd*.trx)
if [ "${#trx_files[@]}" -eq 0 ]; then
  summary_printed=1
  echo "0 passed, 0 failed"
  echo "no test results were written (no $results/*/psstd.trx)" >&2
  exit 1
fi

# Sums one attribute of the <Counters> element over every TRX file.
count() {
  local total=0 file v
  for file in "${trx_files[@]}"; do
    v=$(grep -o '<Counters [^>]*>' "$file" | head -n 1 | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" || true)
    total=$(( total + ${v:-0} ))
  done
  echo "$total"
}
for file in "${trx_files[@]}"; do echo "results: ${file#"$results"/}"; done
passed=$(count passed); total=$(count total); executed=$(count executed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(( total - executed ))

# The failed tests by name, next to the summary, so that the end of a long log says which ones.
for file in "${trx_files[@]}"; do
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$file" \
    | sed -n 's/.* testName="\([^"]*\)".*/failed: \1/p' || true
done
if [ "${#left_out[@]}" -gt 0 ]; then echo "left out for missing packages: ${left_out[*]}"; fi
echo "${skipped} skipped"
# The summary CI reads: exactly "N passed, N failed" on a line of its own, last.
summary_printed=1
echo "${passed} passed, ${failed} failed"

if [ "$executed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
