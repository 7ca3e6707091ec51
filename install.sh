#!/usr/bin/env bash
# Bootstraps taos-host on a Debian or Ubuntu host and runs it with the given arguments:
#   sudo ./install.sh                 # the guided setup (on a terminal)
#   sudo ./install.sh --unattended --answers FILE   # the same, without questions
#   sudo ./install.sh setup           # show the plan, apply it once confirmed
#   sudo ./install.sh plan            # see what would be done
#   sudo ./install.sh detect --json   # describe the host
# What it runs, first found: a Debian package beside it (taos-host_VERSION_all.deb: installed with apt, which brings a
# Java runtime, then /usr/bin/taos-host runs); a prebuilt taos-host.jar beside it; else this checkout's
# target/taos-host.jar, built when it is missing or older than the sources. Installs what is missing (a Java 17+
# runtime; to build, a JDK and Maven) through apt in one go, asking once (--yes agrees). apt's and Maven's output go
# to a log file; the terminal gets one line per stage.
# For a jar, as root, it also installs /usr/local/bin/taos-host (runs this script), bash completion and the manual page.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deb=$(find "$here" -maxdepth 1 -name 'taos-host_*_all.deb' 2>/dev/null | sort -V | tail -n 1)
prebuilt=false
jar="$here/target/taos-host.jar"
if [ -f "$here/taos-host.jar" ]; then
  prebuilt=true
  jar="$here/taos-host.jar"
fi
assume_yes=false
invocation="$0 $*"
for arg in "$@"; do
  case "$arg" in
    --yes|-y) assume_yes=true ;;
  esac
done

say() { printf 'install.sh: %s\n' "$*" >&2; }
fail() { say "$1"; exit "${2:-1}"; }

confirm() {
  local question=$1
  if [ "$assume_yes" = true ]; then
    return 0
  fi
  if [ ! -t 0 ]; then
    fail "Failed to install prerequisites: $question needs consent, and there is no terminal to ask. Run again with --yes." 2
  fi
  local answer
  read -r -p "$question [y/N] " answer
  [[ "$answer" =~ ^[Yy]([Ee][Ss])?$ ]]
}

# Where the long output of apt and Maven goes; shown in part when a stage fails.
log=/var/log/taos-host-install.log
[ "$(id -u)" -eq 0 ] || log="${TMPDIR:-/tmp}/taos-host-install.log"

# Runs one stage with its output in the log: a line saying what it does, and on failure the log's end and where it is.
stage() {
  local what=$1
  shift
  say "$what ..."
  printf '\n== %s (%s)\n' "$what" "$(date -u +%FT%TZ)" >>"$log"
  if ! "$@" </dev/null >>"$log" 2>&1; then
    tail -n 15 "$log" | sed 's/^/  | /' >&2
    fail "Failed to $what: the last lines of its output are above; all of it is in $log. Fix the cause, then run again." 1
  fi
}

# Installs every missing package in one apt run, after one question for all of them. With --lists-if-needed (a package
# file whose dependencies may all be here) it tries first without updating the lists, so a host without a network
# still installs it; only when that fails are the lists updated.
apt_install() {
  local lazy=false
  if [ "$1" = --lists-if-needed ]; then
    lazy=true
    shift
  fi
  command -v apt-get >/dev/null 2>&1 || fail "Failed to install $*: this host has no apt-get. Install them with your package manager, then run again." 3
  if [ "$(id -u)" -ne 0 ]; then
    fail "Failed to install $*: installing packages needs root. Run: sudo $invocation" 2
  fi
  confirm "Install $* with apt-get?" || fail "Failed to install $*: not confirmed. Install them yourself, or run again with --yes." 2
  export DEBIAN_FRONTEND=noninteractive
  if [ "$lazy" = true ]; then
    say "install $* ..."
    printf '\n== install %s with the package lists as they are (%s)\n' "$*" "$(date -u +%FT%TZ)" >>"$log"
    apt-get install -y -q "$@" </dev/null >>"$log" 2>&1 && return 0
    say "it needs packages the lists do not name yet: updating them"
  fi
  stage "update the package lists" apt-get update -q
  stage "install $*" apt-get install -y -q "$@"
}

java_major() {
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)\(\.[0-9]*\)*.*/\1/p' | head -n 1
}

# The newest of these that the archive offers; Debian 13 and Ubuntu 24.04 default to 21.
jdk_package() {
  local candidate
  for candidate in openjdk-17-jdk-headless default-jdk-headless; do
    if apt-cache show "$candidate" >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
  echo default-jdk-headless
}

# A package beside this script: apt installs it (and the Java runtime it depends on) unless that version is installed.
if [ -n "$deb" ]; then
  version=$(dpkg-deb -f "$deb" Version)
  if [ "$(dpkg-query -W -f '${Status} ${Version}' taos-host 2>/dev/null)" != "install ok installed $version" ]; then
    apt_install --lists-if-needed "$deb"
  fi
  exec /usr/bin/taos-host "$@"
fi

needs_build() {
  [ "$prebuilt" = true ] && return 1
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$here/pom.xml" "$here/src/main" "$here/units" "$here/templates" -newer "$jar" -print -quit 2>/dev/null)" ]
}

missing=()
if needs_build; then
  if [ "$(java_major)" -lt 17 ] || ! command -v javac >/dev/null 2>&1; then
    missing+=("$(jdk_package)")
  fi
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
elif [ "$(java_major)" -lt 17 ]; then
  missing+=("$(jdk_package)")
fi
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
build_jar() {
  (cd "$here" && mvn -B -DskipTests package)
}
if needs_build; then
  stage "build taos-host (first run only; needs Maven Central)" build_jar
fi

# A taos-host command on PATH that runs this script, and bash completion generated from the command definitions.
install_command() {
  [ "$(id -u)" -eq 0 ] || return 0
  local launcher=/usr/local/bin/taos-host completions=/usr/share/bash-completion/completions
  local wanted
  wanted=$(printf '#!/bin/sh\n# Installed by %s; runs taos-host from that checkout.\nexec "%s" "$@"\n' "$here/install.sh" "$here/install.sh")
  if [ "$(cat "$launcher" 2>/dev/null)" != "$wanted" ]; then
    mkdir -p "$(dirname "$launcher")" && printf '%s\n' "$wanted" > "$launcher.tmp" && chmod 0755 "$launcher.tmp" && mv "$launcher.tmp" "$launcher"
    say "installed $launcher"
  fi
  if [ ! -f "$completions/taos-host" ] || [ "$jar" -nt "$completions/taos-host" ]; then
    mkdir -p "$completions"
    java -jar "$jar" generate-completion > "$completions/taos-host.tmp" && mv "$completions/taos-host.tmp" "$completions/taos-host" \
      && say "installed bash completion for taos-host ($completions/taos-host; new shells pick it up)"
  fi
  local manual=/usr/share/man/man1/taos-host.1
  if [ ! -f "$manual" ] || [ "$jar" -nt "$manual" ]; then
    mkdir -p "$(dirname "$manual")"
    java -jar "$jar" generate-man-page > "$manual.tmp" && mv "$manual.tmp" "$manual" && say "installed the manual page (man taos-host)"
  fi
}
install_command

# The start-up flags live in the launcher the Debian package installs as /usr/bin/taos-host.
launcher="$here/src/main/launcher/taos-host"
[ -x "$launcher" ] || fail "Failed to run taos-host: its launcher $launcher is missing. Use the whole checkout (or the package: apt install ./taos-host_*_all.deb)." 3
TAOS_HOST_JAR="$jar" TAOS_HOST_ARCHIVE="$jar.jsa" exec "$launcher" "$@"
