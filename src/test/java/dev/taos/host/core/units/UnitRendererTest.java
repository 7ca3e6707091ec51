package dev.taos.host.core.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.units.UnitCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitRendererTest {

    static final UnitSettings SETTINGS = new UnitSettings("taos", "taos", "/opt/tinyagentos", "/opt/tinyagentos/venv/bin/python",
            "/opt/tinyagentos/scripts/stop.sh", true, "/usr/bin/java", "/usr/local/lib/taos-host/taos-host.jar", UnitSettings.PoolWatch.defaults());

    @Test
    void fillsEveryPlaceholderOfTheAppUnitWithUpstreamsValues() {
        String unit = UnitRenderer.render("tinyagentos.service", UnitCatalog.sources().templates().get("tinyagentos.service"), SETTINGS.values());
        assertTrue(unit.contains("User=taos\nGroup=taos\nWorkingDirectory=/opt/tinyagentos\n"), unit);
        assertTrue(unit.contains("Environment=TAOS_PREFETCH_BASE_IMAGE=1\nExecStart=/opt/tinyagentos/venv/bin/python -m tinyagentos\n"), unit);
        assertTrue(unit.contains("TimeoutStartSec=180\nTimeoutStopSec=45\n"), unit);
        assertFalse(unit.contains("{{"), unit);
    }

    @Test
    void everyShippedTemplateRendersWithTheSettings() {
        UnitCatalog.sources().templates().forEach((name, text) -> assertFalse(UnitRenderer.render(name, text, SETTINGS.values()).contains("{{"), name));
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> UnitRenderer.render("x.service", "User={{TAOS_USR}}\n", SETTINGS.values()));
        assertEquals("Failed to render x.service: unknown placeholder {{TAOS_USR}}", e.getMessage());
    }

    @Test
    void aBlankValueIsAnErrorNotAnEmptyString() {
        var e = assertThrows(IllegalArgumentException.class, () -> UnitRenderer.render("x.service", "User={{TAOS_USER}}\n", Map.of("TAOS_USER", " ")));
        assertEquals("Failed to render x.service: no usable value for {{TAOS_USER}}", e.getMessage());
    }

    @Test
    void theConfigCarriesThePoolAndTheWatchRule() {
        assertEquals("""
                # Written by taos-host setup; read by taos-pool-watch.service. Change it with taos-host setup.
                TAOS_POOL=default
                TAOS_POOL_WARN_PERCENT=80
                TAOS_POOL_AUTOGROW=0
                TAOS_POOL_GROW_STEP=5GiB
                TAOS_HOST_RESERVE_PERCENT=10
                """, DesiredFiles.config(SETTINGS, "default"));
    }

    @Test
    void appUnitsAreLeftOutWhenTheAppIsNotInstalled() {
        List<String> without = DesiredFiles.build(UnitCatalog.sources(), SETTINGS, "default", false).stream().map(ManagedFile::unitName).toList();
        assertEquals(List.of("taos-host.conf", "taos-pool-watch.service", "taos-pool-watch.timer"), without);
        List<String> with = DesiredFiles.build(UnitCatalog.sources(), SETTINGS, "default", true).stream().map(ManagedFile::unitName).toList();
        assertTrue(with.containsAll(List.of("tinyagentos.service", "tinyagentos-host-firewall.service", "tinyagentos-host-firewall.path",
                "tinyagentos-host-firewall.timer")), with.toString());
    }
}
