package dev.taos.host.it;

import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a fresh {@link SystemdHost} (where incus-user.socket is the Debian package's real unit) into a state the taOS
 * app meets on real hosts. The app runs as the system user taos, in group {@code incus} (not {@code incus-admin}), so
 * its {@code incus} talks to incus-user, which gives it the restricted project {@code user-990} on first connection.
 */
final class AppHosts {

    /** The app's system user, as upstream's installer makes it, and the project incus-user gives it. */
    record App(String user, int uid, String home) {
        String project() {
            return "user-" + uid;
        }

        /** {@code incus ARGS} as the app's user, from / (which it can read), so it goes through incus-user. */
        IncusHost.Result incus(IncusHost host, String... args) {
            return host.exec(Stream.concat(
                            Stream.of("sh", "-c", "cd / && exec \"$@\"", "sh", "runuser", "-u", user, "--", "incus"),
                            Stream.of(args))
                    .toArray(String[]::new));
        }
    }

    static final App APP = new App("taos", 990, "/opt/tinyagentos");

    /** The agents of {@link #seedPi}, as the app names them. */
    static final List<String> SEED_AGENTS = List.of("taos-agent-mary", "taos-agent-naira", "taos-agent-stanley");

    /** The admin's own containers of {@link #adminHost}, in the default project. */
    static final List<String> ADMIN_CONTAINERS = List.of("web", "db");

    /** The projects' names, one a line (the list marks the current one). */
    private static final String PROJECTS = "incus project list -f csv -c n | sed 's/ (current)$//'";

    /** The app in its upstream layout (a stand-in for its venv's python), owned by its user. */
    private static final String INSTALL_APP = """
            set -e
            useradd --system --uid %2$d --user-group --home-dir %3$s --shell /usr/sbin/nologin %1$s
            usermod -aG incus %1$s
            mkdir -p %3$s/venv/bin %3$s/scripts
            printf '#!/bin/sh\\nexec sleep infinity\\n' > %3$s/venv/bin/python
            for s in host-firewall-up host-firewall-down stop; do
              printf '#!/bin/sh\\nexit 0\\n' > %3$s/scripts/$s.sh
            done
            chmod 0755 %3$s/venv/bin/python %3$s/scripts/*.sh
            chown -R %1$s:%1$s %3$s
            """.formatted(APP.user(), APP.uid(), APP.home());

    private AppHosts() {}

    /**
     * A Pi where the app already deploys: {@code incus admin init --auto} (dir pool default, incusbr0), the app
     * installed and connected (user-990 made), its base image imported by its user, and its agents launched by it in
     * user-990 on the dir pool (the deploy gets no further today): mary running, naira stopped, stanley running with
     * snapshot snap0 (identity.txt differs after it). Each holds {@link Scenarios#AGENT_FILES}.
     */
    static void seedPi(SystemdHost host) {
        host.sh("incus admin init --auto");
        installApp(host);
        connect(host);
        APP.incus(host, "image", "import", IncusHost.BUSYBOX_IMAGE, "--alias", AppDeploy.IMAGE)
                .requireSuccess("import the base image as " + APP.user());
        for (String agent : SEED_AGENTS) {
            APP.incus(host, "launch", AppDeploy.IMAGE, agent).requireSuccess("launch " + agent + " as " + APP.user());
            APP.incus(host, "exec", agent, "--", "sh", "-c", Scenarios.AGENT_FILES, "sh", agent)
                    .requireSuccess("write the known files into " + agent);
        }
        APP.incus(host, "stop", "taos-agent-naira").requireSuccess("stop taos-agent-naira");
        // incus-user's projects block snapshots (restricted.snapshots): an admin allows them for the one snapshot, then
        // resets it.
        host.sh("incus project set " + APP.project() + " restricted.snapshots=allow");
        APP.incus(host, "snapshot", "create", "taos-agent-stanley", "snap0")
                .requireSuccess("snapshot taos-agent-stanley");
        host.sh("incus project unset " + APP.project() + " restricted.snapshots");
        APP.incus(host, "exec", "taos-agent-stanley", "--", "sh", "-c", "echo second >> /srv/agent/identity.txt")
                .requireSuccess("write to stanley");
    }

    /** Incus installed and never initialised (no pool, no network), the app installed and never connected. */
    static void fresh(SystemdHost host) {
        installApp(host);
        requireIncusUser(host);
        require(host, "incus storage list -f csv", "", "no storage pool");
        require(host, "incus network list -f csv | grep ',YES,' || true", "", "no managed network");
        requireNeverConnected(host);
    }

    /**
     * An admin's host: {@code incus admin init --auto}, the admin's own containers web and db in the default project
     * (running, each with its NIC on incusbr0 and {@link Scenarios#AGENT_FILES}), the app installed and never
     * connected.
     */
    static void adminHost(SystemdHost host) {
        host.sh("incus admin init --auto && incus image import " + IncusHost.BUSYBOX_IMAGE + " --alias busybox");
        for (String name : ADMIN_CONTAINERS) {
            host.sh("incus launch busybox " + name);
            host.exec("incus", "exec", name, "--", "sh", "-c", Scenarios.AGENT_FILES, "sh", name)
                    .requireSuccess("write the known files into " + name);
        }
        require(
                host,
                "incus list -f csv -c nsP",
                "db,RUNNING,default\nweb,RUNNING,default",
                "the admin's containers running");
        require(
                host,
                "for c in db web; do incus query /1.0/instances/$c | grep -o '\"network\": \"[^\"]*\"' | cut -d'\"' "
                        + "-f4; done",
                "incusbr0\nincusbr0",
                "their NICs on incusbr0");
        // As the app reads an address: hostname -I inside, which the busybox image answers once udhcpc has its lease.
        host.sh("for c in " + String.join(" ", ADMIN_CONTAINERS) + "; do for i in $(seq 1 40); do"
                + " incus exec $c -- hostname -I | grep -Eq '^[0-9]+(\\.[0-9]+){3} ' && continue 2; sleep 0.5; done;"
                + " echo \"$c got no address from incusbr0\" >&2; exit 1; done");
        installApp(host);
        requireNeverConnected(host);
    }

    /**
     * The app's first connection: incus-user makes its project (and, on a server never initialised, a pool and a
     * bridge).
     */
    static void connect(IncusHost host) {
        requireIncusUser(host);
        APP.incus(host, "project", "list").requireSuccess("connect to incus-user as " + APP.user());
        require(
                host,
                PROJECTS + " | grep -x " + APP.project() + " || true",
                APP.project(),
                "the app's project made by incus-user");
    }

    /** The pool the root device of {@code profile} in {@code project} uses. */
    static String rootPool(IncusHost host, String project, String profile) {
        return host.sh("incus profile device get " + profile + " root pool --project " + project)
                .stdout()
                .strip();
    }

    /** The driver of {@code pool} as Incus reports it. */
    static String driver(IncusHost host, String pool) {
        return host.sh("incus query /1.0/storage-pools/" + pool
                        + " | grep -o '\"driver\": \"[^\"]*\"' | cut -d'\"' -f4")
                .stdout()
                .strip();
    }

    private static void installApp(SystemdHost host) {
        host.sh(INSTALL_APP);
        requireIncusUser(host);
    }

    private static void requireIncusUser(IncusHost host) {
        host.sh("systemctl enable --now incus-user.socket");
        require(
                host,
                "systemctl is-enabled incus-user.socket; systemctl is-active incus-user.socket",
                "enabled\nactive",
                "incus-user.socket enabled and active");
    }

    private static void requireNeverConnected(IncusHost host) {
        require(host, PROJECTS, "default", "no project but default (the app never connected)");
    }

    private static void require(IncusHost host, String script, String expected, String what) {
        String actual = host.sh(script).stdout().strip();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("Failed to put the host into its scenario: expected " + what + " ("
                    + expected + "), found: " + actual + ". Check the test host image (src/test/docker/systemd-host).");
        }
    }
}
