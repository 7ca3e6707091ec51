#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against disposable Incus hosts.
# On a fresh Debian machine it first installs what it needs (JDK 17, Maven, Docker, images); run it as root.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

say() { printf 'test.sh: %s\n' "$*" >&2; }

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { say "Failed to install ${missing[*]}: needs root. Run: sudo $0"; exit 2; }
  say "installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" </dev/null
fi

# Docker, the base image and the Incus host image for the integration tests.
"$here/scripts/test-prereqs.sh"

exec mvn -B verify </dev/null
