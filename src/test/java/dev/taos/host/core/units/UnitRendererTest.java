package dev.taos.host.core.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.probe.UnitCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitRendererTest {

    static final UnitChoices.Resolved OFF = new UnitChoices.Resolved(false, false, false);
    static final UnitSettings SETTINGS = new UnitSettings(
            "taos",
            "taos",
            "/opt/tinyagentos",
            "/opt/tinyagentos/venv/bin/python",
            "/opt/tinyagentos/scripts/stop.sh",
            true,
            "/usr/bin/java",
            "/usr/local/lib/taos-host/taos-host.jar",
            UnitSettings.PoolWatch.defaults());

    @Test
    void fillsEveryPlaceholderOfTheAppUnitWithUpstreamsValues() {
        String unit = UnitRenderer.render(
                "tinyagentos.service", UnitCatalog.sources().templates().get("tinyagentos.service"), SETTINGS.values());
        assertTrue(unit.contains("User=taos\nGroup=taos\nWorkingDirectory=/opt/tinyagentos\n"), unit);
        assertTrue(
                unit.contains("Environment=TAOS_PREFETCH_BASE_IMAGE=1\nExecStart=/opt/tinyagentos/venv/bin/python -m "
                        + "tinyagentos\n"),
                unit);
        assertTrue(unit.contains("TimeoutStartSec=180\nTimeoutStopSec=45\n"), unit);
        assertFalse(unit.contains("{{"), unit);
    }

    @Test
    void everyShippedTemplateRendersWithTheSettings() {
        UnitCatalog.sources()
                .templates()
                .forEach((name, text) -> assertFalse(
                        UnitRenderer.render(name, text, SETTINGS.values()).contains("{{"), name));
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingIt() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> UnitRenderer.render("x.service", "User={{TAOS_USR}}\n", SETTINGS.values()));
        assertEquals("Failed to render x.service: unknown placeholder {{TAOS_USR}}", e.getMessage());
    }

    @Test
    void aBlankValueIsAnErrorNotAnEmptyString() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> UnitRenderer.render("x.service", "User={{TAOS_USER}}\n", Map.of("TAOS_USER", " ")));
        assertEquals("Failed to render x.service: no usable value for {{TAOS_USER}}", e.getMessage());
    }

    @Test
    void theConfigCarriesThePoolTheWatchRuleAndTheOptIns() {
        assertEquals(
                """
                # Written by taos-host setup; read by its units. Change it with taos-host setup (flags in README.md).
                TAOS_POOL=default
                TAOS_POOL_WARN_PERCENT=80
                TAOS_POOL_AUTOGROW=1
                TAOS_POOL_GROW_STEP=5GiB
                TAOS_HOST_RESERVE_PERCENT=10
                TAOS_BASE_IMAGE_FETCH=0
                TAOS_IMAGE_BUILD=1
                """, HostConfig.render("default", SETTINGS.poolWatch(), new UnitChoices.Resolved(false, true, true)));
    }

    @Test
    void optInsAreReadBackFromTheInstalledConfigUnlessTheOperatorSaysOtherwise() {
        var installed = HostConfig.parse(
                HostConfig.render("default", SETTINGS.poolWatch(), new UnitChoices.Resolved(true, false, false)));
        assertEquals(
                new UnitChoices.Resolved(true, false, false),
                UnitChoices.asInstalled().resolve(installed));
        assertEquals(
                new UnitChoices.Resolved(false, true, false),
                new UnitChoices(Optional.of(false), Optional.of(true), Optional.empty()).resolve(installed));
        assertEquals(
                new UnitChoices.Resolved(false, false, false),
                UnitChoices.asInstalled().resolve(Map.of()));
    }

    @Test
    void theBackgroundImageBuildWatchesTheLayersFileAndTheBaseImageFetchAtIdlePriority() {
        var files = DesiredFiles.build(
                UnitCatalog.sources(), SETTINGS, "default", false, new UnitChoices.Resolved(false, false, true));
        ManagedFile service = files.get(files.size() - 2);
        ManagedFile path = files.get(files.size() - 1);
        assertEquals("/etc/systemd/system/taos-image-build.service", service.path());
        assertTrue(
                service.content()
                        .contains("ExecStart=/usr/bin/java -jar /usr/local/lib/taos-host/taos-host.jar image build "
                                + "--file "
                                + "/etc/taos-host/images.yaml\n"),
                service.content());
        assertTrue(
                service.content().contains("ConditionPathExists=/etc/taos-host/images.yaml\n")
                        && service.content().contains("Nice=19\n")
                        && service.content().contains("IOSchedulingClass=idle\n"),
                service.content());
        assertEquals(ManagedFile.Activation.ENABLE_NOW, path.activation());
        assertTrue(path.content().contains("PathChanged=/var/lib/taos-host/base-image-fetch.json\n"), path.content());
        assertTrue(path.content().contains("PathChanged=/etc/taos-host/images.yaml\n"), path.content());
        assertFalse(
                DesiredFiles.build(
                                UnitCatalog.sources(),
                                SETTINGS,
                                "default",
                                false,
                                new UnitChoices.Resolved(false, false, false))
                        .stream()
                        .anyMatch(f -> f.path().contains("image-build")),
                "not installed without the opt-in");
    }

    @Test
    void theBaseImageFetchIsInstalledOnlyWhenOptedIn() {
        var files = DesiredFiles.build(
                UnitCatalog.sources(), SETTINGS, "default", false, new UnitChoices.Resolved(true, false, false));
        ManagedFile fetch = files.get(files.size() - 1);
        assertEquals("/etc/systemd/system/taos-base-image.service", fetch.path());
        assertEquals(ManagedFile.Activation.ENABLE_START_IN_BACKGROUND, fetch.activation());
        assertTrue(
                fetch.content()
                        .contains(
                                "ExecStart=/usr/bin/java -jar /usr/local/lib/taos-host/taos-host.jar fetch-base-image "
                                        + "--retry\n"),
                fetch.content());
        assertTrue(
                fetch.content().contains("TimeoutStartSec=infinity\n"),
                "retrying may take hours: systemd must not give up on it");
        assertTrue(fetch.content().contains("IOSchedulingClass=idle\n"), fetch.content());
    }

    @Test
    void appUnitsAreLeftOutWhenTheAppIsNotInstalled() {
        List<String> without = DesiredFiles.build(UnitCatalog.sources(), SETTINGS, "default", false, OFF).stream()
                .map(ManagedFile::unitName)
                .toList();
        assertEquals(List.of("taos-host.conf", "taos-pool-watch.service", "taos-pool-watch.timer"), without);
        List<String> with = DesiredFiles.build(UnitCatalog.sources(), SETTINGS, "default", true, OFF).stream()
                .map(ManagedFile::unitName)
                .toList();
        assertTrue(
                with.containsAll(List.of(
                        "tinyagentos.service",
                        "tinyagentos-host-firewall.service",
                        "tinyagentos-host-firewall.path",
                        "tinyagentos-host-firewall.timer")),
                with.toString());
    }
}
