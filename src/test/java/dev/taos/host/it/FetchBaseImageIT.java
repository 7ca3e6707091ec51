package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * fetch-base-image against a release served from inside the host by busybox httpd (these machines reach no release
 * server), with the busybox test image standing in for the taOS base image; and the opt-in unit on a systemd host.
 */
@ExtendWith(NoLeaks.class)
class FetchBaseImageIT {

    static final String URL = "http://127.0.0.1:8099/rel";
    private static final String ASSET = "/srv/www/rel/taos-openclaw-base-linux-x64.tar.gz";

    static void serveRelease(IncusHost host) {
        host.sh("mkdir -p /srv/www/rel && cp " + IncusHost.BUSYBOX_IMAGE + " " + ASSET
                + " && (cd /srv/www/rel && sha256sum taos-openclaw-base-linux-x64.tar.gz > "
                + "taos-openclaw-base-linux-x64.tar.gz.sha256)"
                + " && busybox httpd -p 127.0.0.1:8099 -h /srv/www");
    }

    private static String aliases(IncusHost host) {
        return host.sh("incus image list -c l -f csv").stdout();
    }

    @Test
    void aTruncatedDownloadIsRefusedAndAGoodOneImportedOnce() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            serveRelease(host);
            host.sh("cp " + ASSET + " /tmp/good.tar.gz && head -c 100000 /tmp/good.tar.gz > " + ASSET + " && rm "
                    + ASSET + ".sha256");
            IncusHost.Result truncated = host.taosHost("fetch-base-image", "--url", URL);
            assertEquals(4, truncated.exitCode(), truncated.stdout());
            assertTrue(
                    truncated
                            .stderr()
                            .startsWith(
                                    "Failed to verify taos-openclaw-base-linux-x64.tar.gz: tar cannot read it to the "
                                            + "end"),
                    truncated.stderr());
            assertEquals("", aliases(host));
            assertEquals(
                    "",
                    host.sh("ls /var/lib/taos-host/downloads | grep -v '^lock$' || true")
                            .stdout());

            host.sh("cp /tmp/good.tar.gz " + ASSET
                    + " && cd /srv/www/rel && sha256sum taos-openclaw-base-linux-x64.tar.gz > "
                    + "taos-openclaw-base-linux-x64.tar.gz.sha256");
            IncusHost.Result fetched = host.taosHost("fetch-base-image", "--url", URL);
            assertEquals(0, fetched.exitCode(), fetched.stderr());
            assertTrue(
                    fetched.stdout()
                            .contains("SHA-256 matches " + URL + "/taos-openclaw-base-linux-x64.tar.gz.sha256."),
                    fetched.stdout());
            assertEquals("taos-openclaw-base\n", aliases(host));

            // The release publishes openclaw's base image only: hermes's is passed over, every time, and that is done.
            IncusHost.Result again = host.taosHost("fetch-base-image", "--url", URL);
            assertEquals(0, again.exitCode(), again.stderr());
            assertTrue(
                    again.stdout()
                            .contains("The release publishes no taos-hermes-base (" + URL
                                    + "/taos-hermes-base-linux-x64.tar.gz is not there)"),
                    again.stdout());
            assertEquals("taos-openclaw-base\n", aliases(host));
        }
    }

    /**
     * A host that boots before its network, or before the release is reachable: the unit's command keeps trying with
     * back-off, verify names the cause meanwhile (never "null"), and the image arrives once the release answers.
     */
    @Test
    void theBackgroundFetchRetriesUntilTheReleaseAnswersAndVerifySaysWhyUntilThen() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            host.taosHost("setup", "--yes", "--fetch-base-image").requireSuccess("set up with the background fetch");
            host.sh("nohup java -jar " + IncusHost.JAR + " fetch-base-image --retry --url " + URL
                    + " >/tmp/fetch.log 2>&1 &");
            host.sh("for i in $(seq 1 300); do grep -q RETRYING /var/lib/taos-host/base-image-fetch.json 2>/dev/null "
                    + "&& exit 0; sleep 0.1; done;"
                    + " cat /tmp/fetch.log >&2; exit 1");

            IncusHost.Result pending = host.taosHost("verify");
            assertEquals(0, pending.exitCode(), pending.stdout());
            assertTrue(
                    pending.stdout()
                            .contains("warn  base images are imported: not yet: attempt 1 failed: "
                                    + "Failed to download "
                                    + URL
                                    + "/taos-hermes-base-linux-x64.tar.gz: the connection to 127.0.0.1:8099 "
                                    + "was refused or could not be made; Failed to download " + URL
                                    + "/taos-openclaw-base-linux-x64.tar.gz: the connection to 127.0.0.1:8099 "
                                    + "was refused or could not be made;"
                                    + " the next attempt is at "),
                    pending.stdout());

            serveRelease(host);
            host.sh("for i in $(seq 1 600); do incus image list -c l -f csv | grep -qx taos-openclaw-base && exit 0; "
                    + "sleep 0.1; done;"
                    + " cat /tmp/fetch.log >&2; exit 1");
            host.sh("for i in $(seq 1 100); do grep -q DONE /var/lib/taos-host/base-image-fetch.json && exit 0; sleep "
                    + "0.1; done; exit 1");
            assertTrue(host.sh("cat /tmp/fetch.log")
                    .stdout()
                    .contains("Imported taos-openclaw-base-linux-x64.tar.gz as taos-openclaw-base."));
            assertTrue(host.taosHost("verify").stdout().contains("ok    base images are imported: taos-openclaw-base"));
        }
    }

    @Test
    void optingInInstallsTheUnitWhichFetchesInTheBackgroundAndOptingOutRemovesIt() {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            serveRelease(host);
            // A mirror is configured the way an operator would: a drop-in, which setup neither writes nor removes.
            host.sh("mkdir -p /etc/systemd/system/taos-base-image.service.d && printf "
                    + "'[Service]\\nEnvironment=TAOS_BASE_IMAGE_URL="
                    + URL + "\\n' > /etc/systemd/system/taos-base-image.service.d/mirror.conf");
            IncusHost.Result setup = host.taosHost("setup", "--yes", "--fetch-base-image");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(setup.stdout().contains("systemctl start --no-block taos-base-image.service"), setup.stdout());
            host.sh("for i in $(seq 1 600); do incus image list -c l -f csv | grep -qx taos-openclaw-base && exit 0; "
                    + "sleep 0.1; done;"
                    + " journalctl -u taos-base-image.service --no-pager >&2; exit 1");
            assertTrue(host.sh("systemctl show -p Nice -p IOSchedulingClass taos-base-image.service")
                    .stdout()
                    .contains("Nice=19"));
            assertEquals(
                    "Nothing to do: the host already launches agents copy-on-write.\n",
                    host.taosHost("setup", "--yes").stdout());
            host.taosHost("verify").requireSuccess("verify with the fetch unit");

            IncusHost.Result off = host.taosHost("setup", "--yes", "--no-fetch-base-image");
            assertEquals(0, off.exitCode(), off.stderr() + off.stdout());
            assertTrue(off.stdout().contains("Removing taos-base-image.service (turned off)"), off.stdout());
            assertEquals(
                    1,
                    host.exec("test", "-e", "/etc/systemd/system/taos-base-image.service")
                            .exitCode());
            assertTrue(host.sh("cat /etc/taos-host/taos-host.conf").stdout().contains("TAOS_BASE_IMAGE_FETCH=0\n"));
            host.taosHost("verify").requireSuccess("verify after opting out");
        }
    }
}
