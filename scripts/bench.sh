#!/usr/bin/env bash
# The headline benchmark (not a test): in a disposable Incus host holding the realistic ~500 MB agent image, run
# `taos-host setup --yes`, import the image as taos-openclaw-base, then `taos-host bench`, which launches it
# alternately on a temporary dir pool and on the pool setup made, and prints both medians and the speed-up.
# Usage: scripts/bench.sh [RUNS]   (default 5; needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
say() { printf 'bench.sh: %s\n' "$*" >&2; }

. "$here/scripts/bench-host.sh"
say "setup (a btrfs loop pool as the default profile's root, and incusbr0)"
in_host 'java -jar /opt/taos-host.jar setup --yes' >&2
# Launches without a NIC on both pools alike: this measures storage alone (bench-deploy.sh times the app's whole deploy).
in_host 'incus profile device remove default eth0 >/dev/null'
say "importing the realistic image as taos-openclaw-base"
in_host 'du -sh /opt/images/realistic.tar.gz; incus image import /opt/images/realistic.tar.gz --alias taos-openclaw-base' >&2
in_host "java -jar /opt/taos-host.jar bench --runs $runs"
