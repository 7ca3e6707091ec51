package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One way to make a copy-on-write pool. Each says whether it applies to this host and request, and if not, why: when
 * none applies, every reason is shown to the operator.
 */
public sealed interface Backend {

    CowDriver driver();

    /** How a person names this way, e.g. "btrfs loop file". */
    String label();

    /** Empty when this backend can be used; otherwise the reason it cannot. */
    Optional<String> whyNot(HostFacts facts, Set<String> supportedDrivers, InstallRequest request);

    boolean needsLoopFile();

    /** How the plan names what it creates, e.g. {@code btrfs pool "default" (50.0 GiB loop file)}. */
    String describe(String pool, Optional<LoopSizing> sizing);

    /** The {@code incus storage create} arguments after the driver. */
    List<String> createConfig(String pool, Optional<LoopSizing> sizing);

    default Command createCommand(String pool, Optional<LoopSizing> sizing) {
        return Incus.storageCreate(pool, driver().incusName(), createConfig(pool, sizing));
    }

    /**
     * Why {@code driver} cannot be used: the daemon lacks it, or, before Incus is installed, what this host lacks for
     * it.
     */
    private static Optional<String> unsupported(HostFacts facts, CowDriver driver, Set<String> supported) {
        if (supported.contains(driver.incusName())) {
            return Optional.empty();
        }
        if (facts.incus().status() == IncusFacts.Status.NOT_INSTALLED) {
            return Optional.of("Incus is not installed yet; once it is, it will support " + String.join(", ", supported)
                    + " here, not " + driver
                    + driver.missingAfterInstall(facts).map(why -> ": " + why).orElse(""));
        }
        return Optional.of(
                "the Incus daemon does not support " + driver + " (it supports: " + String.join(", ", supported) + ")");
    }

    /** A btrfs subvolume of the host filesystem: no loop file, no copy-on-write stacked on copy-on-write. */
    record BtrfsSubvolume() implements Backend {
        @Override
        public CowDriver driver() {
            return CowDriver.BTRFS;
        }

        @Override
        public String label() {
            return "btrfs subvolume";
        }

        @Override
        public Optional<String> whyNot(HostFacts facts, Set<String> supported, InstallRequest request) {
            var home = facts.storage().incusHome();
            if (!"btrfs".equals(home.fsType())) {
                return Optional.of(home.path() + " is on " + home.fsType()
                        + ", not btrfs, so there is no host btrfs to take a subvolume from");
            }
            if (request.size().isPresent()) {
                return Optional.of(
                        "--size asks for a loop file, but a subvolume shares the host filesystem and has no size of "
                                + "its own");
            }
            return unsupported(facts, driver(), supported);
        }

        @Override
        public boolean needsLoopFile() {
            return false;
        }

        @Override
        public String describe(String pool, Optional<LoopSizing> sizing) {
            return "btrfs pool \"" + pool + "\" (subvolume of the host's btrfs, no loop file)";
        }

        /**
         * Without source=, Incus 6.0 makes a loop file even on a btrfs host; a path on that btrfs makes a subvolume.
         */
        @Override
        public List<String> createConfig(String pool, Optional<LoopSizing> sizing) {
            return List.of("source=" + HostPaths.pool(pool));
        }
    }

    /** A sparse loop file under Incus's disks directory, formatted by Incus with {@code driver}. */
    record LoopFile(CowDriver driver) implements Backend {
        @Override
        public String label() {
            return driver + " loop file";
        }

        @Override
        public Optional<String> whyNot(HostFacts facts, Set<String> supported, InstallRequest request) {
            var home = facts.storage().incusHome();
            if (home.onCopyOnWriteFilesystem()) {
                return Optional.of(
                        "a " + driver + " loop file on " + home.path() + " would stack copy-on-write on the host's "
                                + home.fsType() + " (double journaling, fragmentation, slower writes)");
            }
            return unsupported(facts, driver, supported);
        }

        @Override
        public boolean needsLoopFile() {
            return true;
        }

        @Override
        public String describe(String pool, Optional<LoopSizing> sizing) {
            return driver + " pool \"" + pool + "\" ("
                    + sizing.map(s -> ByteSize.human(s.chosen())).orElse("?") + " loop file)";
        }

        @Override
        public List<String> createConfig(String pool, Optional<LoopSizing> sizing) {
            String size = "size=" + new ByteSize(sizing.orElseThrow().chosen()).incusValue();
            return driver.createSettings(size);
        }
    }

    /** Storage the operator already has: a block device or btrfs directory, a ZFS dataset, or an LVM volume group. */
    record ExistingSource(CowDriver driver, String source) implements Backend {
        @Override
        public String label() {
            return driver + " on " + source;
        }

        @Override
        public Optional<String> whyNot(HostFacts facts, Set<String> supported, InstallRequest request) {
            return unsupported(facts, driver, supported);
        }

        @Override
        public boolean needsLoopFile() {
            return false;
        }

        @Override
        public String describe(String pool, Optional<LoopSizing> sizing) {
            return driver + " pool \"" + pool + "\" on " + source;
        }

        @Override
        public List<String> createConfig(String pool, Optional<LoopSizing> sizing) {
            return driver.createSettings("source=" + source);
        }
    }
}
