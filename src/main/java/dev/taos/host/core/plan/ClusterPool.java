package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.Step.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loop-file pool on an Incus cluster, made the way Incus requires: on each member with that member's own size
 * ({@code --target}, the pool Pending), then once for the whole cluster (Created). Each member's loop file is sized by
 * {@link LoopSizing} from the filesystem it goes on: this member's as probed; another member's as Incus reports it for
 * a pool of that member under {@code /var/lib/incus} (a dir pool), or the operator's {@code --size} where none says. A
 * member given its own size or source in the answers ({@link MemberStorage}) gets that instead.
 */
final class ClusterPool {

    /** The pool keys that may differ per member (and only there); every other key is the cluster's. */
    private static final Set<String> MEMBER_KEYS =
            Set.of("size", "source", "zfs.pool_name", "lvm.thinpool_name", "lvm.vg_name");

    sealed interface Result {
        /** The step, and each member's sizing by member name (this member's also for the plan's own sizing). */
        record Ready(Step step, Map<String, LoopSizing> sizes) implements Result {}

        record Refused(Refusal refusal) implements Result {}
    }

    private ClusterPool() {}

    static Result plan(
            HostFacts facts,
            Backend backend,
            String pool,
            Optional<ByteSize> clusterSize,
            Map<String, MemberStorage> storage) {
        ClusterFacts cluster = facts.incus().cluster();
        Map<String, LoopSizing> sizes = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Optional<Result> refused = sizeMembers(facts, clusterSize, storage, sizes, sources);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Result.Ready(createStep(cluster, backend, pool, sizes, sources), sizes);
    }

    /**
     * Each member's loop file sized from its own free space (into {@code sizes}), or its own source kept (into
     * {@code sources}); why not, when a member's space is unknown or too small.
     */
    private static Optional<Result> sizeMembers(
            HostFacts facts,
            Optional<ByteSize> clusterSize,
            Map<String, MemberStorage> storage,
            Map<String, LoopSizing> sizes,
            Map<String, String> sources) {
        ClusterFacts cluster = facts.incus().cluster();
        for (ClusterFacts.Member member : cluster.members()) {
            Optional<MemberStorage> own = Optional.ofNullable(storage.get(member.name()));
            if (own.flatMap(MemberStorage::source).isPresent()) {
                sources.put(member.name(), own.get().source().get());
                continue;
            }
            Optional<ByteSize> size = own.isPresent() ? own.get().size() : clusterSize;
            Optional<long[]> space = member.name().equals(cluster.thisMember())
                    ? Optional.of(new long[] {
                        facts.storage().incusHome().totalBytes(),
                        facts.storage().incusHome().freeBytes()
                    })
                    : member.pools().stream()
                            .filter(p -> p.source().startsWith(HostPaths.INCUS_HOME + "/") && p.totalBytes() > 0)
                            .findFirst()
                            .map(p -> new long[] {p.totalBytes(), p.totalBytes() - p.usedBytes()});
            if (space.isEmpty() && size.isEmpty()) {
                return Optional.of(refused(
                        Reason.UNSUPPORTED_HOST,
                        "the free space on member \"" + member.name() + "\" is not known to taos-host (Incus reports it"
                                + " only for a pool there, and none lies under " + HostPaths.INCUS_HOME + ")",
                        "give the size of each member's loop file: --size 20GiB,"
                                + " or that member's own in the answers file: members: {" + member.name()
                                + ": {size: 20GiB}}"));
            }
            var decided = space.isEmpty()
                    ? LoopSizing.requestedWithoutSpace(size.get())
                    : LoopSizing.decide(space.get()[0], space.get()[1], size);
            if (decided instanceof LoopSizing.Result.TooSmall small) {
                return Optional.of(refused(
                        Reason.INVALID_REQUEST,
                        (own.isPresent() ? "for member \"" + member.name() + "\", " : "") + small.problem(),
                        own.isPresent()
                                ? "give that member a size of 5GiB or more in the answers file"
                                : "give --size 5GiB or more"));
            }
            if (decided instanceof LoopSizing.Result.DoesNotFit tight) {
                return Optional.of(refused(
                        Reason.UNSUPPORTED_HOST,
                        "on member \"" + member.name() + "\", " + tight.problem(),
                        "free space on that member, or give it a smaller size"
                                + (own.isPresent() ? " in the answers file" : ": --size")));
            }
            sizes.put(member.name(), ((LoopSizing.Result.Fits) decided).sizing());
        }
        return Optional.empty();
    }

