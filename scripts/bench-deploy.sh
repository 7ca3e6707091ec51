#!/usr/bin/env bash
# The taOS app's whole deploy, timed phase by phase (not a test). In a disposable Incus host shaped like the seed's Pi
# (`incus admin init --auto`: a dir pool "default" and incusbr0; the app's user taos in group incus, reaching Incus
# through incus-user in its project user-990), the realistic agent image is imported by the app as taos-openclaw-base and,
# in one run: the app's deploy (app-deploy.sh, the same commands the ITs run) RUNS times on the dir pool as the app found
# it, then `taos-host setup --yes`, then RUNS + 1 times on the pool setup made (the first one apart: setup unpacks the
# image the app launches on its new pool ahead of it, so it should cost no more than the rest; goal <= 1.1x their median). Each agent is deleted before the next. On the dir pool the app's deploy cannot work at all in user-990 (proxy
# devices forbidden, root's subuid lacking its uid): the baseline gets exactly those two changes by hand, what the app's
# own deploys on a Pi need, so it times the dir pool and nothing else.
# Usage: scripts/bench-deploy.sh [RUNS]   (default 5; needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
say() { printf 'bench-deploy.sh: %s\n' "$*" >&2; }

. "$here/scripts/bench-host.sh"
say "the seed's Pi: incus admin init --auto, the app's user taos (uid 990, group incus), incus-user, the app's first connection"
in_host 'incus admin init --auto
  useradd --system --uid 990 --user-group --home-dir /opt/tinyagentos --shell /usr/sbin/nologin taos && usermod -aG incus taos
  mkdir -p /opt/tinyagentos/venv/bin && printf "#!/bin/sh\nexec sleep infinity\n" > /opt/tinyagentos/venv/bin/python
  chmod 0755 /opt/tinyagentos/venv/bin/python && chown -R taos:taos /opt/tinyagentos
  (nohup /usr/libexec/incus/incus-user --group incus >/var/log/incus-user.log 2>&1 &)
  for i in $(seq 1 50); do [ -S /var/lib/incus/unix.socket.user ] && break; sleep 0.2; done
  cd / && runuser -u taos -- incus project list >/dev/null' >&2
say "importing the realistic image as the app (taos-openclaw-base, in user-990)"
in_host 'du -sh /opt/images/realistic.tar.gz; cd / && runuser -u taos -- incus image import /opt/images/realistic.tar.gz --alias taos-openclaw-base' >&2
say "baseline: proxy devices allowed in user-990 and root:990:1 in /etc/subuid and /etc/subgid, by hand; the pool stays dir"
in_host 'incus project set user-990 restricted.devices.proxy=allow && usermod --add-subuids 990-990 --add-subgids 990-990 root'

out=$(mktemp)
deploy() {  # pool-label agent
  in_host "/opt/test-images/app-deploy.sh taos 990 /opt/tinyagentos $2" | sed "s/^/$1\t$2\t/" >> "$out"
  in_host "incus delete --force $2 --project user-990"
}
for n in $(seq 1 "$runs"); do say "deploy $n of $runs on dir"; deploy dir "taos-agent-d$n"; done
say "taos-host setup --yes"
in_host "$taos setup --yes" | grep -E '^\[[0-9]+/[0-9]+\]|checks hold' >&2
say "first deploy on the new pool (setup unpacked the image ahead of it)"; deploy first "taos-agent-first"
for n in $(seq 1 "$runs"); do say "deploy $n of $runs on the new pool"; deploy cow "taos-agent-c$n"; done

python3 - "$out" <<'PY'
import statistics, sys
from collections import defaultdict
phases = ["launch", "idmap", "limits", "devices", "address"]
words = {"launch": "launch", "idmap": "idmap restart (incl. the app's 3 s wait)", "limits": "root quota and limits",
         "devices": "disk, environment, proxy devices", "address": "waiting for an address"}
times = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))   # pool -> agent -> phase -> seconds
failed = []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    pool, agent, kind = f[0], f[1], f[2]
    if kind == "cmd":
        times[pool][agent][f[3]] += int(f[5]) / 1000
        if f[4] != "0":
            failed.append(f"{pool} {agent}: {f[6]} exited {f[4]}")
    elif kind == "err":
        failed[-1] += ": " + f[3]
if failed:
    print("Failed deploys:\n  " + "\n  ".join(failed))
    sys.exit(1)
def column(pool, phase=None):
    return [sum(p.values()) if phase is None else p[phase] for p in times[pool].values()]
def med(pool, phase=None):
    return statistics.median(column(pool, phase))
print(f"{'phase':44} {'dir':>8} {'cow':>8} {'dir/cow':>8}   dir runs / cow runs (s)")
for phase in phases + [None]:
    d, c = med("dir", phase), med("cow", phase)
    runs = lambda pool: " ".join(f"{x:.2f}" for x in column(pool, phase))
    name = words[phase] if phase else "whole deploy"
    print(f"{name:44} {d:8.2f} {c:8.2f} {d / c if c else float('inf'):7.1f}x   {runs('dir')} / {runs('cow')}")
first = sum(next(iter(times["first"].values())).values())
print(f"first deploy after setup: {first:.2f} s = {first / med('cow'):.2f}x the median of the next {len(column('cow'))}"
      f" ({med('cow'):.2f} s; goal <= 1.1x)")
print(f"whole deploy, worst and best: dir {max(column('dir')):.2f} / {min(column('dir')):.2f} s; cow {max(column('cow')):.2f} / {min(column('cow')):.2f} s")
PY
rm -f "$out"
