package dev.taos.host.core.facts;

import java.util.List;
import java.util.Map;

/**
 * One Incus instance. {@code pool} is the pool of its expanded root disk; {@code rootDeviceLocal} is true when the
 * instance has its own root device rather than the profile's. {@code diskUsageBytes} is -1 when unknown.
 * {@code profiles} are its profiles in order; {@code devices} and {@code expandedDevices} name its own devices and all
 * it ends up with (its own over its profiles'), so a change to a profile can be kept from reaching it. {@code identity}
 * holds the config keys a migration carries over to the copy (MAC addresses, cloud-init's instance id);
 * {@code baseImage} is the fingerprint of the image it was created from ("" when unknown); {@code location} is the
 * cluster member it lives on ("" on a standalone daemon).
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
        List<String> customVolumes,
        List<String> profiles,
        List<String> devices,
        List<String> expandedDevices,
        Map<String, String> identity,
        String baseImage,
        String location) {

    public Instance {
        snapshots = List.copyOf(snapshots);
        customVolumes = List.copyOf(customVolumes);
        // Records captured before these fields existed read as "the default profile, no devices of its own".
        profiles = profiles == null ? List.of("default") : List.copyOf(profiles);
        devices = devices == null ? List.of() : List.copyOf(devices);
        expandedDevices = expandedDevices == null ? List.of() : List.copyOf(expandedDevices);
        identity = identity == null ? Map.of() : Map.copyOf(identity);
        baseImage = baseImage == null ? "" : baseImage;
        // Incus says "none" for an instance of a standalone daemon.
        location = location == null || location.equals("none") ? "" : location;
    }

    public boolean running() {
        return "Running".equalsIgnoreCase(status);
    }

    public Instance withDiskUsage(long bytes) {
        return new Instance(
                name,
                project,
                type,
                status,
                pool,
                rootDeviceLocal,
                autostart,
                bytes,
                snapshots,
                customVolumes,
                profiles,
                devices,
                expandedDevices,
                identity,
                baseImage,
                location);
    }
}
