#!/usr/bin/env bash
# Release build: publishes psstd-agent and psstd-dashboard for every target, packs one archive per
# target (tar.gz for Linux and macOS, zip for Windows) and writes SHA256SUMS.
#
#   deploy/release/build-all.sh                       all six targets into deploy/release/out/
#   deploy/release/build-all.sh --rid linux-x64       one target (repeatable)
#   deploy/release/build-all.sh --out /tmp/rel       another output directory
#
# The version comes from Directory.Build.props (<Version>), the one place it is set.
#
# Which form each target gets (see deploy/release/README.md):
#   self-contained:             targets whose runtime packs restore from the NuGet feed this build
#                               uses (checked here: linux-x64, win-x64); on Linux the agent is a
#                               NativeAOT executable (needs clang and zlib1g-dev) and the dashboard a
#                               single file, elsewhere both are single files
#   framework-dependent:        the rest; one portable build run with `dotnet psstd-agent.dll`
#                               on a host with the ASP.NET Core 10 runtime
# Override with PSSTD_SELF_CONTAINED="linux-x64 linux-arm64 ..." where more packs are available.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
all_rids="linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64 win-arm64"
self_contained="${PSSTD_SELF_CONTAINED:-linux-x64 win-x64}"
rids=""

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) [ $# -ge 2 ] || { usage >&2; exit 2; }; rids="$rids $2"; shift 2 ;;
    --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
rids="${rids:-$all_rids}"

for rid in $rids; do
  case " $all_rids " in
    *" $rid "*) ;;
    *) echo "unknown target $rid (known: $all_rids)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version="$(dotnet msbuild "$root/Psstd.Agent/Psstd.Agent.csproj" -getProperty:Version)"
[ -n "$version" ] || { echo "no <Version> found in Directory.Build.props" >&2; exit 1; }
echo "psstd $version: targets $rids -> $out"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$out/stage"
rm -rf "$stage"
mkdir -p "$stage"

# No .pdb files in archives; both projects go into one folder per target (they share libraries).
# No build servers: a release build leaves no compiler or MSBuild process running behind it.
common=(-c Release -p:DebugType=none -p:DebugSymbols=false --nologo -v quiet --disable-build-servers)

publish_one() { # publish_one PROJECT DIR [extra publish arguments...]
  local project="$1" dir="$2"; shift 2
  dotnet publish "$root/$project/$project.csproj" "${common[@]}" -o "$dir" "$@"
}
publish() { # publish DIR [extra publish arguments...]
  local dir="$1"; shift
  for project in Psstd.Agent Psstd.Dashboard; do publish_one "$project" "$dir" "$@"; done
}

portable=""
pack() { # pack RID DIR
  local rid="$1" dir="$2" name="psstd-$version-$1"
  rm -rf "${stage:?}/$name"
  cp -a "$dir" "$stage/$name"
  cp "$here/ARCHIVE-README.txt" "$stage/$name/README.txt"
  # Framework-dependent Linux and macOS archives get launchers with the executables' names, so
  # every service template names the same paths whatever form the archive has.
  if [ ! -e "$stage/$name/psstd-agent" ] && [ ! -e "$stage/$name/psstd-agent.exe" ]; then
    case "$rid" in
      win-*) ;;
      *) for exe in psstd-agent psstd-dashboard; do install -m 0755 "$here/launcher.sh" "$stage/$name/$exe"; done ;;
    esac
  fi
  case "$rid" in
    win-*)
      rm -f "$out/$name.zip"
      if command -v zip > /dev/null; then
        (cd "$stage" && zip -qr "$out/$name.zip" "$name")
      else
        (cd "$stage" && python3 -m zipfile -c "$out/$name.zip" "$name")
      fi ;;
    *) tar -C "$stage" -czf "$out/$name.tar.gz" "$name" ;;
  esac
  echo "  $rid -> $(basename "$out/$name".*)"
}

for rid in $rids; do
  case " $self_contained " in
    *" $rid "*)
      case "$rid" in
        linux-*)
          echo "== $rid: NativeAOT agent, self-contained single-file dashboard"
          publish_one Psstd.Agent "$stage/build-$rid" -r "$rid" # PublishAot: Psstd.Agent.csproj
          publish_one Psstd.Dashboard "$stage/build-$rid" -r "$rid" --self-contained -p:PublishSingleFile=true ;;
        *)
          echo "== $rid: self-contained single file"
          publish "$stage/build-$rid" -r "$rid" --self-contained -p:PublishSingleFile=true ;;
      esac
      pack "$rid" "$stage/build-$rid" ;;
    *)
      if [ -z "$portable" ]; then
        echo "== portable framework-dependent build (needs the ASP.NET Core 10 runtime on the host)"
        portable="$stage/build-portable"
        publish "$portable" -p:UseAppHost=false
      fi
      echo "== $rid: framework-dependent"
      pack "$rid" "$portable" ;;
  esac
done

rm -rf "$stage"
shopt -s nullglob
archives=("$out"/psstd-"$version"-*.tar.gz "$out"/psstd-"$version"-*.zip)
[ ${#archives[@]} -gt 0 ] || { echo "no archive was written" >&2; exit 1; }
(cd "$out" && sha256sum -- "${archives[@]##*/}" > SHA256SUMS)
echo "== checksums ($out/SHA256SUMS)"
cat "$out/SHA256SUMS"
