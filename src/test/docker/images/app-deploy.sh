#!/bin/sh
# The taOS app's deploy of one agent, command by command as upstream's deployer runs them (docs/ARCHITECTURE.md, "The app's door"), as the
# app's user from / (so its incus talks to incus-user and lands in the user's own project). Like the app, it stops at the
# first command that fails. One line per command on stdout, tab-separated, for the ITs (AppDeploy) and bench-deploy.sh:
#   cmd  PHASE  EXIT  MILLIS  COMMAND      then  err  TEXT (its stderr, newlines as \n) when it failed
#   address  IPV4 (or nothing when the agent never printed one)
# Phases: launch, idmap (the restart that applies raw.idmap, with the app's fixed 3 s wait), limits (root quota, memory,
# cpu), devices (a workspace disk, environment, two proxy devices), address (hostname -I, 10 tries 2 s apart).
# Usage: app-deploy.sh USER UID HOME AGENT [IMAGE]   (run as root)
set -u
user=$1 uid=$2 home=$3 agent=$4 image=${5:-taos-openclaw-base}
cd /
err=$(mktemp)
trap 'rm -f "$err"' EXIT
now() { date +%s%N; }
as_app() { runuser -u "$user" -- incus "$@"; }
step() {
  phase=$1; shift
  start=$(now)
  as_app "$@" >/dev/null 2>"$err"
  rc=$?
  printf 'cmd\t%s\t%s\t%s\tincus %s\n' "$phase" "$rc" $(( ($(now) - start) / 1000000 )) "$*"
  [ "$rc" -eq 0 ] || { printf 'err\t%s\n' "$(sed ':a;N;$!ba;s/\n/\\n/g' "$err")"; printf 'address\t\n'; exit 0; }
}

workspace=$home/workspaces/$agent
mkdir -p "$workspace" && chown "$user:" "$workspace"
step launch launch "$image" "$agent"
step idmap config set "$agent" raw.idmap "both $uid 0"
step idmap stop "$agent" --force
step idmap start "$agent"
start=$(now); sleep 3; printf 'cmd\tidmap\t0\t%s\tsleep 3 (the app waits after the restart)\n' $(( ($(now) - start) / 1000000 ))
# The app overrides the profile's root device, or sets its size where the agent has a root device of its own already.
if as_app config device list "$agent" 2>/dev/null | grep -qx root; then verb=set; else verb=override; fi
step limits config device "$verb" "$agent" root size=40GiB
step limits config set "$agent" limits.memory=512MiB
step limits config set "$agent" limits.cpu=1
step devices config device add "$agent" taos-mount-0 disk "source=$workspace" path=/workspace
step devices config set "$agent" "environment.TAOS_AGENT_NAME=$agent"
step devices config set "$agent" "environment.OPENAI_BASE_URL=http://127.0.0.1:4000/v1"
step devices config device add "$agent" taos-proxy-litellm proxy listen=tcp:127.0.0.1:4000 connect=tcp:127.0.0.1:4000 bind=instance
step devices config device add "$agent" taos-proxy-taos proxy listen=tcp:127.0.0.1:6969 connect=tcp:127.0.0.1:6969 bind=instance
start=$(now) address='' tries=0
while [ -z "$address" ] && [ "$tries" -lt 10 ]; do
  [ "$tries" -gt 0 ] && sleep 2
  tries=$((tries + 1))
  address=$(as_app exec "$agent" -- hostname -I 2>/dev/null | grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}' | head -n 1)
done
printf 'cmd\taddress\t%s\t%s\tincus exec %s -- hostname -I (try %s of 10)\n' "$([ -n "$address" ] && echo 0 || echo 1)" \
  $(( ($(now) - start) / 1000000 )) "$agent" "$tries"
printf 'address\t%s\n' "$address"
