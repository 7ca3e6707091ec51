package dev.taos.host.probe;

import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.Observed;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one project's instances as the migration protocol needs them: status, root pool, own config, snapshots, last
 * start. It runs before every step, while an agent may be down, so it asks the cheap way: the instance list without
 * state (state makes Incus measure every instance's disk and processes) and the snapshot names from their pools' volume
 * lists.
 */
public final class InstanceObserver {

    static final String PATH = "/1.0/instances?recursion=1";

    /** The list of {@code project}'s instances (the default project's is asked for as before projects were read). */
    static String instancesPath(String project) {
        return project.equals(Project.DEFAULT) ? PATH : PATH + "&project=" + project;
    }

    /** A pool's volumes of {@code project}, whose snapshot names the list carries. */
    static String volumesPath(String pool, String project) {
        return "/1.0/storage-pools/" + pool + "/volumes"
                + (project.equals(Project.DEFAULT) ? "" : "?project=" + project);
    }

    private static final String OPERATIONS = "/1.0/operations?recursion=1&all-projects=true";
    private static final String SNAPSHOT_VOLUME = "/volumes/container/";

    private final IncusApi api;
    private String member;

    public InstanceObserver(IncusApi api) {
        this.api = api;
    }

    /**
     * The cluster member this daemon is ("" when standalone), read once: a member does not change its name under a run.
     */
    private synchronized String member() throws IncusApi.IncusUnavailable {
        if (member == null) {
            var environment = IncusObjects.read("/1.0", api.query("/1.0"), IncusObjects.Server.class)
                    .environment();
            member = environment.clustered() ? environment.serverName() : "";
        }
        return member;
    }

    /** The instances of {@code project} as Incus shows them now. */
    public Observed observe(String project) throws IncusApi.IncusUnavailable {
        String path = instancesPath(project);
        List<IncusObjects.Instance> instances =
                IncusObjects.readList(path, api.query(path), IncusObjects.Instance.class);
        Map<String, List<String>> snapshots = new HashMap<>();
        for (String pool : instances.stream()
                .map(IncusObjects.Instance::rootPool)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList()) {
            String volumes = volumesPath(pool, project);
            snapshots.putAll(snapshotsOf(IncusObjects.readList(volumes, api.query(volumes), String.class)));
        }
        return parse(member(), instances, snapshots, !project.equals(Project.DEFAULT) && !allowsVolatileKeys(project));
    }

    private boolean allowsVolatileKeys(String project) throws IncusApi.IncusUnavailable {
        String path = "/1.0/projects/" + project;
        IncusObjects.Project read = IncusObjects.read(path, api.query(path), IncusObjects.Project.class);
        return new Project(read.name(), read.config(), null).allowsVolatileKeys();
    }

    /**
     * The ids of the daemon's running operations that touch any of {@code names} (a killed client leaves its copy
     * running).
     */
    public List<String> runningOperationsOn(Collection<String> names) throws IncusApi.IncusUnavailable {
        return operationsOn(api.query(OPERATIONS), names);
    }

    static List<String> operationsOn(String body, Collection<String> names) throws IncusApi.IncusUnavailable {
        var running = IncusObjects.readIfAny(OPERATIONS, body, IncusObjects.Operations.class)
                .map(IncusObjects.Operations::running)
                .orElse(null);
        return (running == null ? List.<IncusObjects.Operations.Operation>of() : running)
                .stream()
                        .filter(op -> op.resources() != null
                                && op.resources().getOrDefault("instances", List.of()).stream()
                                        .map(ref -> ref.replaceFirst("^/1\\.0/instances/", "")
                                                .replaceFirst("\\?.*$", ""))
                                        .anyMatch(names::contains))
                        .map(IncusObjects.Operations.Operation::id)
                        .distinct()
                        .toList();
    }

    static Observed parse(
            String member,
            List<IncusObjects.Instance> instances,
            Map<String, List<String>> snapshots,
            boolean cloudInitIdLocked) {
        Map<String, Observed.Seen> seen = new HashMap<>();
        for (IncusObjects.Instance instance : instances) {
            seen.put(
                    instance.name(),
                    new Observed.Seen(
                            instance.name(),
                            instance.status(),
                            instance.rootPool(),
                            instance.config(),
                            snapshots.getOrDefault(instance.name(), List.of()),
                            instance.lastUsedAt() == null ? "" : instance.lastUsedAt(),
                            instance.location()));
        }
        return new Observed(member, seen, cloudInitIdLocked);
    }

    /**
     * Snapshot names by instance, sorted, from a pool's volume URLs (".../volumes/container/NAME/snapshots/SNAP",
     * path-escaped).
     */
    static Map<String, List<String>> snapshotsOf(List<String> volumeUrls) {
        Map<String, List<String>> snapshots = new TreeMap<>();
        for (String url : volumeUrls) {
            String path = URI.create(url).getPath();
            int at = path.indexOf(SNAPSHOT_VOLUME);
            String[] parts = at < 0
                    ? new String[0]
                    : path.substring(at + SNAPSHOT_VOLUME.length()).split("/", 3);
            if (parts.length == 3 && parts[1].equals("snapshots")) {
                snapshots.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[2]);
            }
        }
        snapshots.values().forEach(Collections::sort);
        return snapshots;
    }
}
