package dev.taos.host.core.plan;

import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What taos-host will not do on an Incus cluster, said before anything changes: set up while a member is not online or
 * cannot be read (every member gets the pool), or use a driver some member lacks. (Migrating an instance on another
 * member is refused by {@link MigrationChoice}: it is copied, verified and swapped on its own member, by taos-host
 * running there.)
 */
public final class ClusterGuard {

    private ClusterGuard() {}

    /**
     * The refusal of a setup on a cluster with a member that is not online or not readable; empty when every member is.
     */
    public static Optional<Refusal> setupRefusal(ClusterFacts cluster) {
        List<ClusterFacts.Member> missing = cluster.members().stream()
                .filter(m -> !m.online() || !m.unreadable().isEmpty())
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String which = missing.stream()
                .map(m -> "\"" + m.name() + "\" (" + (m.unreadable().isEmpty() ? m.status() : m.unreadable()) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of(new Refusal(
                Reason.UNSUPPORTED_HOST,
                "the Incus setup",
                "the pool is made on every member of the cluster, and member " + which + " cannot take part now",
                List.of(
                        "start that member's Incus daemon and wait until incus cluster list shows it ONLINE,"
                                + " then run setup again",
                        "or remove it from the cluster first: incus cluster remove NAME")));
    }

    /** The refusal of {@code driver} when some members do not support it; empty when all do. */
    public static Optional<Refusal> driverRefusal(ClusterFacts cluster, String driver) {
        List<String> lacking = cluster.members().stream()
                .filter(m -> !m.supportedDrivers().contains(driver))
                .map(m -> m.name() + " (supports: " + String.join(", ", m.supportedDrivers()) + ")")
                .toList();
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(
                Reason.UNSUPPORTED_HOST,
                "the Incus setup",
                "every member needs the " + driver + " driver for the pool," + " and " + String.join(", ", lacking)
                        + " does not have it",
                List.of("install " + driver + " support on that member (for btrfs:"
                        + " apt-get install btrfs-progs, then restart its Incus daemon), or choose a "
                        + "driver every member has with --driver")));
    }

    /**
     * The refusal of per-member storage that names no member of this cluster, or any on a standalone daemon; empty when
     * all are members.
     */
    public static Optional<Refusal> memberStorageRefusal(ClusterFacts cluster, Map<String, MemberStorage> storage) {
        List<String> names =
                cluster.members().stream().map(ClusterFacts.Member::name).toList();
        List<String> unknown = storage.keySet().stream()
                .filter(name -> !names.contains(name))
                .sorted()
                .toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(
                Reason.INVALID_REQUEST,
                "the members' storage",
                cluster.clustered()
                        ? "the answers name " + String.join(", ", unknown) + ", which "
                                + (unknown.size() == 1 ? "is not a member" : "are not members") + " of this cluster ("
                                + String.join(", ", names) + ")"
                        : "the answers give storage for members (" + String.join(", ", unknown)
                                + "), but this Incus daemon is not a member of a cluster",
                List.of(
                        cluster.clustered()
                                ? "name members as incus cluster list shows them"
                                : "leave members out of the answers file, and use size or source")));
    }

    /**
     * What the operator should know when members differ in architecture: nothing taos-host does crosses members (the
     * pool is each member's, a migration stays on its member), but an image is of one architecture and Incus launches
     * it only on members of that one. Empty when all members share one.
     */
    public static Optional<String> architectureNote(ClusterFacts cluster) {
        Map<String, List<String>> byArch = cluster.members().stream()
                .collect(Collectors.groupingBy(
                        ClusterFacts.Member::architecture,
                        TreeMap::new,
                        Collectors.mapping(ClusterFacts.Member::name, Collectors.toList())));
        if (byArch.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("Members differ in architecture ("
                + byArch.entrySet().stream()
                        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("; "))
                + "): an image is of one architecture, and Incus launches it only on members of that one."
                + " Build or fetch agent images on a member of each (taos-host image build there).");
    }
}
