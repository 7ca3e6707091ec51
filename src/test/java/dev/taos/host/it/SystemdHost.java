package dev.taos.host.it;

import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;

/**
 * A disposable host with systemd as PID 1 and Incus as the Debian package installed it: {@code incus.socket} and
 * {@code incus.service} are real units, so install.sh runs and unit enabling are tested as on a real server.
 */
public final class SystemdHost extends IncusHost {

    public static final String IMAGE = "taos-systemd-host:test";

    public SystemdHost() {
        super(
                IMAGE,
                new WaitAllStrategy()
                        .withStrategy(Wait.forSuccessfulCommand(
                                "state=$(systemctl is-system-running); [ \"$state\" = running ] || [ "
                                        + "\"$state\" = degraded ]"))
                        .withStrategy(Wait.forSuccessfulCommand(
                                "incus admin waitready --timeout=2 && systemctl is-active --quiet incus.service")));
    }
}
