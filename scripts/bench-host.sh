# Sourced by the benchmark scripts (needs $here and say): checks the jar, builds the bench image, starts a disposable
# Incus host from it with the jar at /opt/taos-host.jar, defines in_host, and deletes the host (pools first) on exit.

[ -f "$here/target/taos-host.jar" ] || { say "Failed to find target/taos-host.jar. Build it: mvn -B package -DskipTests"; exit 2; }
"$here/scripts/test-prereqs.sh" --bench

# The same options as the ITs' hosts (docs/ARCHITECTURE.md, "Test hosts"): no --privileged, /proc unmasked for nested containers.
# Its own /sys (made writable by its start script) and the VM's cgroups, so bridged NICs start inside it.
id=$(docker run -d --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' -v /dev:/dev -v /sys/fs/cgroup:/sys/fs/cgroup --tmpfs /run \
  taos-bench-host:test)
in_host() { docker exec "$id" bash -c "$1"; }
# The command a user runs: the jar with the launcher's flags (read from src/main/launcher/taos-host, where they are
# written once): $taos for the long commands (migrate, image, bench), $quick_flags added for the short ones (detect, ...).
launcher="$here/src/main/launcher/taos-host"
jvm_flags=$(sed -n 's/^jvm=(\(.*\))$/\1/p' "$launcher")
quick_flags=$(sed -n 's/^quick=(\(.*\))$/\1/p' "$launcher")
[ -n "$jvm_flags" ] && [ -n "$quick_flags" ] \
  || { say "Failed to read the launcher's JVM flags from $launcher (lines jvm=(...) and quick=(...)); fix it or this script"; exit 2; }
taos="java $jvm_flags -jar /opt/taos-host.jar"
# Pools are loop devices shared with this machine: delete them before the host goes, or they leak.
cleanup() {
  in_host 'for p in $(incus project list -f csv -c n | sed "s/ (current)\$//" | grep -vx default); do echo yes | incus project delete --force "$p"; done
           for i in $(incus list -c n -f csv); do incus delete -f "$i"; done; incus profile device remove default root;
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
