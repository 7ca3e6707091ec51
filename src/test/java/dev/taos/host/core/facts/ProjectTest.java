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
