#!/usr/bin/env bash
# Image cache benchmark (not a test). In a disposable Incus host after setup (btrfs default pool), with the untrimmed
# Node agent base (Debian with apt lists, docs, man pages, every locale's translations, Python bytecode, Node.js and a
# Node app with its dev dependencies and npm's cache; built by test-prereqs.sh --bench from Debian's archive and npm):
#  1. trim: the base built as a layer with trim none, with the trims upstream's image build makes (apt's lists and
#     caches, /tmp, npm's cache: `apt-get clean` and friends) and with trim standard; the image report side by side
#     (root filesystem, stored, gzip-compressed) and each rule's bytes against the difference;
#  2. deploy: an agent whose framework is installed for real (packages from Debian's archive, through the agent's NIC
#     and the host's NAT), launched cold (build path: the parent plus the cached and run scripts) and warm (cached
#     layer plus the run script), RUNS times each;
#  3. image build with nothing to rebuild, RUNS times (JVM start included);
#  4. publishing a layer uncompressed against gzip, and the first launch from each.
# Usage: scripts/bench-images.sh [RUNS]   (needs target/taos-host.jar: mvn -B package -DskipTests)
set -euo pipefail

runs=${1:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'bench-images.sh: %s\n' "$*" >&2; }
out=$(mktemp -d)

. "$here/scripts/bench-host.sh"
# Agents keep the default profile's NIC: the framework's install downloads its packages.
in_host 'java -jar /opt/taos-host.jar setup --yes >/dev/null'
in_host 'incus image import /opt/images/node-base.tar.gz --alias node-base >/dev/null'
docker exec -i "$id" sh -c 'mkdir -p /etc/taos-host && cat > /etc/taos-host/images.yaml' <<'YAML'
version: 1
layers:
  untrimmed:
    parent: node-base
    cached: "true"
    trim: none
  cleaned:
    parent: node-base
    cached: "true"
    trim: [apt, tmp, npm-cache]
  trimmed:
    parent: node-base
    cached: "true"
    trim: standard
    node-apps: [/opt/app]
  framework:
    parent: trimmed
    # A framework installed for real, as taOS's installs (60-90 s) fetch theirs: packages from Debian's archive, through
    # the agent's NIC (its DHCP lease) and the host's NAT; the bridge's dnsmasq answers DNS.
    cached: |
      for i in $(seq 1 60); do ip route | grep -q '^default' && break; sleep 0.5; done
      echo "nameserver $(ip route | awk '/^default/ {print $3}')" > /etc/resolv.conf
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q && apt-get install -y -q --no-install-recommends python3-numpy python3-scipy python3-yaml git
    run: |
      hostname > /etc/agent-name
YAML
now() { date +%s.%N; }


say "1. building the base untrimmed, cleaned as upstream cleans it, and trimmed"
in_host "$taos image build untrimmed cleaned trimmed --json" > "$out/build.json"
in_host "$taos image report taos/trimmed --against taos/untrimmed --json" > "$out/report.json"
in_host "$taos image report taos/trimmed --against taos/cleaned --json" > "$out/report-cleaned.json"

say "2. deploys: $runs cold (build path), then the layer is built, then $runs warm"
for i in $(seq 1 "$runs"); do
  s=$(now); in_host "$taos image launch framework cold-$i --json" > "$out/cold-$i.json"; e=$(now)
  echo "$s $e" > "$out/cold-$i.time"; in_host "incus delete --force cold-$i"
done
in_host "$taos image build framework" >&2
for i in $(seq 1 "$runs"); do
  s=$(now); in_host "$taos image launch framework warm-$i --json" > "$out/warm-$i.json"; e=$(now)
  echo "$s $e" > "$out/warm-$i.time"; in_host "incus delete --force warm-$i"
done

say "3. image build with nothing to rebuild, $runs times"
for i in $(seq 1 "$runs"); do
  s=$(now); in_host "$taos image build" >/dev/null; e=$(now); echo "$s $e" > "$out/noop-$i.time"
done

say "4. publishing uncompressed against gzip"
in_host 'incus launch taos/trimmed pub -q && incus stop pub'
for c in none gzip; do
  s=$(now); in_host "incus publish pub local: --alias pub-$c --compression $c >/dev/null"; e=$(now); echo "$s $e" > "$out/publish-$c.time"
  s=$(now); in_host "incus launch pub-$c first-$c -q"; e=$(now); echo "$s $e" > "$out/first-$c.time"
  in_host "incus image info pub-$c | sed -n 's/^Size: //p'" > "$out/publish-$c.size"
  in_host "incus delete --force first-$c"
done
in_host 'incus delete --force pub'

python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
def span(name):
    s, e = map(float, open(f"{out}/{name}.time").read().split())
    return e - s
def mib(b):
    return f"{b / 1048576:.1f} MiB"
build = json.load(open(f"{out}/build.json"))
report = json.load(open(f"{out}/report.json"))
trimmed, untrimmed = report["image"], report["against"]
rules = next(l for l in build["layers"] if l["layer"] == "trimmed")["trimmed"]
print("1. Trim (taos/untrimmed -> taos/trimmed)")
for key, label in (("rootfsBytes", "root filesystem"), ("storedBytes", "as stored (uncompressed)"), ("gzipBytes", "gzip-compressed")):
    a, b = untrimmed[key], trimmed[key]
    print(f"   {label:26} {mib(a):>11} -> {mib(b):>11}  ({100 * (a - b) / a:.0f}% smaller)")
print("   per rule, measured at build: " + ", ".join(f"{r} {mib(v)}" for r, v in rules.items()))
print(f"   sum of rules {mib(sum(rules.values()))} against root filesystem difference {mib(untrimmed['rootfsBytes'] - trimmed['rootfsBytes'])}")
cleaned = json.load(open(f"{out}/report-cleaned.json"))["against"]
print("   taos/cleaned (apt lists and caches, /tmp, npm's cache: what upstream's build removes) -> taos/trimmed")
for key, label in (("rootfsBytes", "root filesystem"), ("storedBytes", "as stored (uncompressed)"), ("gzipBytes", "gzip-compressed")):
    a, b = cleaned[key], trimmed[key]
    print(f"   {label:26} {mib(a):>11} -> {mib(b):>11}  ({100 * (a - b) / a:.0f}% smaller)")
cold = [span(f"cold-{i}") for i in range(1, runs + 1)]
warm = [span(f"warm-{i}") for i in range(1, runs + 1)]
print("2. Deploy of an agent whose framework is installed from Debian's archive (wall time of image launch with the launcher's JVM flags)")
print(f"   cold (build path): median {statistics.median(cold):.2f} s  runs " + " ".join(f"{c:.2f}" for c in cold))
print(f"   warm (cached):     median {statistics.median(warm):.2f} s  runs " + " ".join(f"{w:.2f}" for w in warm))
print(f"   warm is {statistics.median(cold) / statistics.median(warm):.1f}x faster")
noop = [span(f"noop-{i}") for i in range(1, runs + 1)]
print(f"3. image build with nothing to rebuild: median {statistics.median(noop):.2f} s  runs " + " ".join(f"{n:.2f}" for n in noop))
print("4. Publishing the trimmed base")
for c in ("none", "gzip"):
    print(f"   --compression {c:4}: publish {span('publish-' + c):.1f} s, stored {open(f'{out}/publish-{c}.size').read().strip()}, "
          f"first launch {span('first-' + c):.1f} s")
PY
rm -rf "$out"
