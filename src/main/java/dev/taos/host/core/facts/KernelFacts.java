package dev.taos.host.core.facts;

/** Whether the running kernel can mount btrfs and ZFS, from /proc/filesystems and modules.dep. */
public record KernelFacts(FsSupport btrfs, FsSupport zfs) {

    public enum FsSupport {
        /** Listed in /proc/filesystems: built in or already loaded. */
        AVAILABLE,
        /** Not loaded, but a module for it exists and can be loaded. */
        MODULE,
        ABSENT;

        public boolean usable() {
            return this != ABSENT;
        }
    }
}
