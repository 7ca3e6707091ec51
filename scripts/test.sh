#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against disposable Incus hosts.
# On a fresh Debian machine it first installs what it needs (JDK 17, Maven, Docker, images); run it as root.
# It fails when an integration test class did not run (a -DskipITs, a class Maven's pattern no longer matches, a
# failsafe include that matches nothing), and ends with how many tests of each kind ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

say() { printf 'test.sh: %s\n' "$*" >&2; }

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { say "Failed to install ${missing[*]}: needs root. Run: sudo $0"; exit 2; }
  say "installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" </dev/null
fi

# Docker, the base image and the Incus host image for the integration tests.
"$here/scripts/test-prereqs.sh"

rm -rf target/surefire-reports target/failsafe-reports
mvn -B verify </dev/null

# Every test class in the source must have run at least one test; count what ran.
count() {  # REPORT_DIR SUFFIX KIND
  local dir=$1 suffix=$2 kind=$3 total=0 class tests skipped
  for class in $(find src/test/java -name "*$suffix.java" | sed 's|^src/test/java/||; s|\.java$||; s|/|.|g' | sort); do
    report="$dir/TEST-$class.xml"
    [ -f "$report" ] || { say "Failed to run the $kind tests: $class did not run (no report in $dir). Nothing else may skip it."; exit 1; }
    tests=$(sed -n 's/.*<testsuite [^>]*tests="\([0-9]*\)".*/\1/p' "$report" | head -1)
    skipped=$(sed -n 's/.*<testsuite [^>]*skipped="\([0-9]*\)".*/\1/p' "$report" | head -1)
    [ "${tests:-0}" -gt "${skipped:-0}" ] || { say "Failed to run the $kind tests: $class ran none of its tests."; exit 1; }
    total=$((total + tests - skipped))
  done
  printf '%s' "$total"
}
units=$(count target/surefire-reports Test unit)
its=$(count target/failsafe-reports IT integration)
say "ran $units unit tests and $its integration tests, every class of each"
