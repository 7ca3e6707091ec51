package dev.taos.host.it;

/** Puts a fresh {@link IncusHost} into a named state in a few lines (the states the fixtures are named after). */
final class Scenarios {

    private Scenarios() {
    }

    static void dirEmpty(IncusHost host) {
        host.sh("incus storage create default dir && incus profile device add default root disk path=/ pool=default");
    }

    static void btrfsAlready(IncusHost host) {
        host.sh("incus storage create default btrfs size=5GiB && incus profile device add default root disk path=/ pool=default");
    }

    /** mary running, naira stopped, stanley stopped with two snapshots and a custom volume attached. */
    static void dirWithAgents(IncusHost host) {
        dirEmpty(host);
        host.sh("busybox-image.sh /tmp/busybox.tar.gz && incus image import /tmp/busybox.tar.gz --alias busybox");
        host.sh("incus launch busybox mary && incus init busybox naira && incus init busybox stanley"
                + " && incus snapshot create stanley snap0 && incus snapshot create stanley snap1"
                + " && incus storage volume create default stanley-data && incus storage volume attach default stanley-data stanley /data");
    }

    /** A new daemon whose /var/lib/incus is a btrfs filesystem (a loop-mounted file), with no pools. */
    static void btrfsHost(IncusHost host) {
        host.sh("pkill -TERM -x incusd; while pgrep -x incusd >/dev/null; do sleep 0.2; done;"
                + " truncate -s 6G /srv/incus-home.img && mkfs.btrfs -q /srv/incus-home.img"
                + " && mount -o loop /srv/incus-home.img /var/lib/incus"
                + " && (nohup /usr/libexec/incus/incusd --group root >/var/log/incusd.log 2>&1 &)"
                + " && incus admin waitready --timeout=60");
    }

    /** The daemon restarted without the btrfs tools, so it supports only dir. */
    static void noCowDriver(IncusHost host) {
        host.sh("pkill -TERM -x incusd; while pgrep -x incusd >/dev/null; do sleep 0.2; done;"
                + " mv /usr/bin/btrfs /usr/bin/btrfs.hidden;"
                + " (nohup /usr/libexec/incus/incusd --group root >/var/log/incusd.log 2>&1 &);"
                + " incus admin waitready --timeout=60");
    }
}
