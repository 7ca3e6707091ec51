#!/usr/bin/env bash
# Start-up benchmark (not a test). In a disposable Incus host with a dir pool and three agents (as issue 16 measured
# it), times `--version` and `detect --json` with the launcher's JVM flags, without and with the application
# class-data archive install.sh makes beside the jar, alternately, RUNS times each.
# Usage: scripts/bench-startup.sh [RUNS]   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

runs=${1:-10}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-startup.sh: %s\n' "$*" >&2; }

. "$here/scripts/bench-host.sh"
in_host 'incus storage create default dir >/dev/null && incus profile device add default root disk path=/ pool=default >/dev/null
         incus profile device remove default eth0 >/dev/null 2>&1; incus image import /opt/images/busybox.tar.gz --alias busybox >/dev/null
         for n in a1 a2 a3; do incus launch busybox $n -q 2>/dev/null; done'
# The same flags (from bench-host.sh) and training run as install.sh's launcher.
flags="$jvm_flags $quick_flags"
in_host "java $flags -XX:ArchiveClassesAtExit=/opt/taos-host.jar.jsa -jar /opt/taos-host.jar detect --json >/dev/null"
say "timing $runs runs of each command, without and with the archive, alternately"
in_host "for i in \$(seq 1 $runs); do
  for cmd in '--version' 'detect --json'; do
    for mode in plain archive; do
      extra=''; [ \$mode = archive ] && extra='-Xshare:auto -XX:SharedArchiveFile=/opt/taos-host.jar.jsa'
      s=\$(date +%s%N); java $flags \$extra -jar /opt/taos-host.jar \$cmd >/dev/null; e=\$(date +%s%N)
      echo \"\$mode|\$cmd|\$(( (e - s) / 1000000 ))\"
    done
  done
done" | python3 -c '
import statistics, sys
times = {}
for line in sys.stdin:
    mode, cmd, ms = line.strip().split("|")
    times.setdefault((cmd, mode), []).append(int(ms) / 1000)
for cmd in ("--version", "detect --json"):
    plain, archive = statistics.median(times[(cmd, "plain")]), statistics.median(times[(cmd, "archive")])
    print(f"{cmd:14} launcher flags {plain:.2f} s, with the class-data archive {archive:.2f} s median ({plain / archive:.2f}x)")
'
