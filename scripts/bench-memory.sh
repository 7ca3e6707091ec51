#!/usr/bin/env bash
# Peak memory benchmark (not a test). In a disposable Incus host after setup, `taos-host migrate` (with the launcher's
# JVM flags) runs under GNU time, whose "Maximum resident set size" is the figure: once for the realistic agent (482 MiB,
# 35,330 files) and once for an instance holding 1,000,000 empty files in 1,000 directories, where memory that grew with
# the file count would show; then two realistic agents in one run, side by side in two lanes (--parallel 2), where two
# checks at once would show. Those instances are stopped, so the time is the copy and the check, not a downtime. Last,
# two RUNNING instances of 1,000,000 files each in two lanes, with a heap capped at 512 MiB as on a 2 GB Pi (the JVM's
# default, a quarter of the RAM): each is pre-copied and checked while it runs, and the check keeps its stamps until
# the check after the stop, which is where memory would grow with the file count.
# Usage: scripts/bench-memory.sh   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-memory.sh: %s\n' "$*" >&2; }

. "$here/scripts/bench-host.sh"
in_host 'java -jar /opt/taos-host.jar setup --yes >/dev/null && incus profile device remove default eth0 >/dev/null'
in_host 'incus storage create legacy dir >/dev/null && incus image import /opt/images/realistic.tar.gz --alias realistic >/dev/null &&
         incus image import /opt/images/busybox.tar.gz --alias busybox >/dev/null'
say "making the instances: the realistic agent, and busybox with 1,000,000 empty files (written from the host side)"
in_host 'incus init -q realistic realistic --storage legacy && incus init -q busybox million --storage legacy &&
         incus init -q realistic pair-a --storage legacy && incus init -q realistic pair-b --storage legacy &&
         cd /var/lib/incus/storage-pools/legacy/containers/million/rootfs && mkdir -p srv/many && cd srv/many &&
         for d in $(seq 1 1000); do mkdir d$d && (cd d$d && seq -f "file-%g" 1 1000 | xargs touch); done &&
         incus copy -q million running-a --storage legacy && incus copy -q million running-b --storage legacy &&
         incus start running-a running-b'

results=()
for name in realistic million pair running; do
  instances=$name; [ "$name" = pair ] && instances=pair-a,pair-b; [ "$name" = running ] && instances=running-a,running-b
  heap=""; [ "$name" = running ] && heap="-Xmx512m"
  say "migrate --instances $instances --parallel 2 under /usr/bin/time -v"
  in_host "/usr/bin/time -v -o /tmp/$name.time ${taos/java /java $heap} migrate --instances $instances --parallel 2 --yes --json > /tmp/$name.log" \
    || { in_host "tail -5 /tmp/$name.log; cat /tmp/$name.time" >&2; exit 1; }
  files=$(in_host "grep -o '\"detail\":\"[0-9]* files' /tmp/$name.log | grep -o '[0-9]*' | paste -sd+ -")
  remembered=$(in_host "grep -o '[0-9]* entries of both sides read while it ran' /tmp/$name.log | grep -o '^[0-9]*' | paste -sd+ -")
  rss=$(in_host "awk -F': ' '/Maximum resident set size/ {print \$2}' /tmp/$name.time")
  wall=$(in_host "awk -F': ' '/Elapsed \\(wall clock\\)/ {print \$2}' /tmp/$name.time")
  results+=("$name $files ${remembered:-0} $rss $wall")
done

printf '%-10s %16s %20s %16s %12s\n' instance files "stamped entries" "peak RSS (MiB)" "wall time"
for line in "${results[@]}"; do
  read -r name files remembered rss wall <<<"$line"
  printf '%-10s %16s %20s %16.1f %12s\n' "$name" "$files" "$remembered" "$(awk "BEGIN {print $rss / 1024}")" "$wall"
done
