package dev.taos.host.core.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Incus daemon reports. Lists are empty unless {@code status} is RUNNING; {@code cluster} says whether it is a
 * cluster's member.
 */
public record IncusFacts(
        Status status,
        String detail,
        String serverVersion,
        List<String> supportedDrivers,
        List<StoragePool> pools,
        DefaultProfile defaultProfile,
        List<Instance> instances,
        List<String> managedNetworks,
        List<CachedImage> images,
        ClusterFacts cluster,
        List<Project> projects) {

    public enum Status {
        NOT_INSTALLED,
        DAEMON_DOWN,
        NO_ACCESS,
        RUNNING
    }

    public IncusFacts {
        supportedDrivers = List.copyOf(supportedDrivers);
        pools = List.copyOf(pools);
        instances = List.copyOf(instances);
        managedNetworks = List.copyOf(managedNetworks);
        images = List.copyOf(images);
        cluster = cluster == null ? ClusterFacts.standalone() : cluster;
        // Records captured before projects were read: the default project. The default profile is written once, here:
        // every
        // project that uses it (the default one, those without profiles of their own) carries this one.
        DefaultProfile shared = defaultProfile;
        projects = projects == null || projects.isEmpty()
                ? List.of(new Project(Project.DEFAULT, Map.of(), shared))
                : projects.stream()
                        .map(p ->
                                p.ownProfiles() && !p.defaultProject() ? p : new Project(p.name(), p.config(), shared))
                        .toList();
    }

    public static IncusFacts unavailable(Status status, String detail) {
        return new IncusFacts(
                status,
                detail,
                "",
                List.of(),
                List.of(),
                DefaultProfile.none(),
                List.of(),
                List.of(),
                List.of(),
                ClusterFacts.standalone(),
                List.of());
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    public boolean supports(String driver) {
        return supportedDrivers.contains(driver);
    }

    public Optional<StoragePool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The instance called {@code name} in the default project. */
    public Optional<Instance> instance(String name) {
        return instance(Project.DEFAULT, name);
    }

    public Optional<Instance> instance(String project, String name) {
        return instances.stream()
                .filter(i -> i.project().equals(project) && i.name().equals(name))
                .findFirst();
    }

    public Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The instances whose expanded devices come (in part) from the default profile of {@code profileProject}'s
     * profiles.
     */
    public List<Instance> onDefaultProfileOf(String profileProject) {
        return instances.stream()
                .filter(i -> i.profiles().contains("default")
                        && project(i.project())
                                .map(Project::profileProject)
                                .orElse(Project.DEFAULT)
                                .equals(profileProject))
                .toList();
    }

    public List<Instance> instancesOn(String poolName) {
        return instances.stream().filter(i -> poolName.equals(i.pool())).toList();
    }

    public IncusFacts withInstances(List<Instance> replacement) {
        return new IncusFacts(
                status,
                detail,
                serverVersion,
                supportedDrivers,
                pools,
                defaultProfile,
                replacement,
                managedNetworks,
                images,
                cluster,
                projects);
    }

    public IncusFacts withSupportedDrivers(List<String> drivers) {
        return new IncusFacts(
                status,
                detail,
                serverVersion,
                drivers,
                pools,
                defaultProfile,
                instances,
                managedNetworks,
                images,
                cluster,
                projects);
    }

    /** The default profile (project "default"): its root disk's pool ("" when it has none) and whether it has a NIC. */
    public record DefaultProfile(String rootPool, boolean hasNic) {

        public static DefaultProfile none() {
            return new DefaultProfile("", false);
        }

        public boolean hasRoot() {
            return !rootPool.isEmpty();
        }
    }

    /**
     * An image in the daemon's store; {@code properties} hold a cached layer's key, {@code lastUsedAt} is Incus's (a
     * zero date if never).
     */
    public record CachedImage(
            String fingerprint,
            String project,
            List<String> aliases,
            String architecture,
            long sizeBytes,
            Map<String, String> properties,
            String createdAt,
            String lastUsedAt) {
        public CachedImage {
            project = project == null ? Project.DEFAULT : project;
            aliases = List.copyOf(aliases);
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            createdAt = createdAt == null ? "" : createdAt;
            lastUsedAt = lastUsedAt == null ? "" : lastUsedAt;
        }

        /** An image of the default project. */
        public CachedImage(
                String fingerprint,
                List<String> aliases,
                String architecture,
                long sizeBytes,
                Map<String, String> properties,
                String createdAt,
                String lastUsedAt) {
            this(fingerprint, Project.DEFAULT, aliases, architecture, sizeBytes, properties, createdAt, lastUsedAt);
        }

        public boolean in(String inProject) {
            return project.equals(inProject);
        }
    }

    /** The image called {@code alias} in {@code project}, if there is one. */
    public Optional<CachedImage> image(String project, String alias) {
        return images.stream()
                .filter(i -> i.in(project) && i.aliases().contains(alias))
                .findFirst();
    }
}
