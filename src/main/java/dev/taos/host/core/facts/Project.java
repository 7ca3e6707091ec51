package dev.taos.host.core.facts;

import dev.taos.host.core.facts.IncusFacts.DefaultProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Incus project: its config ({@code features.*}, {@code restricted.*}) and the default profile its new instances
 * get, which is its own, or the default project's when {@code features.profiles} is off.
 */
public record Project(String name, Map<String, String> config, DefaultProfile defaultProfile) {

    public static final String DEFAULT = "default";

    public Project {
        config = config == null ? Map.of() : Map.copyOf(config);
        defaultProfile = defaultProfile == null ? DefaultProfile.none() : defaultProfile;
    }

    /** An incus command run in {@code project}: as typed for the default project, with --project for any other. */
    public static List<String> command(String project, List<String> argv) {
        if (project.equals(DEFAULT)) {
            return List.copyOf(argv);
        }
        List<String> scoped = new ArrayList<>(argv);
        scoped.addAll(List.of("--project", project));
        return List.copyOf(scoped);
    }

    /**
     * The name of an instance's volume on its pool (its directory under the pool's mount): PROJECT_NAME outside the
     * default project.
     */
    public static String volumeName(String project, String instance) {
        return project.equals(DEFAULT) ? instance : project + "_" + instance;
    }

    /** An instance as an operator names it: bare in the default project, PROJECT/NAME in another. */
    public static String qualified(String project, String instance) {
        return project.equals(DEFAULT) ? instance : project + "/" + instance;
    }

    public boolean defaultProject() {
        return name.equals(DEFAULT);
    }

    /** Whether it has profiles of its own; Incus reads a missing {@code features.profiles} as off. */
    public boolean ownProfiles() {
        return defaultProject() || "true".equals(config.get("features.profiles"));
    }

    /** The project whose profiles its instances use. */
    public String profileProject() {
        return ownProfiles() ? name : DEFAULT;
    }

    public boolean restricted() {
        return "true".equals(config.get("restricted"));
    }

    /**
     * Whether its instances' volatile keys may be set beyond the few Incus deems safe (MAC addresses among them): not
     * in a restricted project unless it allows low-level options ({@code restricted.containers.lowlevel=allow}).
     */
    public boolean allowsVolatileKeys() {
        return !restricted() || "allow".equals(config.get("restricted.containers.lowlevel"));
    }

    /**
     * Whether its instances may have proxy devices: always, unless the project is restricted and does not allow them.
     */
    public boolean allowsProxyDevices() {
        return !restricted() || "allow".equals(config.get("restricted.devices.proxy"));
    }

    /** Whether its instances may be snapshotted ({@code restricted.snapshots}, blocked in a restricted project). */
    public boolean allowsSnapshots() {
        return !restricted() || "allow".equals(config.get("restricted.snapshots"));
    }

    /**
     * Whether a disk device may mount host path {@code path}: not restricted, or disks allowed and the path under one
     * of {@code restricted.devices.disk.paths} (any path when that is unset).
     */
    public boolean allowsDiskPath(String path) {
        if (!restricted()) {
            return true;
        }
        if (!"allow".equals(config.get("restricted.devices.disk"))) {
            return false;
        }
        String paths = config.getOrDefault("restricted.devices.disk.paths", "");
        return paths.isBlank()
                || java.util.Arrays.stream(paths.split(","))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
    }

    /** Whether a {@code raw.idmap} may map host user id {@code uid} (and, for {@code gid}, host group id). */
    public boolean allowsIdmapUid(long uid) {
        return !restricted() || IdRange.anyContains(IdRange.parseList(config.get("restricted.idmap.uid")), uid);
    }

    public boolean allowsIdmapGid(long gid) {
        return !restricted() || IdRange.anyContains(IdRange.parseList(config.get("restricted.idmap.gid")), gid);
    }
}
