package dev.taos.host.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.door.AppHostsFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.image.FetchStatus;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.verify.Verifier.Check;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {

    static final UnitSteps.Jar JAR =
            new UnitSteps.Jar("/usr/local/lib/taos-host/taos-host.jar", "/tmp/taos-host.jar", "ab".repeat(32));

    static HostFacts optedIn() {
        HostFacts f = Fixtures.host("btrfs-already");
        return new HostFacts(
                f.schemaVersion(),
                f.host(),
                f.storage(),
                f.kernel(),
                f.tools(),
                f.incus(),
                f.units(),
                f.managedFiles(),
                Map.of("TAOS_BASE_IMAGE_FETCH", "1"),
                f.taosApp(),
                f.appAccess(),
                f.unreadable());
    }

    static Check baseImage(HostFacts facts, Optional<FetchStatus> status) {
        List<Check> checks = Verifier.check(facts, List.of(), JAR, 80, status, AppChoice.defaults());
        return checks.stream()
                .filter(c -> c.name().startsWith("base image"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A host that booted before its network: the fetch is pending, which verify says with the cause, without failing.
     */
    @Test
    void aPendingOrFailedFetchIsAWarningWithItsCause() {
        FetchStatus retrying = new FetchStatus(
                FetchStatus.State.RETRYING,
                3,
                "the host github.com was not found (no DNS answer: is the network up yet?)",
                "2026-11-24T10:00:00Z",
                "2026-11-24T10:01:00Z");
        Check check = baseImage(optedIn(), Optional.of(retrying));
        assertTrue(check.ok() && check.warning(), check.toString());
        assertEquals(
                "not yet: attempt 3 failed: the host github.com was not found (no DNS answer: is the network up yet?);"
                        + " the next attempt is at 2026-11-24T10:01:00Z",
                check.detail());
        assertTrue(baseImage(optedIn(), Optional.empty()).detail().contains("journalctl -u taos-base-image.service"));
    }

    private static List<String> appChecks(HostFacts facts, boolean required) {
        List<String> names = List.of(
                "the taOS app can deploy",
                "incus-user's socket is enabled",
                "the app's project exists",
                "the app's launches land on a copy-on-write pool",
                "the app's project allows its proxy devices",
                "the app's project allows its idmap",
                "root's subuid and subgid cover the app's user");
        return Verifier.check(facts, List.of(), JAR, 80, Optional.empty(), new AppChoice(Optional.empty(), required))
                .stream()
                .filter(c -> names.contains(c.name()))
                .map(c -> (c.warning() ? "warn " : c.ok() ? "ok   " : "FAIL ") + c.name())
                .toList();
    }

    /**
     * Proxy devices declined at setup: its own last check warns, saying what it costs; verify on its own fails there,
     * since the app's deploys do.
     */
    @Test
    void declinedProxyDevicesWarnAtSetupAndFailVerify() {
        Check declined = Verifier.check(
                        AppHostsFacts.pi(),
                        List.of(),
                        JAR,
                        80,
                        Optional.empty(),
                        AppChoice.defaults().withProxies(false))
                .stream()
                .filter(c -> c.name().equals("the app's project allows its proxy devices"))
                .findFirst()
                .orElseThrow();
        assertTrue(declined.ok() && declined.warning(), declined.toString());
        assertEquals(
                "restricted.devices.proxy=(unset: block): the app's deploys fail at their proxy step (\"Proxy devices"
                        + " are forbidden\") (declined: --no-app-proxies)",
                declined.detail());
        assertTrue(appChecks(AppHostsFacts.pi(), true).contains("FAIL the app's project allows its proxy devices"));
    }

    /**
     * Where the app cannot deploy, or would land on a dir pool, verify fails: "all hold" would be a lie about the app's
     * next deploy.
     */
    @Test
    void onThePiTheAppsDoorFailsWhereItsDeployWould() {
        assertEquals(
                List.of(
                        "ok   the taOS app can deploy",
                        "ok   incus-user's socket is enabled",
                        "ok   the app's project exists",
                        "FAIL the app's launches land on a copy-on-write pool",
                        "FAIL the app's project allows its proxy devices",
                        "ok   the app's project allows its idmap",
                        "FAIL root's subuid and subgid cover the app's user"),
                appChecks(AppHostsFacts.pi(), true));
        assertEquals(
                List.of(
                        "ok   the taOS app can deploy",
                        "ok   incus-user's socket is enabled",
                        "ok   the app's project exists",
                        "warn the app's launches land on a copy-on-write pool",
                        "warn the app's project allows its proxy devices",
                        "ok   the app's project allows its idmap",
                        "warn root's subuid and subgid cover the app's user"),
                appChecks(AppHostsFacts.pi(), false),
                "left alone with --no-prepare-app: said, not failed");
    }

    @Test
    void anAppUserThatCannotReachIncusFailsAndNoAppAtAllWarns() {
        assertEquals(
                List.of("FAIL the taOS app can deploy"),
                appChecks(AppHostsFacts.withGroups(AppHostsFacts.pi(), "taos"), true));
        assertEquals(List.of("warn the taOS app can deploy"), appChecks(Fixtures.host("dir-with-agents"), true));
    }

    @Test
    void withoutTheOptInNothingIsSaidOfTheBaseImage() {
        assertFalse(
                Verifier.check(
                                Fixtures.host("btrfs-already"),
                                List.of(),
                                JAR,
                                80,
                                Optional.empty(),
                                AppChoice.defaults())
                        .stream()
                        .anyMatch(c -> c.name().startsWith("base image")));
    }
}
