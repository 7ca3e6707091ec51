package dev.taos.host.core.plan;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.KernelFacts.FsSupport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The copy-on-write drivers taos-host makes a pool with, in the order {@code --driver auto} tries them, and what each
 * needs: everything taos-host knows about one driver is here.
 */
public enum CowDriver {
    BTRFS("copy-on-write snapshots, light on memory; the best fit for a Raspberry Pi"),
    ZFS("copy-on-write with checksums and compression; wants more memory for its cache"),
    LVM("thin snapshots of block volumes; no shared file view between agents");

    private final String why;

    CowDriver(String why) {
        this.why = why;
    }

    /** How Incus names the driver ({@code incus storage create NAME DRIVER}). */
    public String incusName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why an operator would pick it (the wizard's words). */
    public String why() {
        return why;
    }

    /** The {@code incus storage create} settings for {@code setting} (a size or a source). */
    List<String> createSettings(String setting) {
        // Without a thin pool, LVM snapshots are full copies and launches are not copy-on-write.
        return this == LVM ? List.of(setting, "lvm.use_thinpool=true") : List.of(setting);
    }

    /** What this host lacks for Incus, once installed, to support the driver; empty when nothing. */
    Optional<String> missingAfterInstall(HostFacts facts) {
        return switch (this) {
            case BTRFS ->
                facts.kernel().btrfs().usable() ? Optional.empty() : Optional.of("the kernel has no usable btrfs");
            case ZFS ->
                facts.kernel().zfs().usable() && facts.hasTool("zfs") && facts.hasTool("zpool")
                        ? Optional.empty()
                        : Optional.of("the kernel's zfs module or the zfs tools (zfs, zpool) are missing");
            case LVM ->
                facts.hasTool("lvm") && facts.hasTool("thin_check")
                        ? Optional.empty()
                        : Optional.of("lvm2 or thin-provisioning-tools (lvm, thin_check) are missing");
        };
    }

    /** What would make a daemon that lacks the driver support it. */
    String enable(HostFacts facts) {
        return switch (this) {
            case BTRFS ->
                facts.kernel().btrfs() == FsSupport.ABSENT
                        ? "this kernel has no btrfs support; boot a kernel with btrfs"
                        : "apt-get install btrfs-progs, then restart Incus (systemctl restart incus)";
            case ZFS ->
                facts.kernel().zfs() == FsSupport.ABSENT
                        ? "apt-get install zfs-dkms zfsutils-linux (Debian: contrib section; Ubuntu: zfsutils-linux),"
                                + " then restart Incus"
                        : "apt-get install zfsutils-linux, then restart Incus";
            case LVM -> "apt-get install lvm2 thin-provisioning-tools, then restart Incus";
        };
    }

    /** The Incus name, so that a driver reads as Incus writes it wherever it is shown. */
    @Override
    public String toString() {
        return incusName();
    }
}
