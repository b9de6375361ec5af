#!/bin/sh
# Installs psstd-agent and psstd-dashboard as systemd services from an unpacked release archive
# (or any folder holding both executables and the dashboard's wwwroot/).
#
#   sudo sh deploy/systemd/install.sh /tmp/psstd-0.1.0-linux-x64
#
# Puts the files in /opt/psstd, the units in /etc/systemd/system, keeps an existing
# /etc/psstd/psstd.env, creates the system user psstd, then enables and (re)starts both units.
#
# Gossip is sealed from the start: a new psstd.env (mode 0600, root's) gets the cluster key from the
# file named by PSSTD_KEY_FILE, or a new random key on the first host. Install the other hosts of the
# cluster with that host's key:
#   sudo PSSTD_KEY_FILE=/path/to/copied/key sh deploy/systemd/install.sh FOLDER
# where the key file holds the PSSTD_KEY value (the first host writes it to /etc/psstd/cluster.key).
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
  if [ -n "${PSSTD_KEY_FILE:-}" ]; then
    key=$(tr -d ' \n' < "$PSSTD_KEY_FILE")
  else
    key=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
  fi
  umask 077
  printf '%s\n' "$key" > "$root/etc/psstd/cluster.key"
  { cat "$here/psstd.env"; printf '\n# The cluster key, made by install.sh (copy cluster.key to the other hosts).\nPSSTD_KEY=%s\n' "$key"; } \
    > "$root/etc/psstd/psstd.env"
  chmod 0600 "$root/etc/psstd/psstd.env" "$root/etc/psstd/cluster.key"
  umask 022
  if [ -z "${PSSTD_KEY_FILE:-}" ]; then
    echo "made a new cluster key in /etc/psstd/cluster.key: install the other hosts with PSSTD_KEY_FILE pointing at a copy of it"
  fi
else
  echo "kept the existing /etc/psstd/psstd.env"
  if ! grep -q '^PSSTD_KEY=.' "$root/etc/psstd/psstd.env"; then
    echo "warning: /etc/psstd/psstd.env sets no PSSTD_KEY: gossip is not authenticated (see docs/security.md)" >&2
  fi
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
