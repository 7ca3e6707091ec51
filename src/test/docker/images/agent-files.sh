#!/bin/sh
# Turns a Debian rootfs into a bootable test agent: agent-init as /sbin/init and about SIZE_MB of small text files
# under /opt/agent/node_modules (about 10 KB each, spread over many directories, like a real node_modules tree).
# Usage: agent-files.sh ROOT SIZE_MB
set -eu
root=${1:?usage: agent-files.sh ROOT SIZE_MB}
size_mb=${2:?usage: agent-files.sh ROOT SIZE_MB}

install -m 0755 "$(dirname "$0")/agent-init" "$root/sbin/init"

mkdir -p "$root/opt/agent/node_modules"
# One awk process writes every file: spawning a process per file would take minutes.
awk -v dir="$root/opt/agent/node_modules" -v files="$((size_mb * 100))" 'BEGIN {
  srand(42)
  line = "export function f(a, b) { return a + b; } // "
  for (i = 0; i < files; i++) {
    pkg = sprintf("%s/pkg-%04d", dir, int(i / 25))
    if (i % 25 == 0) system("mkdir -p " pkg "/lib")
    path = sprintf("%s/lib/module-%02d.js", pkg, i % 25)
    for (l = 0; l < 160; l++) printf "%s%08d %f\n", line, i * 160 + l, rand() > path
    close(path)
  }
}'
