package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Optional;

/** Why the planner will not make or use a pool as asked: storage flags an existing pool cannot honour, a cluster. */
final class PoolRefusals {

    private PoolRefusals() {}

    /**
     * A pool that exists is used as it is, so a size or source for a new one cannot be honoured: refused, never
     * dropped, so that a script asking for them does not believe it got them.
     */
    static Optional<Refusal> ignoredStorageFlags(StoragePool pool, InstallRequest request) {
        String what = "pool \"" + pool.name() + "\" already exists (" + pool.driver()
                + (pool.loopBacked()
                        ? ", " + ByteSize.human(pool.configuredSize()) + " loop file"
                        : ", source " + pool.source())
                + ") and is used as it is";
        if (request.size().isPresent()
                && !(pool.loopBacked()
                        && pool.configuredSize() == request.size().get().bytes())) {
            return Optional.of(new Refusal(
                    Reason.INVALID_REQUEST,
                    "the pool size",
                    what + ", so --size " + request.size().get().incusValue() + " would not be applied",
                    List.of(
                            "leave --size out",
                            pool.loopBacked()
                                    ? "or grow the pool yourself (a loop file grows, never shrinks): incus storage set "
                                            + pool.name() + " size="
                                            + request.size().get().incusValue()
                                    : "or name a new pool with --pool")));
        }
        if (!request.members().isEmpty()) {
            return Optional.of(new Refusal(
                    Reason.INVALID_REQUEST,
                    "the members' storage",
                    what + ", so the answers' members ("
                            + String.join(", ", request.members().keySet()) + ") would not be applied",
                    List.of("leave members out", "or name a new pool with --pool")));
        }
        if (request.source().isPresent() && !request.source().get().equals(pool.source())) {
            return Optional.of(new Refusal(
                    Reason.INVALID_REQUEST,
                    "the pool source",
                    what + ", so --source " + request.source().get() + " would not be used",
                    List.of("leave --source out", "or name a new pool with --pool")));
        }
        return Optional.empty();
    }

    /**
     * On a cluster: a loop file on each member (a source or a host subvolume is each member's own), no pool recreated,
     * a driver all have.
     */
    static Optional<Refusal> clusterUnfit(HostFacts facts, Backend backend, PoolTarget target) {
        if (!backend.needsLoopFile()) {
            return Optional.of(new Refusal(
                    Reason.UNSUPPORTED_HOST,
                    "the pool",
                    backend.label() + " is this member's own storage, and on a cluster"
                            + " taos-host makes a loop file on each member",
                    List.of(
                            "leave --source out",
                            "or give each member its own source (or size) in the"
                                    + " answers file: members: {MEMBER: {source: SOURCE}}")));
        }
        if (target instanceof PoolTarget.Recreate recreate) {
            return Optional.of(new Refusal(
                    Reason.UNSUPPORTED_HOST,
                    "the pool",
                    "pool \"" + recreate.name() + "\" would be deleted and made again, which"
                            + " taos-host does not do on a cluster",
                    List.of("name a new pool with --pool NAME")));
        }
        return ClusterGuard.driverRefusal(
                facts.incus().cluster(), backend.driver().incusName());
    }

    /** Why no loop file of the size asked (or chosen) fits on {@code mountPoint}; empty when it fits. */
    static Optional<Refusal> loopSize(LoopSizing.Result decided, String mountPoint) {
        if (decided instanceof LoopSizing.Result.TooSmall small) {
            return Optional.of(new Refusal(
                    Reason.INVALID_REQUEST, "the pool size", small.problem(), List.of("give --size 5GiB or more")));
        }
        if (decided instanceof LoopSizing.Result.DoesNotFit tight) {
            return Optional.of(new Refusal(
                    Reason.UNSUPPORTED_HOST,
                    "the pool size",
                    tight.problem(),
                    List.of(
                            "free space on " + mountPoint + ", or give a smaller --size",
                            "or use existing storage with --source")));
        }
        return Optional.empty();
    }
}
