#!/usr/bin/env bash
# Migration benchmark (not a test). In a disposable Incus host holding the realistic agent image: setup makes the btrfs
# pool, twelve identical instances are launched on a dir pool and stopped; then, in the same run, `taos-host migrate`
# moves three one at a time (--parallel 1), raw `incus move --storage` moves three one at a time, raw moves move three
# two at a time (the fair baseline for lanes), and `taos-host migrate` with its default lanes (one instance verified
# while the next is copied) moves the last three. Last, verify's hashing
# rate (from migrate's own report, both sides' bytes) is compared with `find -type f -exec sha256sum {} +` over one tree.
# Usage: scripts/bench-migrate.sh   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-migrate.sh: %s\n' "$*" >&2; }

. "$here/scripts/bench-host.sh"
in_host 'java -jar /opt/taos-host.jar setup --yes >/dev/null && incus profile device remove default eth0 >/dev/null'
in_host 'incus storage create legacy dir >/dev/null && incus image import /opt/images/realistic.tar.gz --alias realistic >/dev/null'
say "launching twelve identical instances on the dir pool (then stopped)"
in_host 'for n in s1 r1 p1 m1 s2 r2 p2 m2 s3 r3 p3 m3; do incus launch realistic $n --storage legacy >/dev/null; done; incus stop --all'
in_host 'du -sh /var/lib/incus/storage-pools/legacy/containers/m1/rootfs' >&2
sync_drop() { in_host 'sync'; }

sync_drop
say "taos-host migrate --instances s1,s2,s3 --parallel 1"
serial_start=$(date +%s.%N)
in_host "$taos migrate --instances s1,s2,s3 --parallel 1 --yes" | tee /tmp/bench-migrate.log >&2
serial_end=$(date +%s.%N)

sync_drop
say "incus move --storage default, three times"
move_start=$(date +%s.%N)
in_host 'for n in r1 r2 r3; do incus move $n --storage default >/dev/null; done'
move_end=$(date +%s.%N)

sync_drop
say "incus move --storage default, two at a time"
lanes_start=$(date +%s.%N)
in_host 'printf "p1\np2\np3\n" | xargs -P 2 -I NAME incus move NAME --storage default >/dev/null'
lanes_end=$(date +%s.%N)

sync_drop
say "taos-host migrate --instances m1,m2,m3 (default lanes)"
migrate_start=$(date +%s.%N)
in_host "$taos migrate --instances m1,m2,m3 --yes" >&2
migrate_end=$(date +%s.%N)

tree=/var/lib/incus/storage-pools/legacy/containers/s1-pre-migration/rootfs
say "sha256sum over the same tree as s1's verify read ($tree)"
sha_start=$(date +%s.%N)
in_host "find $tree -type f -exec sha256sum {} + >/dev/null"
sha_end=$(date +%s.%N)
sha_one_start=$(date +%s.%N)
in_host "find $tree -type f -exec sha256sum {} \\; >/dev/null"
sha_one_end=$(date +%s.%N)
bytes=$(in_host "find $tree -type f -printf '%s\n' | awk '{s+=\$1} END {print s}'")

python3 - "$serial_start" "$serial_end" "$migrate_start" "$migrate_end" "$move_start" "$move_end" "$sha_start" "$sha_end" "$sha_one_start" "$sha_one_end" "$bytes" \
  "$lanes_start" "$lanes_end" <<'PY'
import re, sys
ls, le, ms, me, vs, ve, ss, se, s1s, s1e, size, ps, pe = map(float, sys.argv[1:])
serial, migrate, move, sha, sha_one, moves2 = le - ls, me - ms, ve - vs, se - ss, s1e - s1s, pe - ps
log = open('/tmp/bench-migrate.log').read()
manifest = [float(x) for x in re.findall(r'\[s1 6/10\] \d+ files, [^ ]+ [^ ]+ on each side (?:hashed|checked) in [0-9.]+ s \(([0-9]+) MiB/s\)', log)]
mib = size / 1048576
print(f"migrate --parallel 1 (3 instances, incl. verify):  {serial:.1f} s")
print(f"migrate, default lanes (3 instances):             {migrate:.1f} s")
print(f"incus move --storage (3 instances):               {move:.1f} s")
print(f"incus move --storage, two at a time (3 instances): {moves2:.1f} s")
print(f"ratio migrate --parallel 1 / raw move:             {serial / move:.2f}x")
print(f"ratio migrate (default lanes) / raw move:          {migrate / move:.2f}x")
print(f"ratio migrate (default lanes) / raw moves in 2:    {migrate / moves2:.2f}x   (like for like; goal 1.0x)")
print(f"sha256sum (find -exec +, one process per batch):   {mib / sha:.0f} MiB/s over {mib:.0f} MiB")
print(f"sha256sum (find -exec \\;, one process per file):   {mib / sha_one:.0f} MiB/s")
if manifest:
    print(f"taos-host verify of s1 (both sides at once):       {manifest[0]:.0f} MiB/s -> {manifest[0] / (mib / sha):.2f}x sha256sum (+), {manifest[0] / (mib / sha_one):.2f}x (\\;)")
PY
