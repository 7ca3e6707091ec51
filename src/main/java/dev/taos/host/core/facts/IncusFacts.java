package dev.taos.host.core.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the Incus daemon reports. Lists are empty unless {@code status} is RUNNING; {@code cluster} says whether it is a cluster's member. */
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
        ClusterFacts cluster) {

    public enum Status {
        NOT_INSTALLED, DAEMON_DOWN, NO_ACCESS, RUNNING
    }

    public IncusFacts {
        supportedDrivers = List.copyOf(supportedDrivers);
        pools = List.copyOf(pools);
        instances = List.copyOf(instances);
        managedNetworks = List.copyOf(managedNetworks);
        images = List.copyOf(images);
        cluster = cluster == null ? ClusterFacts.standalone() : cluster;
    }

    public static IncusFacts unavailable(Status status, String detail) {
        return new IncusFacts(status, detail, "", List.of(), List.of(), DefaultProfile.none(), List.of(), List.of(), List.of(),
                ClusterFacts.standalone());
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

    public Optional<Instance> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<Instance> instancesOn(String poolName) {
        return instances.stream().filter(i -> poolName.equals(i.pool())).toList();
    }

    public IncusFacts withInstances(List<Instance> replacement) {
        return new IncusFacts(status, detail, serverVersion, supportedDrivers, pools, defaultProfile, replacement, managedNetworks, images, cluster);
    }

    public IncusFacts withSupportedDrivers(List<String> drivers) {
        return new IncusFacts(status, detail, serverVersion, drivers, pools, defaultProfile, instances, managedNetworks, images, cluster);
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

    /** An image in the daemon's store; {@code properties} hold a cached layer's key, {@code lastUsedAt} is Incus's (a zero date if never). */
    public record CachedImage(String fingerprint, List<String> aliases, String architecture, long sizeBytes, Map<String, String> properties,
            String createdAt, String lastUsedAt) {
        public CachedImage {
            aliases = List.copyOf(aliases);
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            createdAt = createdAt == null ? "" : createdAt;
            lastUsedAt = lastUsedAt == null ? "" : lastUsedAt;
        }
    }
}
