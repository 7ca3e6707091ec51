package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the taOS app does around its deploys, as its own user through incus-user (docs/ARCHITECTURE.md, "The app's
 * door"): it launches images from its own project, snapshots its agents before updates and for its archive, and needs
 * proxy devices, whose grant the operator chooses. On hosts shaped like the app's ({@link AppHosts}).
 */
@ExtendWith(NoLeaks.class)
class AppImagesAndSnapshotsIT {

    private static final AppHosts.App APP = AppHosts.APP;

    /** The local release: openclaw's base image (the busybox test image) and hermes's (the same, another file). */
    private static void serveBothBaseImages(IncusHost host) {
        FetchBaseImageIT.serveRelease(host);
        host.sh("cd /srv/www/rel && cp taos-openclaw-base-linux-x64.tar.gz taos-hermes-base-linux-x64.tar.gz"
                + " && gzip -c </dev/null >> taos-hermes-base-linux-x64.tar.gz"
                + " && sha256sum taos-hermes-base-linux-x64.tar.gz > taos-hermes-base-linux-x64.tar.gz.sha256");
    }

    private static String appImages(IncusHost host) {
        return APP.incus(host, "image", "list", "-c", "l", "-f", "csv")
                .requireSuccess("list images as " + APP.user())
                .stdout();
    }

    /**
     * On the seed's Pi after setup and a fetch from a local release: the app's user sees each base image in its own
     * project and launches it, copy-on-write, without importing anything; it takes, lists, restores and deletes a
     * snapshot of its agent (refused before setup); and a layer published for it is what its next launch gets.
     */
    @Test
    void onThePiTheAppLaunchesTheHostsImagesFromItsProjectAndSnapshotsItsAgents() {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            AppHosts.seedPi(host);
            IncusHost.Result refused = APP.incus(host, "snapshot", "create", "taos-agent-mary", "pre-update");
            assertTrue(
                    refused.exitCode() != 0 && refused.stderr().contains("doesn't allow for snapshot creation"),
                    "before setup, as on real hosts: " + refused.stderr());

            host.taosHost("setup", "--yes").requireSuccess("set up the Pi");
            serveBothBaseImages(host);
            host.taosHost("fetch-base-image", "--url", FetchBaseImageIT.URL).requireSuccess("fetch the base images");
            assertEquals("taos-hermes-base\ntaos-openclaw-base\n", sorted(appImages(host)));
            String pool = AppHosts.rootPool(host, APP.project(), "default");
            assertEquals("btrfs", AppHosts.driver(host, pool));
            assertTrue(
                    host.sh("incus storage volume list " + pool + " type=image -c n -f csv")
                                    .stdout()
                                    .lines()
                                    .count()
                            >= 2,
                    "each base image unpacked on the app's pool ahead of its first deploy");
            APP.incus(host, "launch", "taos-hermes-base", "taos-agent-first").requireSuccess("launch as the app");
            assertEquals(
                    pool,
                    APP.incus(host, "query", "/1.0/instances/taos-agent-first?project=" + APP.project())
                            .stdout()
                            .replaceAll("(?s).*\"root\": \\{[^}]*\"pool\": \"([^\"]*)\".*", "$1"));

            for (String[] snapshot : new String[][] {
                {"snapshot", "create", "taos-agent-mary", "pre-update"},
                {"snapshot", "list", "taos-agent-mary", "-c", "n", "-f", "csv"},
                {"snapshot", "restore", "taos-agent-mary", "pre-update"},
                {"snapshot", "delete", "taos-agent-mary", "pre-update"}
            }) {
                APP.incus(host, snapshot).requireSuccess(String.join(" ", snapshot) + " as the app");
            }
            host.taosHost("verify").requireSuccess("verify the app's door");

            host.sh("printf 'version: 1\\nlayers:\\n  hermes:\\n    parent: taos-openclaw-base"
                    + "\\n    cached: echo cached > /etc/hermes-layer\\n    trim: none\\n    publish:\\n"
                    + "      alias: taos-hermes-base\\n' > /tmp/images.yaml");
            host.taosHost("image", "build", "--file", "/tmp/images.yaml").requireSuccess("build the app's layer");
            APP.incus(host, "launch", "taos-hermes-base", "taos-agent-layered")
                    .requireSuccess("launch the published layer as the app");
            assertEquals(
                    "cached\n",
                    APP.incus(host, "exec", "taos-agent-layered", "--", "cat", "/etc/hermes-layer")
                            .requireSuccess("read the layer's file")
                            .stdout());
        }
    }

    /** Declined, the grant of proxy devices is not made, and plan and verify say the app's deploys fail there. */
    @Test
    void withProxyDevicesDeclinedThePlanAndVerifySayTheAppsDeploysFailAtTheirProxyStep() {
        try (SystemdHost host = new SystemdHost()) {
            host.start();
            AppHosts.fresh(host);
            IncusHost.Result setup = host.taosHost("setup", "--yes", "--no-app-proxies");
            assertEquals(0, setup.exitCode(), setup.stderr() + setup.stdout());
            assertTrue(
                    setup.stdout()
                            .contains("whoever controls the user taos can act as root here. Declined"
                                    + " (--no-app-proxies): the app's deploys will fail at their proxy step"),
                    setup.stdout());
            assertEquals(
                    "",
                    host.sh("incus project get " + APP.project() + " restricted.devices.proxy")
                            .stdout()
                            .strip());
            IncusHost.Result verify = host.taosHost("verify");
            assertEquals(6, verify.exitCode(), verify.stdout());
            assertTrue(
                    verify.stdout()
                            .contains("FAIL  the app's project allows its proxy devices:"
                                    + " restricted.devices.proxy=(unset: block): the app's deploys fail at"
                                    + " their proxy step"),
                    verify.stdout());
        }
    }

    private static String sorted(String lines) {
        return lines.lines().sorted().map(l -> l + "\n").reduce("", String::concat);
    }
}
