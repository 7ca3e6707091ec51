package dev.taos.host.core.facts;

import java.util.List;

/**
 * One Incus instance. {@code pool} is the pool of its expanded root disk; {@code rootDeviceLocal} is true when the
 * instance has its own root device rather than the profile's. {@code diskUsageBytes} is -1 when unknown.
 */
public record Instance(
        String name,
        String project,
        String type,
        String status,
        String pool,
        boolean rootDeviceLocal,
        boolean autostart,
        long diskUsageBytes,
        List<String> snapshots,
        List<String> customVolumes) {

    public Instance {
        snapshots = List.copyOf(snapshots);
        customVolumes = List.copyOf(customVolumes);
    }

    public boolean running() {
        return "Running".equalsIgnoreCase(status);
    }

    public Instance withDiskUsage(long bytes) {
        return new Instance(name, project, type, status, pool, rootDeviceLocal, autostart, bytes, snapshots, customVolumes);
    }
}
