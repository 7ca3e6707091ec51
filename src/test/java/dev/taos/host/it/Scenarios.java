package dev.taos.host.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Puts a fresh {@link IncusHost} into a named state in a few lines (the states the fixtures are named after). */
final class Scenarios {

    /** Each scenario under the name of the fixture captured from it. */
    static final Map<String, Consumer<IncusHost>> BY_FIXTURE = byFixture();

    /**
     * Known files an agent holds, written inside the instance as its own processes would: an owner that is not root, a
     * private mode, a symlink, a hard link, an empty directory, a name with spaces and a FIFO. {@code $1} is the
     * instance.
     */
    static final String AGENT_FILES = """
            set -e
            mkdir -p /srv/agent/empty-dir /srv/agent/config /home/agent
            echo "$1" > /srv/agent/identity.txt
            seq 1 20000 > /srv/agent/numbers.txt
            printf 'notes of %s\\n' "$1" > "/srv/agent/notes with spaces.txt"
            ln -s identity.txt /srv/agent/identity-link
            ln /srv/agent/identity.txt /srv/agent/identity-hardlink
            echo '{"agent": "'"$1"'"}' > /srv/agent/config/settings.json
            chmod 0600 /srv/agent/config/settings.json
            chown -R 1000:1000 /srv/agent/config /home/agent
            mkfifo /srv/agent/pipe
            """;

    /**
     * What an agent cannot make itself (it runs unprivileged) and a real one may have: a device node and a socket, made
     * from the host side in its root filesystem on {@code $1} (a pool's mount path), owned by the agent's root.
     */
    static String specialFiles(String pool, String name) {
        String agent = "/var/lib/incus/storage-pools/" + pool + "/containers/" + name + "/rootfs/srv/agent";
        return "mknod " + agent
                + "/null c 1 3 && perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or "
                + "die $!' "
                + agent + "/agent.sock && chown -h 1000000:1000000 " + agent + "/null " + agent + "/agent.sock";
    }

    private Scenarios() {}

    private static Map<String, Consumer<IncusHost>> byFixture() {
        Map<String, Consumer<IncusHost>> scenarios = new LinkedHashMap<>();
        scenarios.put("fresh", host -> {});
        scenarios.put("dir-empty", Scenarios::dirEmpty);
        scenarios.put("dir-with-agents", Scenarios::dirWithAgents);
        scenarios.put("btrfs-already", Scenarios::btrfsAlready);
        scenarios.put("btrfs-host", Scenarios::btrfsHost);
        scenarios.put("no-cow-driver", Scenarios::noCowDriver);
        scenarios.put("app-pi", Scenarios::appPi);
        scenarios.put("daemon-down", Scenarios::daemonDown);
        scenarios.put("not-installed", Scenarios::notInstalled);
        return Map.copyOf(scenarios);
    }

    static void dirEmpty(IncusHost host) {
        host.sh("incus storage create default dir && incus profile device add default root disk path=/ pool=default");
    }

    /** A btrfs loop pool already the default, with one instance (alpha). */
    static void btrfsAlready(IncusHost host) {
        host.sh("incus storage create default btrfs size=8GiB && incus profile device add default root disk path=/ "
                + "pool=default");
        importBusybox(host);
        host.sh("incus launch busybox alpha");
    }

    /**
     * mary running; naira stopped; stanley running with snapshots snap0 and snap1 (identity.txt differs between them)
     * and the custom volume stanley-data attached at /data. Each holds {@link #AGENT_FILES}.
     */
    static void dirWithAgents(IncusHost host) {
        dirEmpty(host);
        importBusybox(host);
        agents(host, "default", "");
    }

    /**
     * The state migrate starts from: setup has made its btrfs pool the default and the profile's NIC on incusbr0, and
     * the agents of {@link #dirWithAgents} are on the dir pool "legacy", each with a NIC, as on a real host.
     */
    static void agentsAfterSetup(IncusHost host) {
        host.taosHost("setup", "--yes").requireSuccess("run setup");
        host.sh("incus storage create legacy dir");
        importBusybox(host);
        agents(host, "legacy", " --storage legacy");
    }

    /** The agents on {@code pool}; {@code launchFlags} pin them there when it is not the default profile's pool. */
    private static void agents(IncusHost host, String pool, String launchFlags) {
        for (String name : new String[] {"mary", "naira", "stanley"}) {
            host.sh("incus launch busybox " + name + launchFlags);
            host.exec("incus", "exec", name, "--", "sh", "-c", AGENT_FILES, "sh", name)
                    .requireSuccess("write the known files into " + name);
            host.sh(specialFiles(pool, name));
        }
        host.sh("incus stop naira"
                + " && incus snapshot create stanley snap0"
                + " && incus exec stanley -- sh -c 'echo second >> /srv/agent/identity.txt'"
                + " && incus snapshot create stanley snap1"
                + " && incus storage volume create " + pool + " stanley-data && incus storage volume attach " + pool
                + " stanley-data stanley /data");
    }

    /**
     * The Pi where the taOS app deploys through incus-user ({@link AppHosts#seedPi}; a systemd host), plus what an
     * admin may have next to it: a project "shared" without profiles of its own (its instances use the default
     * project's) holding web, launched from the default project's busybox image.
     */
    static void appPi(IncusHost host) {
        AppHosts.seedPi((SystemdHost) host);
        importBusybox(host);
        host.sh("incus project create shared -c features.profiles=false -c features.images=false && incus launch "
                + "busybox web --project shared");
    }

    /** Whether {@code fixture}'s scenario needs systemd as PID 1 (incus-user's socket as Debian's package runs it). */
    static boolean onSystemd(String fixture) {
        return fixture.startsWith("app-");
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

    /** Incus installed, its daemon stopped. */
    static void daemonDown(IncusHost host) {
        host.sh("pkill -TERM -x incusd; while pgrep -x incusd >/dev/null; do sleep 0.2; done");
    }

    /** Daemon stopped and the incus client removed. */
    static void notInstalled(IncusHost host) {
        daemonDown(host);
        host.sh("mv /usr/bin/incus /usr/bin/incus.hidden");
    }

    private static void importBusybox(IncusHost host) {
        host.sh("incus image import " + IncusHost.BUSYBOX_IMAGE + " --alias busybox");
    }
}