    /** The pool made on each member (its own size or source), then for the cluster; deleted if a member fails. */
    private static Step createStep(
            ClusterFacts cluster,
            Backend backend,
            String pool,
            Map<String, LoopSizing> sizes,
            Map<String, String> sources) {
        String driver = backend.driver().incusName();
        List<String> shared = new ArrayList<>();
        Map<String, Command> pending = new LinkedHashMap<>();
        List<String> each = new ArrayList<>();
        for (ClusterFacts.Member member : cluster.members()) {
            List<String> own = new ArrayList<>();
            if (sources.containsKey(member.name())) {
                own.add("source=" + sources.get(member.name()));
                each.add(member.name() + " on " + sources.get(member.name()));
            } else {
                for (String setting : backend.createConfig(pool, Optional.of(sizes.get(member.name())))) {
                    if (MEMBER_KEYS.contains(setting.substring(0, setting.indexOf('=')))) {
                        own.add(setting);
                    } else if (!shared.contains(setting)) {
                        shared.add(setting);
                    }
                }
                each.add(member.name() + " a "
                        + ByteSize.human(sizes.get(member.name()).chosen()) + " loop file");
            }
            pending.put(member.name(), Incus.storageCreate(pool, driver, own));
        }
        List<Change> changes =
                onEachMemberThenCluster(pending, Incus.storageCreate(pool, driver, shared), Incus.storageDelete(pool));
        return new Step(
                Step.Kind.CREATE_POOL,
                "Creating " + backend.driver() + " pool \"" + pool + "\" on each of the cluster's "
                        + cluster.members().size() + " members (" + String.join(", ", each) + "), then for the cluster",
                changes,
                Optional.ofNullable(sizes.get(cluster.thisMember()))
                        .map(LoopSizing::chosen)
                        .orElse(0L));
    }

    /**
     * How Incus makes a cluster-wide object (a pool, a network): {@code pending} on each member ({@code --target},
     * state Pending), then {@code created} once for the cluster. Deleting it while pending removes it from every
     * member, so only the first carries the undo.
     */
    static List<Change> onEachMemberThenCluster(Map<String, Command> pending, Command created, Command delete) {
        List<Change> changes = new ArrayList<>();
        pending.forEach((member, command) -> {
            Action create = new Action.Run(command.with("--target", member));
            changes.add(changes.isEmpty() ? Change.undone(create, new Action.Run(delete)) : Change.of(create));
        });
        changes.add(Change.of(new Action.Run(created)));
        return changes;
    }

    private static Result refused(Reason reason, String problem, String remedy) {
        return new Result.Refused(new Refusal(reason, "the pool size", problem, List.of(remedy)));
    }

    /** What the plan says on a cluster member: whose the pool and the units are, and where else to run setup. */
    static List<String> memberNotes(ClusterFacts cluster) {
        List<String> notes = new ArrayList<>();
        ClusterGuard.architectureNote(cluster).ifPresent(notes::add);
        List<String> others = cluster.members().stream()
                .map(ClusterFacts.Member::name)
                .filter(m -> !m.equals(cluster.thisMember()))
                .toList();
        notes.add("This is member \"" + cluster.thisMember()
                + "\" of a cluster: the pool and the default profile are the cluster's,"
                + " taos-host's files and units this member's own."
                + (others.isEmpty()
                        ? ""
                        : " Run taos-host setup on " + String.join(", ", others) + " as well for theirs."));
        return notes;
    }
}
