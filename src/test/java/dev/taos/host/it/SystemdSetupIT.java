package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * setup on a host where systemd is PID 1 and the taOS app is installed: units written, checked, enabled, and they work.
 */
@ExtendWith(NoLeaks.class)
class SystemdSetupIT {

    /** A stand-in for the taOS app in its upstream layout, owned by the user it runs as. */
    private static final String FAKE_APP = """
            useradd --system taos
            usermod -aG incus taos
            mkdir -p /opt/tinyagentos/venv/bin /opt/tinyagentos/scripts
            printf '#!/bin/sh\\nexec sleep infinity\\n' > /opt/tinyagentos/venv/bin/python
            for s in host-firewall-up host-firewall-down stop; do
              printf '#!/bin/sh\\nexit 0\\n' > /opt/tinyagentos/scripts/$s.sh
            done
            chmod 0755 /opt/tinyagentos/venv/bin/python /opt/tinyagentos/scripts/*.sh
            chown -R taos:taos /opt/tinyagentos
            """;

    @Test
    void unitsAreInstalledEnabledAndThePoolWatchRuns() {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            host.sh(FAKE_APP);
            IncusHost.Result setup = host.taosHost("setup", "--yes");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stdout().contains("ok    systemd-analyze verify accepts the units: no complaints"),
                    setup.stdout());
            assertTrue(setup.stdout().matches("(?s).*\nAll \\d+ checks hold\\..*"), setup.stdout());

            assertEquals(
                    "enabled\nenabled\nenabled\nenabled\nenabled\n",
                    host.sh("systemctl is-enabled taos-pool-watch.timer tinyagentos.service"
                                    + " tinyagentos-host-firewall.service tinyagentos-host-firewall.path "
                                    + "tinyagentos-host-firewall.timer")
                            .stdout());
            assertTrue(host.sh("cat /etc/systemd/system/tinyagentos.service")
                    .stdout()
                    .contains("User=taos\nGroup=taos\nWorkingDirectory=/opt/tinyagentos\n"));

            host.sh("systemctl start taos-pool-watch.service");
            assertTrue(host.sh("journalctl -u taos-pool-watch.service --no-pager -o cat")
                    .stdout()
                    .contains("pool \"default\" is 0% full"));
            host.taosHost("verify").requireSuccess("verify");

            // The background image build: opted in by a second setup, it builds a layer once its file appears.
            host.taosHost("setup", "--yes", "--image-build").requireSuccess("opt in to the image build");
            assertEquals(
                    "enabled\nactive\n",
                    host.sh("systemctl is-enabled taos-image-build.path; systemctl is-active taos-image-build.path")
                            .stdout());
            host.sh("incus profile device remove default eth0 && incus image import " + IncusHost.BUSYBOX_IMAGE
                    + " --alias busybox");
            host.sh("printf 'version: 1\\nlayers:\\n  tools:\\n    parent: busybox\\n    cached: echo built > "
                    + "/built\\n' > /etc/taos-host/images.yaml");
            host.sh("for i in $(seq 1 300); do incus image alias list -f csv | grep -q '^taos/tools,' && exit 0; sleep "
                    + "0.2; done;"
                    + " journalctl -u taos-image-build.service --no-pager >&2; exit 1");
            String scheduling = host.sh("systemctl show -p Nice -p IOSchedulingClass taos-image-build.service")
                    .stdout();
            assertTrue(
                    scheduling.contains("Nice=19\n") && scheduling.contains("IOSchedulingClass=3\n"),
                    "idle priority: " + scheduling);
            host.taosHost("verify").requireSuccess("verify with the image build opted in");
        }
    }
}
