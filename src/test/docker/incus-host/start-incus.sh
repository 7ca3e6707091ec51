#!/bin/sh
# PID 1 of the test host (no init system): starts incusd, keeps the container alive when a test stops
# and restarts the daemon, and stops the daemon cleanly on SIGTERM.
# Docker mounts the container's own /sys read-only; Incus writes there to make bridges and veth pairs.
if grep -q '^sysfs /sys sysfs ro[,\ ]' /proc/mounts; then
  mount -o remount,rw /sys
fi
/usr/libexec/incus/incusd --group root >/var/log/incusd.log 2>&1 &
trap 'pkill -TERM -x incusd; sleep 2; exit 0' TERM INT
while true; do sleep 1; done
