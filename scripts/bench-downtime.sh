#!/usr/bin/env bash
# Downtime benchmark (not a test). In a disposable Incus host: setup makes the btrfs pool, then for each kind of agent two
# identical running twins on a dir pool are migrated in one run, one with the default pre-copy and one with --no-pre-copy
# (the protocol before pre-copy existed: stop, then copy everything). Downtime is read from migrate's --json events as they
# arrive, each line stamped on arrival: from the "stop" step's start until the "start" step is done (the agent runs again).
# Kinds: "realistic" is the realistic agent image (482 MiB, 35,330 files), idle; "busy" is the same image at work while it
# migrates: temp files created and deleted in six directories, a SQLite database in rollback-journal mode written in a
# loop, a log appended to (the test tool agent-work, as in WorkingAgentIT).
# Usage: scripts/bench-downtime.sh [RUNS]   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-downtime.sh: %s\n' "$*" >&2; }
runs=${1:-2}

. "$here/scripts/bench-host.sh"
in_host 'java -jar /opt/taos-host.jar setup --yes >/dev/null && incus profile device remove default eth0 >/dev/null'
in_host 'incus storage create legacy dir >/dev/null && incus image import /opt/images/realistic.tar.gz --alias realistic >/dev/null &&
         incus image import /opt/images/busybox.tar.gz --alias busybox >/dev/null'
in_host 'printf "%s\n" "#!/bin/bash" "while IFS= read -r line; do printf \"%s %s\\n\" \"\$(date +%s.%N)\" \"\$line\"; done" >/usr/local/bin/stamp &&
         chmod 755 /usr/local/bin/stamp'
say "making the templates: the realistic agent, idle and at work"
in_host 'incus init -q realistic realistic --storage legacy && incus init -q realistic busy --storage legacy &&
         incus file push -q /opt/test-images/agent-work busy/usr/local/bin/agent-work &&
         root=/var/lib/incus/storage-pools/legacy/containers/busy/rootfs && mv $root/sbin/init $root/sbin/agent-init &&
         printf "#!/bin/sh\nmkdir -p /srv/db /var/log/agent\n(sleep 1; agent-work churn /var/tmp/d1 /var/tmp/d2 /var/tmp/d3 /tmp/d4 /srv/d5 /srv/d6) &\n(sleep 1; agent-work sqlite /srv/db/notes.db) &\n(sleep 1; agent-work log /var/log/agent/agent.log) &\nexec /sbin/agent-init\n" > $root/sbin/init &&
         chmod 0755 $root/sbin/init'

# downtime LOG: seconds from the stop step's start to the start step's end, and the whole run's seconds.
downtime() {
  in_host "awk '/\"step\":\"record\".*\"started\"/ {b=\$1} /\"step\":\"stop\".*\"started\"/ {s=\$1} /\"step\":\"start\".*\"done\"/ {e=\$1} /\"event\":\"result\"/ {r=\$1}
               END {printf \"%.2f %.1f\\n\", e-s, r-b}' $1"
}

results=()
for run in $(seq 1 "$runs"); do
  for kind in realistic busy; do
    say "run $run, $kind: two identical running twins"
    in_host "incus copy -q $kind $kind-pre --storage legacy >/dev/null && incus copy -q $kind $kind-full --storage legacy >/dev/null && incus start $kind-pre $kind-full && sync"
    order=(pre full)
    [ $((run % 2)) -eq 0 ] && order=(full pre)
    for way in "${order[@]}"; do
      flag=""; [ "$way" = full ] && flag="--no-pre-copy"
      in_host "$taos migrate --instances $kind-$way --yes --json $flag | stamp >/tmp/$kind-$way.log"
      in_host "grep -q '\"outcome\":\"ok\"' /tmp/$kind-$way.log" || { in_host "cat /tmp/$kind-$way.log" >&2; exit 1; }
    done
    results+=("$kind $run $(downtime /tmp/$kind-pre.log) $(downtime /tmp/$kind-full.log)")
    in_host "$taos migrate --prune --yes >/dev/null && incus delete -f $kind-pre $kind-full"
  done
done

printf '%-10s %4s %22s %22s %8s\n' kind run "pre-copy: down (all)" "no pre-copy: down (all)" ratio
for line in "${results[@]}"; do
  read -r kind run pre pre_all full full_all <<<"$line"
  printf '%-10s %4s %13s s (%4s s) %14s s (%4s s) %7.2fx\n' "$kind" "$run" "$pre" "$pre_all" "$full" "$full_all" "$(awk "BEGIN {print $pre / $full}")"
done
