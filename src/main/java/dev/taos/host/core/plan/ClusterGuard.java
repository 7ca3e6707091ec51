package dev.taos.host.core.plan;

import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What taos-host will not do on an Incus cluster, said before anything changes: set up while a member is not online or
 * cannot be read (every member gets the pool), use a driver some member lacks, or migrate (an instance must be copied,
 * verified and swapped on its own member, which taos-host does not do yet).
 */
public final class ClusterGuard {

    private ClusterGuard() {
    }

    /** The refusal of a setup on a cluster with a member that is not online or not readable; empty when every member is. */
    public static Optional<Refusal> setupRefusal(ClusterFacts cluster) {
        List<ClusterFacts.Member> missing = cluster.members().stream().filter(m -> !m.online() || !m.unreadable().isEmpty()).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String which = missing.stream().map(m -> "\"" + m.name() + "\" (" + (m.unreadable().isEmpty() ? m.status() : m.unreadable()) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(new Refusal(Reason.UNSUPPORTED_HOST, "the Incus setup", "the pool is made on every member of the cluster, and member "
                + which + " cannot take part now", List.of("start that member's Incus daemon and wait until incus cluster list shows it ONLINE,"
                + " then run setup again", "or remove it from the cluster first: incus cluster remove NAME")));
    }

    /** The refusal of {@code driver} when some members do not support it; empty when all do. */
    public static Optional<Refusal> driverRefusal(ClusterFacts cluster, String driver) {
        List<String> lacking = cluster.members().stream().filter(m -> !m.supportedDrivers().contains(driver))
                .map(m -> m.name() + " (supports: " + String.join(", ", m.supportedDrivers()) + ")").toList();
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(Reason.UNSUPPORTED_HOST, "the Incus setup", "every member needs the " + driver + " driver for the pool,"
                + " and " + String.join(", ", lacking) + " does not have it", List.of("install " + driver + " support on that member (for btrfs:"
                + " apt-get install btrfs-progs, then restart its Incus daemon), or choose a driver every member has with --driver")));
    }

    /** The refusal of a migration (or a setup asked to migrate) on a cluster's member; empty on a standalone daemon. */
    public static Optional<Refusal> migrationRefusal(ClusterFacts cluster, String object) {
        if (!cluster.clustered()) {
            return Optional.empty();
        }
        String members = cluster.members().stream().map(m -> m.name() + (m.online() ? "" : " " + m.status().toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining(", "));
        return Optional.of(new Refusal(Reason.UNSUPPORTED_HOST, object, "this Incus daemon is member \"" + cluster.thisMember() + "\" of a cluster of "
                + cluster.members().size() + " (" + members + "), and taos-host does not migrate on a cluster yet: each instance must be copied,"
                + " verified and swapped on its own member", List.of("move an instance yourself, without taos-host's check:"
                + " incus move NAME --storage POOL (it must be stopped)", "or leave it where it is: new agents launch on the new pool")));
    }
}
