#!/usr/bin/env bash
# Makes this machine ready for the integration tests, idempotently (a second run takes seconds):
#  - a Docker engine: Debian's docker.io when no daemon answers, started in the background when no
#    init system manages it;
#  - the base image debian:bookworm: pulled when a registry answers, else built with debootstrap and
#    docker import (and tagged as Testcontainers' start-up check image, which cannot be pulled either);
#  - the Incus host image the tests start, built from src/test/docker/incus-host.
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
say "building the Incus host image (cached after the first run)"
build_log=$(mktemp)
docker build -t taos-incus-host:test "$here/src/test/docker/incus-host" >"$build_log" 2>&1 \
  || { cat "$build_log" >&2; fail "Failed to build the Incus host image (output above)."; }
rm -f "$build_log"
say "ready"
