#!/usr/bin/env bash
# The headline benchmark (not a test): in a disposable Incus host holding the realistic ~500 MB agent image, run
# `taos-host setup --yes`, import the image as taos-openclaw-base, then `taos-host bench`, which launches it
# alternately on a temporary dir pool and on the pool setup made, and prints both medians and the speed-up.
# Usage: scripts/bench.sh [RUNS]   (default 5; needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
say() { printf 'bench.sh: %s\n' "$*" >&2; }

[ -f "$here/target/taos-host.jar" ] || { say "Failed to find target/taos-host.jar. Build it: mvn -B package -DskipTests"; exit 2; }
"$here/scripts/test-prereqs.sh" --bench

# The same options as the ITs' hosts (DESIGN.md section 6): no --privileged, /proc unmasked for nested containers.
id=$(docker run -d --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' -v /dev:/dev -v /sys:/sys --tmpfs /run \
  taos-bench-host:test)
in_host() { docker exec "$id" sh -c "$1"; }
# Pools are loop devices shared with this machine: delete them before the host goes, or they leak.
cleanup() {
  in_host 'for i in $(incus list -c n -f csv); do incus delete -f "$i"; done; incus profile device remove default root;
           incus image list -c f -f csv | while read -r f; do incus image delete "$f"; done;
           for p in $(incus storage list -c n -f csv); do incus storage delete "$p"; done' >/dev/null 2>&1 || true
  docker rm -f "$id" >/dev/null
}
trap cleanup EXIT

docker cp "$here/target/taos-host.jar" "$id:/opt/taos-host.jar"
in_host 'incus admin waitready --timeout=60'
# This machine's network accepts TCP to any address, which makes Incus find no free bridge subnet; refuse it.
in_host "nft add table inet lan && nft add chain inet lan out '{ type filter hook output priority 0; }' \
         && nft add rule inet lan out ip daddr 10.0.0.0/8 tcp dport 22 reject with tcp reset"
say "setup (a btrfs loop pool as the default profile's root, and incusbr0)"
in_host 'java -jar /opt/taos-host.jar setup --yes' >&2
# With /sys bound from this machine, Incus cannot see the bridge inside the container ("Parent device doesn't
# exist"), so launches run without a NIC, on both pools alike.
in_host 'incus profile device remove default eth0 >/dev/null'
say "importing the realistic image as taos-openclaw-base"
in_host 'du -sh /opt/images/realistic.tar.gz; incus image import /opt/images/realistic.tar.gz --alias taos-openclaw-base' >&2
in_host "java -jar /opt/taos-host.jar bench --runs $runs"
