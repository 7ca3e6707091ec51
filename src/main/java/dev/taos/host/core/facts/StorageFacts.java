package dev.taos.host.core.facts;

import java.util.List;

/**
 * Real (non-pseudo) mounts, the filesystem that holds (or will hold) Incus's data directory, and whether host-level
 * copy-on-write snapshot tools are present.
 */
public record StorageFacts(
        List<MountFacts> mounts,
        IncusHome incusHome,
        String rootFsType,
        boolean snapperPresent,
        boolean timeshiftPresent) {

    public StorageFacts {
        mounts = List.copyOf(mounts);
    }

    /** The filesystem under Incus's data directory; {@code exists} is false when the directory is not there yet. */
    public record IncusHome(
            String path, boolean exists, String mountPoint, String fsType, long totalBytes, long freeBytes) {

        public boolean onCopyOnWriteFilesystem() {
            return "btrfs".equals(fsType) || "zfs".equals(fsType);
        }
    }

    public record MountFacts(String mountPoint, String device, String fsType, long totalBytes, long freeBytes) {}
}
