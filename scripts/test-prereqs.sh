#!/usr/bin/env bash
# Makes this machine ready for the integration tests, idempotently (a second run takes seconds):
#  - a Docker engine: Debian's docker.io when no daemon answers, started in the background when no
#    init system manages it;
#  - the base image debian:bookworm: pulled when a registry answers, else built with debootstrap and
#    docker import (and tagged as Testcontainers' start-up check image, which cannot be pulled either);
#  - the host images the tests start, built from src/test/docker: taos-incus-host (incusd started by a
#    small PID 1 script) and taos-systemd-host (systemd as PID 1); with --bench also taos-bench-host (the
#    realistic ~500 MB agent image for benchmarks, a few minutes once).
# Usage: test-prereqs.sh [--bench]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'test-prereqs: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

apt_install() {
  [ "$(id -u)" -eq 0 ] || fail "Failed to install $*: needs root. Run the tests as root (sudo ./scripts/test.sh)."
  say "installing $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" </dev/null >/dev/null
}

ensure_docker() {
  if docker info >/dev/null 2>&1; then
    return
  fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  if [ -d /run/systemd/system ]; then
    systemctl start docker
  else
    say "starting dockerd in the background (no init system manages it here)"
    nohup dockerd >/var/log/taos-test-dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    sleep 1
  done
  fail "Failed to start Docker: no answer after 60 s (log: /var/log/taos-test-dockerd.log)."
}

ensure_base_image() {
  if docker image inspect debian:bookworm >/dev/null 2>&1; then
    return
  fi
  if timeout 60 docker pull -q debian:bookworm >/dev/null 2>&1; then
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  say "no registry answers: building debian:bookworm with debootstrap (about 2 minutes, once)"
  local root
  root=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
  tar -C "$root" -c . | docker import - debian:bookworm >/dev/null
  rm -rf "$root"
}

ensure_docker
ensure_base_image
# Testcontainers checks the engine with this image; with no registry, the local Debian image serves.
docker image inspect alpine:3.17 >/dev/null 2>&1 || docker tag debian:bookworm alpine:3.17
build_image() {
  local tag=$1 dir=$2 log
  say "building $tag (cached after the first run)"
  log=$(mktemp)
  docker build -t "$tag" -f "$here/src/test/docker/$dir/Dockerfile" "$here/src/test/docker" >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; fail "Failed to build the test image $tag (output above)."; }
  rm -f "$log"
}

build_image taos-incus-host:test incus-host
build_image taos-systemd-host:test systemd-host
if [ "${1:-}" = --bench ]; then
  # npm reaches its registry through this machine's TLS proxy, if any: hand the build the machine's extra CAs (used for
  # the install only, never left in the image). Empty where there are none.
  cat /usr/local/share/ca-certificates/*.crt > "$here/src/test/docker/host-ca.pem" 2>/dev/null || true
  build_image taos-bench-host:test bench-host
fi
say "ready"
