#!/usr/bin/env bash
# Cluster benchmark (not a test). Starts six disposable Incus hosts on one Docker network of their own: three join an
# Incus cluster (c1, c2, c3; Incus's preseed join with a token), three stay single hosts (s1, s2, s3). In one run it
# times `taos-host setup --yes` on the cluster (from c1, then on c2 and c3 for their own files and units) against three
# single-host setups one after the other, then launches the realistic agent image on each member, on a dir pool and on
# the pool setup made (after one warm-up launch on each, which unpacks the image there).
# Usage: scripts/bench-cluster.sh   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-cluster.sh: %s\n' "$*" >&2; }
[ -f "$here/target/taos-host.jar" ] || { say "Failed to find target/taos-host.jar. Build it: mvn -B package -DskipTests"; exit 2; }
"$here/scripts/test-prereqs.sh" --bench

net=taos-bench-cluster-$$
hosts=(c1 c2 c3 s1 s2 s3)
declare -A id
in_host() { docker exec "${id[$1]}" bash -c "$2"; }
cleanup() {
  for h in c1 s1 s2 s3; do
    [ -n "${id[$h]:-}" ] || continue
    in_host "$h" 'for i in $(incus list -c n -f csv); do incus delete -f "$i"; done; incus profile device remove default root;
                  incus image list -c f -f csv | while read -r f; do incus image delete "$f"; done;
                  for p in $(incus storage list -c n -f csv); do incus storage delete "$p"; done' >/dev/null 2>&1 || true
  done
  for h in "${hosts[@]}"; do [ -z "${id[$h]:-}" ] || docker rm -f "${id[$h]}" >/dev/null; done
  docker network rm "$net" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker network create "$net" >/dev/null
for h in "${hosts[@]}"; do
  # The same options as the ITs' hosts (docs/ARCHITECTURE.md, "Test hosts").
  id[$h]=$(docker run -d --network "$net" --hostname "$h" --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
    --security-opt apparmor=unconfined --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm' -v /dev:/dev -v /sys:/sys \
    --tmpfs /run taos-bench-host:test)
  docker cp "$here/target/taos-host.jar" "${id[$h]}:/opt/taos-host.jar"
  in_host "$h" "incus admin waitready --timeout=60 && nft add table inet lan && nft add chain inet lan out '{ type filter hook output priority 0; }' \
                && nft add rule inet lan out ip daddr 10.0.0.0/8 tcp dport 22 reject with tcp reset"
done
addr() { docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "${id[$1]}"; }

say "joining c1, c2, c3 into a cluster; each host gets a dir pool with the realistic image"
in_host c1 "incus config set core.https_address $(addr c1):8443 && incus cluster enable c1 >/dev/null"
for h in c2 c3; do
  token=$(in_host c1 "incus cluster add $h --quiet")
  in_host "$h" "printf 'cluster:\n  enabled: true\n  server_name: $h\n  server_address: $(addr "$h"):8443\n  cluster_address: $(addr c1):8443\n  cluster_token: $token\n' \
                | incus admin init --preseed"
done
in_host c1 'for i in $(seq 1 90); do [ "$(incus cluster list -f csv -c s | grep -c ONLINE)" = 3 ] && exit 0; sleep 1; done; exit 1'
in_host c1 'for m in c1 c2 c3; do incus storage create legacy dir --target $m >/dev/null; done; incus storage create legacy dir >/dev/null
            incus profile device add default root disk path=/ pool=legacy >/dev/null; incus image import /opt/images/realistic.tar.gz --alias realistic >/dev/null'
for h in s1 s2 s3; do
  in_host "$h" 'incus storage create legacy dir >/dev/null && incus profile device add default root disk path=/ pool=legacy >/dev/null
                incus image import /opt/images/realistic.tar.gz --alias realistic >/dev/null'
done

now() { date +%s.%N; }
say "setup --yes on the cluster: c1, then c2 and c3"
cluster_start=$(now)
for h in c1 c2 c3; do in_host "$h" "java -jar /opt/taos-host.jar setup --yes >/tmp/setup.log 2>&1" || { in_host "$h" 'cat /tmp/setup.log' >&2; exit 1; }; done
cluster_end=$(now)
say "setup --yes on s1, s2, s3, one after the other"
single_start=$(now)
for h in s1 s2 s3; do in_host "$h" "java -jar /opt/taos-host.jar setup --yes >/tmp/setup.log 2>&1" || { in_host "$h" 'cat /tmp/setup.log' >&2; exit 1; }; done
single_end=$(now)

pool=$(in_host c1 'incus profile device get default root pool')
in_host c1 'incus profile device remove default eth0 >/dev/null'
say "launching the realistic image on each member: dir pool and \"$pool\", after a warm-up launch on each"
launches=()
for m in c1 c2 c3; do
  for p in legacy "$pool"; do
    in_host c1 "incus launch realistic warm-$m-$p --target $m --storage $p -q >/dev/null && incus delete -f warm-$m-$p"
    start=$(now); in_host c1 "incus launch realistic bench-$m-$p --target $m --storage $p -q >/dev/null"; end=$(now)
    launches+=("$m $p $start $end")
    in_host c1 "incus delete -f bench-$m-$p"
  done
done

python3 - "$cluster_start" "$cluster_end" "$single_start" "$single_end" "$pool" "${launches[@]}" <<'PY'
import sys
cs, ce, ss, se = map(float, sys.argv[1:5])
pool = sys.argv[5]
print(f"setup on the 3-member cluster (c1, then c2, c3):  {ce - cs:.1f} s")
print(f"setup on 3 single hosts, one after the other:    {se - ss:.1f} s   (cluster / singles: {(ce - cs) / (se - ss):.2f}x)")
rows = {}
for item in sys.argv[6:]:
    member, p, start, end = item.split()
    rows.setdefault(member, {})[p] = float(end) - float(start)
for member, times in rows.items():
    print(f"launch on {member}: dir {times['legacy']:.2f} s, {pool} {times[pool]:.2f} s  ({times['legacy'] / times[pool]:.1f}x as fast)")
PY
