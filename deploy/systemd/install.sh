#!/bin/sh
# Installs psstd-agent and psstd-dashboard as systemd services from an unpacked release archive
# (or any folder holding both executables and the dashboard's wwwroot/).
#
#   sudo sh deploy/systemd/install.sh /tmp/psstd-0.1.0-linux-x64
#
# Puts the files in /opt/psstd, the units in /etc/systemd/system, keeps an existing
# /etc/psstd/psstd.env, creates the system user psstd, then enables and (re)starts both units.
# With DESTDIR set, installs under that root and skips the user and systemctl steps (for tests and
# image builds).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=${1:-}
root=${DESTDIR:-}

if [ -z "$src" ] || [ ! -d "$src" ]; then
  echo "usage: $0 FOLDER   (an unpacked psstd release archive)" >&2
  exit 2
fi
for exe in psstd-agent psstd-dashboard; do
  if [ ! -x "$src/$exe" ]; then
    echo "$src/$exe is missing or not executable: unpack a linux release archive first" >&2
    exit 2
  fi
done
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo sh $0 $src)" >&2
  exit 1
fi

if [ -z "$root" ] && ! id psstd > /dev/null 2>&1; then
  useradd --system --user-group --home-dir /var/lib/psstd --no-create-home \
    --shell /usr/sbin/nologin --comment "psstd agent and dashboard" psstd
fi

# Replace the program folder as a whole, so no file of an older release stays behind.
install -d -m 0755 "$root/opt"
rm -rf "$root/opt/psstd.new"
cp -R "$src" "$root/opt/psstd.new"
chmod -R u=rwX,go=rX "$root/opt/psstd.new"
rm -rf "$root/opt/psstd"
mv "$root/opt/psstd.new" "$root/opt/psstd"

install -d -m 0755 "$root/etc/psstd"
if [ ! -f "$root/etc/psstd/psstd.env" ]; then
  install -m 0644 "$here/psstd.env" "$root/etc/psstd/psstd.env"
else
  echo "kept the existing /etc/psstd/psstd.env"
fi

install -d -m 0755 "$root/etc/systemd/system"
for unit in psstd-agent.service psstd-dashboard.service; do
  install -m 0644 "$here/$unit" "$root/etc/systemd/system/$unit"
done

if [ -n "$root" ]; then
  echo "installed under $root (no user created, systemd not told)"
  exit 0
fi

systemctl daemon-reload
systemctl enable psstd-agent.service psstd-dashboard.service
systemctl restart psstd-agent.service psstd-dashboard.service
echo "psstd is running: systemctl status psstd-agent psstd-dashboard"
echo "edit /etc/psstd/psstd.env (seeds, advertised URL), then: systemctl restart psstd-agent psstd-dashboard"
