#!/usr/bin/env bash
# Installs and starts what part15's container targets need on a Debian host:
# a Docker engine, the Debian packages the cross-check tools come from, and a
# local `debian:bookworm-slim` base image when no registry can provide one.
#
# Usage: ensure-host.sh [engine|all]
#   engine — the Docker engine, the base image and openssl (what `npm run demo` needs)
#   all    — also the Debian tools the tests cross-check against (default)
#
# Safe to run again: every step checks first and does nothing when it is done.
# Never writes a mirror's host name anywhere: the mirror is read from this
# machine's apt sources at run time.
set -euo pipefail

log() { printf 'part15 host: %s\n' "$*" >&2; }
die() { printf 'part15 host: error: %s\n' "$*" >&2; exit 1; }

STATE_DIR=${PART15_STATE_DIR:-/var/lib/part15}
DOCKERD_LOG=${PART15_DOCKERD_LOG:-/var/log/part15-dockerd.log}
BASE_IMAGE=debian:bookworm-slim
HOST_PACKAGES=(dcmtk openssl sslscan nmap libxml2-utils rsyslog rsyslog-openssl) # rsyslog: the third-party RFC 5425 sender (the tests run a private rsyslogd; with systemd, installing it also enables the system one)

is_root_on_debian() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root_on_debian || die "missing Debian packages: ${missing[*]} (install them, or run this as root on Debian)"
  if [ $apt_updated = 0 ]; then log "apt-get update"; apt-get update -qq >/dev/null; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

# A dockerd process that is alive (a killed one can linger as a zombie where no init reaps it).
dockerd_alive() {
  local p
  for p in $(pgrep -x dockerd); do [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ] && return 0; done
  return 1
}

start_dockerd() {
  local dockerd_bin; dockerd_bin=$(command -v dockerd || echo /usr/sbin/dockerd)
  # A dockerd that was killed (as at the end of a session) leaves its pid file behind.
  dockerd_alive || rm -f /var/run/docker.pid
  log "starting dockerd (log: $DOCKERD_LOG)"
  nohup "$dockerd_bin" >>"$DOCKERD_LOG" 2>&1 &
}

ensure_engine() {
  if engine_answers; then return 0; fi
  is_root_on_debian || die "no Docker engine answers and this is not root on Debian: install Docker (docker.io) and start it, then run again"
  apt_install docker.io iptables
  for attempt in 1 2; do
    dockerd_alive || start_dockerd
    for _ in $(seq 1 30); do engine_answers && { log "Docker engine is up"; return 0; }; sleep 1; done
    log "dockerd did not answer within 30 s (attempt $attempt); restarting it"
    pkill -x dockerd || true
    sleep 2
  done
  tail -20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not answer (log: $DOCKERD_LOG)"
}

# The first bookworm mirror URI in this machine's apt sources (deb822 or one-line style).
debian_mirror() {
  local uri files=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do [ -f "$f" ] && files+=("$f"); done
  [ ${#files[@]} -gt 0 ] || die "no apt sources on this machine"
  uri=$(awk '
    /^URIs:/ { uris=$2 } /^Suites:/ { if ($0 ~ /bookworm( |$)/ && uris != "") { print uris; exit } }
    /^deb / && $0 ~ / bookworm / { for (i=2;i<=NF;i++) if ($i ~ /^https?:/) { print $i; exit } }
  ' "${files[@]}" | head -1)
  [ -n "$uri" ] || die "no Debian bookworm mirror found in /etc/apt/sources.list*"
  printf '%s\n' "$uri"
}

ensure_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then return 0; fi
  if timeout 60 docker pull "$BASE_IMAGE" >/dev/null 2>&1; then log "pulled $BASE_IMAGE"; return 0; fi
  is_root_on_debian || die "$BASE_IMAGE is missing and cannot be pulled; build it with debootstrap as root"
  apt_install debootstrap
  local mirror root
  mirror=$(debian_mirror)
  root="$STATE_DIR/bookworm-rootfs"
  log "no registry: building $BASE_IMAGE with debootstrap --variant=minbase from this machine's apt mirror"
  rm -rf "$root"; mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$STATE_DIR/debootstrap.log" 2>&1 \
    || { tail -20 "$STATE_DIR/debootstrap.log" >&2; die "debootstrap failed (log: $STATE_DIR/debootstrap.log)"; }
  # Same housekeeping as the official slim image: no apt caches in the layer.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  tar -C "$root" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
  log "made $BASE_IMAGE"
}

scope=${1:-all}
case "$scope" in engine|all) ;; *) die "usage: ensure-host.sh [engine|all]";; esac
mkdir -p "$STATE_DIR"
if [ "$scope" = all ]; then apt_install "${HOST_PACKAGES[@]}"; else apt_install openssl; fi
ensure_engine
ensure_base_image
log "ready"
