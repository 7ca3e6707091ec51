#!/bin/sh
# PID 1 of the test host (no init system): starts incusd, keeps the container alive when a test stops
# and restarts the daemon, and stops the daemon cleanly on SIGTERM.
/usr/libexec/incus/incusd --group root >/var/log/incusd.log 2>&1 &
trap 'pkill -TERM -x incusd; sleep 2; exit 0' TERM INT
while true; do sleep 1; done
