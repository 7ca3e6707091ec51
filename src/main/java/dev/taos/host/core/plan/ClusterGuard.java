package dev.taos.host.core.plan;

import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * taos-host does not change an Incus cluster yet: there a pool is made on each member ({@code --target}), then once for
 * the cluster, and an instance must migrate on its own member. Run on a member, setup and migrate refuse with this,
 * before anything changes, instead of acting as if the member were alone.
 */
public final class ClusterGuard {

    private ClusterGuard() {
    }

    /** The refusal of {@code object} (e.g. "the Incus setup") on a cluster's member; empty on a standalone daemon. */
    public static Optional<Refusal> refusal(ClusterFacts cluster, String object) {
        if (!cluster.clustered()) {
            return Optional.empty();
        }
        String members = cluster.members().stream().map(m -> m.name() + (m.online() ? "" : " " + m.status().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.joining(", "));
        return Optional.of(new Refusal(Reason.UNSUPPORTED_HOST, object, "this Incus daemon is member \"" + cluster.thisMember() + "\" of a cluster of "
                + cluster.members().size() + " (" + members + "), and taos-host does not change a cluster yet: a pool there is made on each member"
                + " and then for the cluster, and each instance migrates on its own member",
                List.of("make the pool by hand: incus storage create POOL btrfs size=SIZE --target MEMBER, on each member, then incus storage create"
                        + " POOL btrfs, then incus profile device add default root disk path=/ pool=POOL (see taos-host detect for the members)")));
    }
}
