#!/bin/sh
# Starts the framework-dependent build of the program this file is named after
# (psstd-agent -> psstd-agent.dll in the same folder) with the installed .NET runtime, so service
# templates can name the same executable path for every archive. Needs the ASP.NET Core 10 runtime.
here=$(cd "$(dirname "$0")" && pwd)
dll="$here/$(basename "$0").dll"
dotnet=dotnet
if [ -n "${DOTNET_ROOT:-}" ]; then
  dotnet="$DOTNET_ROOT/dotnet"
elif ! command -v dotnet > /dev/null 2>&1; then
  # Service managers start with a short PATH; look where the installers put .NET.
  for dir in /usr/local/share/dotnet /opt/homebrew/share/dotnet /usr/share/dotnet /usr/lib/dotnet; do
    if [ -x "$dir/dotnet" ]; then
      dotnet="$dir/dotnet"
      break
    fi
  done
fi
# exec: the runtime takes this process id, so systemd's and launchd's process tracking stays right.
exec "$dotnet" "$dll" "$@"
