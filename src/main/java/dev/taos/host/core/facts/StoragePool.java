package dev.taos.host.core.facts;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.HostPaths;
import java.util.List;

/**
 * One Incus storage pool. {@code configuredSize} is the loop file's {@code size} setting in bytes (0 when not a loop
 * pool); {@code totalBytes}/{@code usedBytes} come from the pool's resources (-1 when the daemon did not say).
 * {@code usedBy} is Incus's list of what refers to the pool (API paths such as /1.0/profiles/default).
 */
public record StoragePool(
        String name,
        String driver,
        String source,
        boolean loopBacked,
        String status,
        long configuredSize,
        long totalBytes,
        long usedBytes,
        List<String> usedBy,
        List<CustomVolume> customVolumes,
        List<String> imageVolumes) {

    public StoragePool {
        usedBy = List.copyOf(usedBy);
        customVolumes = List.copyOf(customVolumes);
        imageVolumes = imageVolumes == null ? List.of() : List.copyOf(imageVolumes);
    }

    /** A pool without the unpacked images ({@code imageVolumes}: their fingerprints) a copy-on-write pool keeps. */
    public StoragePool(
            String name,
            String driver,
            String source,
            boolean loopBacked,
            String status,
            long configuredSize,
            long totalBytes,
            long usedBytes,
            List<String> usedBy,
            List<CustomVolume> customVolumes) {
        this(
                name,
                driver,
                source,
                loopBacked,
                status,
                configuredSize,
                totalBytes,
                usedBytes,
                usedBy,
                customVolumes,
                List.of());
    }

    /**
     * Whether the image with this fingerprint is unpacked on the pool already: on a copy-on-write pool a launch is then
     * a snapshot of it, and only the first launch from an image pays the unpack.
     */
    public boolean holdsImage(String fingerprint) {
        return imageVolumes.contains(fingerprint);
    }

    /** Incus's {@code size} key as bytes (a plain number, or a size like 50GiB); 0 when unset or unreadable. */
    public static long configuredBytes(String size) {
        if (size == null || size.isEmpty()) {
            return 0;
        }
        if (size.matches("\\d+")) {
            return Long.parseLong(size);
        }
        try {
            return ByteSize.parse(size).bytes();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** Whether a pool with this source and size lives in a loop file Incus made (under its disks directory). */
    public static boolean loopFile(String source, long configuredSize) {
        return source.endsWith(".img") || (configuredSize > 0 && source.startsWith(HostPaths.DISKS + "/"));
    }

    /** This pool as it is on one cluster member: that member's source, size, state and space. */
    public StoragePool onMember(ClusterFacts.MemberPool there) {
        long size = configuredBytes(there.size());
        return new StoragePool(
                name,
                driver,
                there.source(),
                loopFile(there.source(), size),
                there.status(),
                size,
                there.totalBytes(),
                there.usedBytes(),
                usedBy,
                customVolumes);
    }

    /** Nothing but the default profile refers to it: it can be deleted and made again without touching any data. */
    public boolean emptyExceptDefaultProfile() {
        return usedBy.stream().allMatch(ref -> ref.equals("/1.0/profiles/default")) && customVolumes.isEmpty();
    }

    public boolean copyOnWrite() {
        return isCopyOnWrite(driver);
    }

    public static boolean isCopyOnWrite(String driver) {
        return switch (driver) {
            case "btrfs", "zfs", "lvm", "ceph" -> true;
            default -> false;
        };
    }

    /** A custom volume: {@code usedBy} holds the names of the instances it is attached to. */
    public record CustomVolume(String name, String project, String contentType, List<String> usedBy) {
        public CustomVolume {
            usedBy = List.copyOf(usedBy);
        }
    }
}
