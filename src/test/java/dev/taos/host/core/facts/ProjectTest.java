package dev.taos.host.core.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.facts.IncusFacts.DefaultProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static Project project(Map<String, String> config) {
        return new Project("user-990", config, DefaultProfile.none());
    }

    @Test
    void anUnrestrictedProjectAllowsProxiesAndAnyIdmap() {
        Project open = project(Map.of("features.profiles", "true"));
        assertTrue(open.allowsProxyDevices());
        assertTrue(open.allowsIdmapUid(990) && open.allowsIdmapGid(12345));
    }

    /** What incus-user sets: the user's uid and primary gid, and no proxy devices. */
    @Test
    void aRestrictedProjectAllowsOnlyWhatItLists() {
        Project user =
                project(Map.of("restricted", "true", "restricted.idmap.uid", "990", "restricted.idmap.gid", "991"));
        assertFalse(user.allowsProxyDevices());
        assertTrue(user.allowsIdmapUid(990));
        assertFalse(user.allowsIdmapGid(990), "raw.idmap \"both 990 0\" maps gid 990 too, which only 991 is allowed");
        assertTrue(project(Map.of("restricted", "true", "restricted.devices.proxy", "allow"))
                .allowsProxyDevices());
    }

    /** What the app's trace mounts need: disk devices allowed, and the path under one of the listed prefixes. */
    @Test
    void diskPathsAreAllowedUnderTheListedPrefixesOnly() {
        Project user = project(Map.of(
                "restricted", "true",
                "restricted.devices.disk", "allow",
                "restricted.devices.disk.paths", "/opt/tinyagentos, /srv/taos/"));
        assertTrue(user.allowsDiskPath("/opt/tinyagentos/data/trace"));
        assertTrue(user.allowsDiskPath("/srv/taos/trace"));
        assertFalse(user.allowsDiskPath("/opt/tinyagentos-other/trace"), "a prefix is a directory, not a string");
        assertFalse(user.allowsDiskPath("/var/lib/taos/trace"));
        assertFalse(project(Map.of("restricted", "true")).allowsDiskPath("/opt/tinyagentos/data"), "disks blocked");
        assertTrue(project(Map.of()).allowsDiskPath("/anywhere"));
        assertFalse(user.allowsSnapshots());
        assertTrue(project(Map.of("restricted", "true", "restricted.snapshots", "allow"))
                .allowsSnapshots());
    }

    /** The app's data dir as its unit gives it (TAOS_DATA_DIR, quoted or not, among other variables), else its own. */
    @Test
    void theAppsDataDirComesFromItsUnitElseItsInstallDir() {
        assertEquals(
                java.util.Optional.of("/srv/taos data"),
                TaosApp.dataDirOf(
                        "[Service]\nEnvironment=TAOS_PREFETCH_BASE_IMAGE=1 \"TAOS_DATA_DIR=/srv/taos data\"\n"));
        assertEquals(
                java.util.Optional.of("/var/lib/taos"),
                TaosApp.dataDirOf("Environment=TAOS_DATA_DIR=/x\nEnvironment=TAOS_DATA_DIR=/var/lib/taos\n"));
        assertEquals(java.util.Optional.empty(), TaosApp.dataDirOf("[Service]\nUser=taos\n"));
        assertEquals("/opt/tinyagentos/data/trace", new TaosApp("/opt/tinyagentos", true, "taos", "taos").traceDir());
    }

    /**
     * Incus reads a missing features.profiles as off: such a project's instances use the default project's profiles.
     */
    @Test
    void profilesComeFromTheDefaultProjectUnlessTheProjectHasItsOwn() {
        assertEquals("default", project(Map.of()).profileProject());
        assertEquals("user-990", project(Map.of("features.profiles", "true")).profileProject());
        assertEquals("default", new Project("default", Map.of(), DefaultProfile.none()).profileProject());
    }

    @Test
    void anIncusCommandNamesItsProjectOutsideTheDefaultOne() {
        assertEquals(List.of("incus", "start", "a1"), Project.command("default", List.of("incus", "start", "a1")));
        assertEquals(
                List.of("incus", "start", "a1", "--project", "user-990"),
                Project.command("user-990", List.of("incus", "start", "a1")));
        assertEquals("user-990_a1", Project.volumeName("user-990", "a1"));
        assertEquals("a1", Project.volumeName("default", "a1"));
        assertEquals("user-990/a1", Project.qualified("user-990", "a1"));
    }
}
