#!/usr/bin/env bash
# Start-up benchmark (not a test). In a disposable Incus host with a dir pool and three agents (as issue 16 measured
# it), times `--version` and `detect --json` with the launcher's JVM flags, without and with the application
# class-data archive the launcher makes, alternately, RUNS times each. Given BASELINE_JAR (an earlier
# build), it is timed the same way in the same runs, with its own archive, so the two builds compare side by side.
# Usage: scripts/bench-startup.sh [RUNS] [BASELINE_JAR]   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

runs=${1:-10}
baseline=${2:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-startup.sh: %s\n' "$*" >&2; }
[ -z "$baseline" ] || [ -f "$baseline" ] || { say "Failed to find the baseline jar $baseline. Give the path of an earlier build's taos-host.jar"; exit 2; }

. "$here/scripts/bench-host.sh"
in_host 'incus storage create default dir >/dev/null && incus profile device add default root disk path=/ pool=default >/dev/null
         incus profile device remove default eth0 >/dev/null 2>&1; incus image import /opt/images/busybox.tar.gz --alias busybox >/dev/null
         for n in a1 a2 a3; do incus launch busybox $n -q 2>/dev/null; done'
builds=now
if [ -n "$baseline" ]; then
  docker cp "$baseline" "$id:/opt/baseline.jar"
  builds="baseline now"
fi
in_host 'ln -sf /opt/taos-host.jar /opt/now.jar'
# The same flags (from bench-host.sh) and training run as the launcher (src/main/launcher/taos-host).
flags="$jvm_flags $quick_flags"
for build in $builds; do
  in_host "java $flags -XX:ArchiveClassesAtExit=/opt/$build.jsa -jar /opt/$build.jar detect --json >/dev/null"
done
say "timing $runs runs of each command and build, without and with the archive, alternately"
in_host "for i in \$(seq 1 $runs); do
  for cmd in '--version' 'detect --json'; do
    for build in $builds; do
      for mode in plain archive; do
        extra=''; [ \$mode = archive ] && extra=\"-Xshare:auto -XX:SharedArchiveFile=/opt/\$build.jsa\"
        s=\$(date +%s%N); java $flags \$extra -jar /opt/\$build.jar \$cmd >/dev/null; e=\$(date +%s%N)
        echo \"\$build|\$mode|\$cmd|\$(( (e - s) / 1000000 ))\"
      done
    done
  done
done" | python3 -c '
import statistics, sys
times = {}
for line in sys.stdin:
    build, mode, cmd, ms = line.strip().split("|")
    times.setdefault((build, cmd, mode), []).append(int(ms) / 1000)
for cmd in ("--version", "detect --json"):
    for build in sys.argv[1:]:
        plain, archive = statistics.median(times[(build, cmd, "plain")]), statistics.median(times[(build, cmd, "archive")])
        print(f"{build:8} {cmd:14} launcher flags {plain:.2f} s, with the class-data archive {archive:.2f} s median ({plain / archive:.2f}x)")
    if "baseline" in sys.argv[1:]:
        old, new = statistics.median(times[("baseline", cmd, "archive")]), statistics.median(times[("now", cmd, "archive")])
        print(f"{cmd:14} with the archive: now {new:.2f} s against the baseline {old:.2f} s ({old / new:.2f}x as fast)")
' $builds
