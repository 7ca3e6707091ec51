package dev.taos.host.core.bench;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.command.Patience;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.image.BaseImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launch benchmark, decided from the facts: which image, which pool to compare with a temporary dir pool, and the
 * exact commands. Runs alternate between the two pools so drift on the host falls on both alike.
 */
public record LaunchBench(String image, int runs, String targetPool, String targetDriver, String dirPool) {

    public static final String DEFAULT_IMAGE = BaseImage.ALIAS;
    public static final String INSTANCE_PREFIX = "taos-bench-";
    public static final String DIR_POOL = "taos-bench-dir";
    public static final int MAX_RUNS = 50;

    /** A bench the host can run, or why not and what to do. */
    public sealed interface Decision {
        record Run(LaunchBench bench, List<String> notes) implements Decision {}

        /** {@code invalidInput}: the operator's flags are wrong (exit 2) rather than the host not ready (exit 3). */
        record Refused(String problem, String remedy, boolean invalidInput) implements Decision {
            Refused(String problem, String remedy) {
                this(problem, remedy, false);
            }
        }
    }

    public static Decision decide(IncusFacts incus, Optional<String> image, int runs, Optional<String> pool) {
        if (!incus.running()) {
            return new Decision.Refused(
                    "the Incus daemon does not answer (" + incus.detail() + ")", "start Incus, then run bench again");
        }
        if (runs < 1 || runs > MAX_RUNS) {
            return new Decision.Refused(
                    "--runs " + runs + " is out of range", "give --runs between 1 and " + MAX_RUNS, true);
        }
        String poolName = pool.orElse(incus.defaultProfile().rootPool());
        if (poolName.isEmpty()) {
            return new Decision.Refused(
                    "the default profile has no root pool to measure",
                    "run taos-host setup first, or pass --pool NAME");
        }
        Optional<StoragePool> target = incus.pool(poolName);
        if (target.isEmpty()) {
            return new Decision.Refused(
                    "there is no storage pool \"" + poolName + "\"", "pass --pool with one of: " + poolNames(incus));
        }
        String imageName = image.orElse(DEFAULT_IMAGE);
        if (!hasImage(incus, imageName)) {
            return new Decision.Refused(
                    "no local image has the alias or fingerprint \"" + imageName + "\"",
                    image.isPresent()
                            ? "import it (incus image import FILE --alias " + imageName + ") or pass another --image"
                            : "import the taOS base image (taos-host fetch-base-image) or pass --image ALIAS");
        }
        List<String> leftovers = incus.instances().stream()
                .map(i -> i.name())
                .filter(n -> n.startsWith(INSTANCE_PREFIX))
                .toList();
        if (!leftovers.isEmpty() || incus.pool(DIR_POOL).isPresent()) {
            List<String> what = new ArrayList<>(leftovers);
            incus.pool(DIR_POOL).ifPresent(p -> what.add("pool " + DIR_POOL));
            return new Decision.Refused(
                    "an earlier bench left " + String.join(", ", what) + " behind",
                    "check they are not yours, delete them (incus delete --force NAME; incus storage delete " + DIR_POOL
                            + "), then run bench again");
        }
        List<String> notes = new ArrayList<>();
        if (!target.get().copyOnWrite()) {
            notes.add("Pool \"" + poolName + "\" is " + target.get().driver()
                    + ", not copy-on-write: expect no speed-up. Run taos-host setup first.");
        }
        notes.add(
                "Each pool gets one warm-up launch first, reported apart: on btrfs and ZFS it unpacks the image once, "
                        + "as a host's first deploy does.");
        return new Decision.Run(
                new LaunchBench(imageName, runs, poolName, target.get().driver(), DIR_POOL), notes);
    }

    private static boolean hasImage(IncusFacts incus, String name) {
        return incus.images().stream()
                .filter(i -> i.in(Project.DEFAULT))
                .anyMatch(i -> i.aliases().contains(name)
                        || (name.length() >= 12 && i.fingerprint().startsWith(name)));
    }

    private static String poolNames(IncusFacts incus) {
        return String.join(", ", incus.pools().stream().map(StoragePool::name).toList());
    }

    public Command createDirPool() {
        return Incus.storageCreate(dirPool, "dir", List.of());
    }

    public Command deleteDirPool() {
        return Incus.storageDelete(dirPool);
    }

    /** Run {@code run} on {@code pool}; run 0 is the warm-up. */
    public String instanceName(String pool, int run) {
        return INSTANCE_PREFIX + (pool.equals(dirPool) ? "dir" : "cow") + "-" + run;
    }

    public Command launch(String pool, String instance) {
        return Incus.launch(image, instance, pool);
    }

    public Command delete(String instance) {
        return Incus.deleteForced(instance).withPatience(Patience.IMAGE);
    }

    /** The two pools in the order each round launches on them. */
    public List<String> pools() {
        return List.of(dirPool, targetPool);
    }
}
