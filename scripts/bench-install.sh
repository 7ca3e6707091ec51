#!/usr/bin/env bash
# Install benchmark (not a test). Two disposable systemd hosts with Incus and a Java runtime but no JDK or Maven, as a
# fresh server after `apt install incus`. In one run it times, from nothing to taos-host's first plan
# (`install.sh setup --yes --dry-run`): on one host with the Debian package beside install.sh (apt installs it), on the
# other with a checkout of the sources (install.sh installs a JDK and Maven with apt, downloads the build's dependencies
# from Maven Central and builds). Both reach Debian's archive; the checkout also needs Maven Central.
# Usage: scripts/bench-install.sh   (needs target/taos-host_*_all.deb: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-install.sh: %s\n' "$*" >&2; }
deb=$(find "$here/target" -maxdepth 1 -name 'taos-host_*_all.deb' | head -n 1)
[ -n "$deb" ] || { say "Failed to find target/taos-host_*_all.deb. Build it: mvn -B package -DskipTests"; exit 2; }
"$here/scripts/test-prereqs.sh"

declare -A id
cleanup() { for h in package checkout; do [ -z "${id[$h]:-}" ] || docker rm -f "${id[$h]}" >/dev/null; done; }
trap cleanup EXIT
for h in package checkout; do
  # The same options as the ITs' hosts (docs/ARCHITECTURE.md, "Test hosts"), with systemd as PID 1.
  id[$h]=$(docker run -d --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' -v /dev:/dev -v /sys:/sys --tmpfs /run taos-systemd-host:test)
done
in_host() { docker exec "${id[$1]}" bash -c "$2"; }
for h in package checkout; do
  in_host "$h" 'for i in $(seq 1 120); do s=$(systemctl is-system-running 2>/dev/null || true); [ "$s" = running ] || [ "$s" = degraded ] && exit 0; sleep 0.5; done; exit 1'
  in_host "$h" '! command -v javac && ! command -v mvn && mkdir -p /repo'
done
docker cp "$deb" "${id[package]}:/repo/"
docker cp "$here/install.sh" "${id[package]}:/repo/install.sh"
git -C "$here" archive --format=tar HEAD | docker exec -i "${id[checkout]}" tar -x -C /repo
# This machine reaches Maven Central through a TLS-inspecting proxy: the checkout's host trusts its CAs as this one does
# (a real server reaching Maven Central directly needs nothing of the kind), before install.sh installs the JDK.
for ca in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$ca" ] && docker cp "$ca" "${id[checkout]}:/usr/local/share/ca-certificates/"
done
in_host checkout 'update-ca-certificates >/dev/null 2>&1'

now() { date +%s.%N; }
for h in package checkout; do
  say "$h: install.sh setup --yes --dry-run, from nothing"
  start=$(now)
  in_host "$h" '/repo/install.sh setup --yes --dry-run >/tmp/plan.txt 2>/tmp/install.txt || { cat /tmp/install.txt >&2; exit 1; }'
  end=$(now)
  in_host "$h" 'grep -q "Dry run: nothing has been changed." /tmp/plan.txt'
  printf '%s %s\n' "$h" "$(echo "$end - $start" | bc)" >>/tmp/bench-install.$$
done
python3 - /tmp/bench-install.$$ <<'PY'
import sys
times = dict(line.split() for line in open(sys.argv[1]))
package, checkout = float(times["package"]), float(times["checkout"])
print(f"package beside install.sh: {package:.1f} s; checkout (JDK, Maven, dependencies, build): {checkout:.1f} s ({checkout / package:.1f}x)")
PY
rm -f /tmp/bench-install.$$
