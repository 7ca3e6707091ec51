package dev.taos.host.core.plan;

import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Optional;

/**
 * Decides which pool the default profile will use: a new one, an empty dir pool made again, or a copy-on-write one that
 * exists.
 */
sealed interface PoolTarget {

    String name();

    record Create(String name) implements PoolTarget {}

    record Recreate(StoragePool existing) implements PoolTarget {
        @Override
        public String name() {
            return existing.name();
        }
    }

    record Reuse(StoragePool existing) implements PoolTarget {
        @Override
        public String name() {
            return existing.name();
        }
    }

    record Refused(Refusal refusal) implements PoolTarget {
        @Override
        public String name() {
            return "";
        }
    }

    /** The name used when the operator gave none and the obvious one is taken by a pool that holds data. */
    static String fallbackName(String driver) {
        return "taos-" + driver;
    }

    static PoolTarget resolve(IncusFacts incus, InstallRequest request, String driver) {
        if (request.pool().isPresent()) {
            return resolveNamed(incus, request.pool().get(), request, true);
        }
        String obvious =
                incus.defaultProfile().hasRoot() ? incus.defaultProfile().rootPool() : InstallRequest.DEFAULT_POOL;
        PoolTarget target = resolveNamed(incus, obvious, request, false);
        // On a cluster an empty dir pool is not made again (that would be per member too): the new pool gets its own
        // name.
        if (target instanceof Refused
                || target instanceof Recreate && incus.cluster().clustered()) {
            return resolveNamed(incus, fallbackName(driver), request, false);
        }
        return target;
    }

    private static PoolTarget resolveNamed(
            IncusFacts incus, String name, InstallRequest request, boolean chosenByOperator) {
        Optional<StoragePool> existing = incus.pool(name);
        if (existing.isEmpty()) {
            return new Create(name);
        }
        StoragePool pool = existing.get();
        if (pool.copyOnWrite()) {
            if (request.driver() != DriverChoice.AUTO
                    && !request.driver().incusName().equals(pool.driver())) {
                return refuse(
                        name,
                        "pool \"" + name + "\" already exists with driver " + pool.driver() + ", not "
                                + request.driver().incusName(),
                        List.of("leave out --driver to use the existing pool, or choose another name with --pool"));
            }
            return new Reuse(pool);
        }
        if (pool.emptyExceptDefaultProfile() && incus.instancesOn(name).isEmpty()) {
            return new Recreate(pool);
        }
        int instances = incus.instancesOn(name).size();
        String problem = "pool \"" + name + "\" already exists (" + pool.driver() + ") and holds " + instances
                + " instance(s) and " + pool.customVolumes().size()
                + " custom volume(s); taos-host never deletes a pool that holds data";
        List<String> remedies = chosenByOperator
                ? List.of("choose a new name with --pool, e.g. --pool "
                        + fallbackName(
                                request.driver() == DriverChoice.AUTO
                                        ? "btrfs"
                                        : request.driver().incusName()))
                : List.of("choose a new name with --pool");
        return refuse(name, problem, remedies);
    }

    private static Refused refuse(String name, String problem, List<String> remedies) {
        return new Refused(new Refusal(Reason.INVALID_REQUEST, "pool \"" + name + "\"", problem, remedies));
    }
}
