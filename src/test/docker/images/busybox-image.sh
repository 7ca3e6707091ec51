#!/usr/bin/env bash
# Builds a tiny Incus container image (unified tarball) from Debian's busybox-static.
# Usage: busybox-image.sh OUTPUT.tar.gz
set -euo pipefail

out=${1:?usage: busybox-image.sh OUTPUT.tar.gz}
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "Failed to build busybox image: $busybox is missing. Install it with: apt-get install busybox-static" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,root,run,var/log}
cp "$busybox" "$root/bin/busybox"
# Before the applets' links, which skip a name already there: busybox's hostname has no -I.
install -m 0755 "$(dirname "$0")/hostname" "$root/bin/hostname"
for applet in $("$busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
install -m 0755 "$(dirname "$0")/agent-init" "$root/sbin/init"
install -m 0755 "$(dirname "$0")/dhcp-lease" "$root/sbin/dhcp-lease"
printf 'root:x:0:0:root:/root:/bin/sh\nagent:x:1000:1000:agent:/home/agent:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nagent:x:1000:\n' > "$root/etc/group"
cat > "$work/metadata.yaml" <<META
architecture: $(uname -m)
creation_date: $(date +%s)
properties:
  description: busybox test image
  os: busybox
  release: static
META
tar -C "$work" --numeric-owner -czf "$out" metadata.yaml rootfs
