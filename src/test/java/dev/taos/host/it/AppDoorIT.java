package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The taOS app's own deploy, as its user runs it through incus-user into its restricted project, before and after
 * {@code taos-host setup} on three hosts shaped like the app's ({@link AppHosts}): before, it fails where it does on
 * real hosts; after, every command succeeds, the agent runs with an address on a copy-on-write pool, verify holds and
 * no instance that was there before changed. On the Pi, migrate moves a running agent of the app's project too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(NoLeaks.class)
class AppDoorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppHosts.App APP = AppHosts.APP;
    private static final String PROJECT = APP.project();

    /** Shared by the Pi's two tests: setup runs once on it. */
    private SystemdHost pi;

    private boolean piSetUp;

    @AfterAll
    void stopPi() {
        if (pi != null) {
            pi.close();
        }
    }

    @Test
    @Order(1)
    void onAPiTheAppsDeployFailsBeforeSetupAndWorksAfterItWithEveryAgentUntouched() {
        pi = started(AppHosts::seedPi);
        Consent consent = Consent.record(pi);
        assertEquals(
                Set.of(PROJECT + "/taos-agent-mary", PROJECT + "/taos-agent-naira", PROJECT + "/taos-agent-stanley"),
                consent.instances());
        assertEquals(
                "dir",
                AppHosts.driver(pi, AppHosts.rootPool(pi, PROJECT, "default")),
                "the app's project deploys on the dir pool");
        assertFailsAsOnRealHosts(pi, AppDeploy.run(pi, APP, "before"));

        IncusHost.Result setup = pi.taosHost("setup", "--yes");
        piSetUp = true;
        assertTheDoorIsOpen(pi, setup, AppDeploy.run(pi, APP, "after"), consent);
    }

    @Test
    @Order(2)
    void onAPiMigrateMovesARunningAgentOfTheAppsProjectToTheCopyOnWritePoolWithEveryFile() {
        SystemdHost host = piAfterSetup();
        String agent = "taos-agent-mary";
        assertEquals("Running", settledStatus(host, agent));
        String files = Agents.fingerprint(host, "default", PROJECT, agent);
        Consent consent = Consent.record(host);

        IncusHost.Result migrated = host.taosHost("migrate", "--project", PROJECT, "--instances", agent, "--yes");
        assertAll(
                () -> assertEquals(0, migrated.exitCode(), migrated.stderr() + migrated.stdout()),
                () -> assertEquals(
                        "btrfs",
                        AppHosts.driver(host, rootPool(instance(host, agent))),
                        "the agent is on a copy-on-write pool"),
                () -> assertEquals("Running", settledStatus(host, agent)),
                () -> assertEquals(
                        files,
                        Agents.fingerprint(host, rootPool(instance(host, agent)), PROJECT, agent),
                        "every file as it was"),
                () -> consent.assertUntouchedExcept(Consent.key(PROJECT, agent)));
    }

    @Test
    @Order(3)
    void onAFreshHostTheAppsFirstDeployAfterSetupWorks() {
        try (SystemdHost host = started(AppHosts::fresh)) {
            Consent consent = Consent.record(host);
            IncusHost.Result setup = host.taosHost("setup", "--yes");
            IncusHost.Result imported = importBaseImage(host);
            assertAll(
                    () -> assertEquals(
                            0, imported.exitCode(), "the app's first connection, after setup: " + imported.stderr()),
                    () -> assertTheDoorIsOpen(host, setup, AppDeploy.run(host, APP, "first"), consent));
        }
    }

    /**
     * Without setup, incus-user configures a server never initialised itself: a dir pool "default" under the app's
     * project.
     */
    @Test
    @Order(4)
    void onAFreshHostTheAppsFirstConnectionWithoutSetupGetsADirPoolAndTheDeployFails() {
        try (SystemdHost host = started(AppHosts::fresh)) {
            Consent consent = Consent.record(host);
            AppHosts.connect(host);
            assertEquals("default", AppHosts.rootPool(host, PROJECT, "default"));
            assertEquals(
                    "dir", AppHosts.driver(host, "default"), "incus-user made a dir pool, not a copy-on-write one");
            importBaseImage(host).requireSuccess("import the base image as " + APP.user());
            assertFailsAsOnRealHosts(host, AppDeploy.run(host, APP, "first"));
            consent.assertUntouchedExcept();
        }
    }

    @Test
    @Order(5)
    void onAnAdminsHostTheAppsFirstDeployAfterSetupWorksAndTheAdminsContainersAreUntouched() {
        try (SystemdHost host = started(AppHosts::adminHost)) {
            Consent consent = Consent.record(host);
            assertEquals(Set.copyOf(AppHosts.ADMIN_CONTAINERS), consent.instances());
            IncusHost.Result setup = host.taosHost("setup", "--yes");
            IncusHost.Result imported = importBaseImage(host);
            assertAll(
                    () -> assertEquals(
                            0, imported.exitCode(), "the app's first connection, after setup: " + imported.stderr()),
                    () -> assertTheDoorIsOpen(host, setup, AppDeploy.run(host, APP, "first"), consent));
        }
    }

    @Test
    @Order(6)
    void onAnAdminsHostTheAppsDeployWithoutSetupFails() {
        try (SystemdHost host = started(AppHosts::adminHost)) {
            Consent consent = Consent.record(host);
            AppHosts.connect(host);
            assertEquals(
                    "dir",
                    AppHosts.driver(host, AppHosts.rootPool(host, PROJECT, "default")),
                    "the app's project deploys on the dir pool");
            importBaseImage(host).requireSuccess("import the base image as " + APP.user());
            assertFailsAsOnRealHosts(host, AppDeploy.run(host, APP, "first"));
            consent.assertUntouchedExcept();
        }
    }

    /**
     * What the app meets today in its restricted project: the restart after {@code raw.idmap "both 990 0"} fails
     * (root's subuid/subgid lack 990), where the app's deploy stops; its proxy devices would be refused next.
     */
    private static void assertFailsAsOnRealHosts(IncusHost host, AppDeploy.Result deploy) {
        AppDeploy.Command failed = deploy.firstFailure()
                .orElseThrow(() -> new AssertionError("the deploy worked without setup: " + deploy));
        assertEquals("incus start " + deploy.agent(), failed.line(), deploy.toString());
        assertTrue(failed.stderr().contains("forkstart"), deploy.toString());
        assertEquals("", deploy.address());
        IncusHost.Result proxy = APP.incus(host, AppDeploy.proxy(deploy.agent(), "taos-proxy-litellm", 4000));
        assertTrue(proxy.exitCode() != 0 && proxy.stderr().contains("Proxy devices are forbidden"), proxy.stderr());
        // Gone again as after a failed deploy, so that the host holds only what the scenario made.
        APP.incus(host, "delete", "--force", deploy.agent()).requireSuccess("delete " + deploy.agent());
    }

    private static void assertTheDoorIsOpen(
            IncusHost host, IncusHost.Result setup, AppDeploy.Result deploy, Consent consent) {
        System.out.println(deploy);
        assertAll(
                () -> assertEquals(0, setup.exitCode(), "setup --yes: " + setup.stderr() + setup.stdout()),
                () -> assertTrue(deploy.firstFailure().isEmpty(), deploy.toString()),
                () -> assertEquals("Running", settledStatus(host, deploy.agent()), deploy.toString()),
                () -> assertTrue(deploy.address().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), "an IPv4 address: " + deploy),
                () -> assertEquals(
                        "btrfs",
                        AppHosts.driver(host, rootPool(instance(host, deploy.agent()))),
                        "the agent's root is copy-on-write"),
                () -> {
                    IncusHost.Result verify = host.taosHost("verify");
                    assertEquals(0, verify.exitCode(), "verify: " + verify.stdout() + verify.stderr());
                },
                consent::assertUntouchedExcept);
    }

    /**
     * The app's base image, imported by its user into its own project: the app's first connection on a host where it
     * never ran.
     */
    private static IncusHost.Result importBaseImage(IncusHost host) {
        return APP.incus(host, "image", "import", IncusHost.BUSYBOX_IMAGE, "--alias", AppDeploy.IMAGE);
    }

    private SystemdHost piAfterSetup() {
        if (pi == null) {
            pi = started(AppHosts::seedPi);
        }
        if (!piSetUp) {
            pi.taosHost("setup", "--yes");
            piSetUp = true;
        }
        return pi;
    }

    private static SystemdHost started(Consumer<SystemdHost> scenario) {
        SystemdHost host = new SystemdHost();
        host.start();
        try {
            scenario.accept(host);
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
        return host;
    }

    /** The app's instance as Incus reports it, or a missing node when there is none. */
    private static JsonNode instance(IncusHost host, String name) {
        IncusHost.Result found = host.exec("incus", "query", "/1.0/instances/" + name + "?project=" + PROJECT);
        try {
            return found.exitCode() == 0 ? JSON.readTree(found.stdout()) : JSON.missingNode();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(
                    "Failed to read instance " + name + " of project " + PROJECT + ": " + e.getMessage(), e);
        }
    }

    /**
     * The instance's status once two reads a second apart agree: right after a start that failed, Incus may still
     * report it Running for a moment.
     */
    private static String settledStatus(IncusHost host, String name) {
        String last = instance(host, name).path("status").asText("(none)");
        for (int read = 0; read < 10; read++) {
            host.sh("sleep 1");
            String now = instance(host, name).path("status").asText("(none)");
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return "unsettled, last " + last;
    }

    private static String rootPool(JsonNode instance) {
        return instance.path("expanded_devices").path("root").path("pool").asText();
    }
}
