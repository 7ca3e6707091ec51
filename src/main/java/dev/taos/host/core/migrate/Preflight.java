package dev.taos.host.core.migrate;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.StopPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything checked before any instance is stopped: the target pool, the selection, names the protocol needs, no
 * unfinished migration, and space for every selected instance with its snapshots on the pool and on the real disk.
 */
public final class Preflight {

    // Rough rates for the downtime estimate: copy to a new pool (after the stop only without a pre-copy), hashing both
    // sides.
    private static final long COPY_BYTES_PER_SECOND = 60L << 20;
    private static final long HASH_BYTES_PER_SECOND = 200L << 20;

    private Preflight() {}

    /**
     * One instance to migrate: its size with snapshots, roughly how long it will be down (or unusable), and how much
     * longer at most if it is slow to stop (the stop timeout; 0 for a stopped instance).
     */
    public record Candidate(Instance instance, long bytes, long downtimeSeconds, long stopWaitSeconds) {}

    public sealed interface Result {
        record Ready(StoragePool target, List<Candidate> candidates, List<String> notes, StopPolicy stop)
                implements Result {
            public Ready {
                candidates = List.copyOf(candidates);
                notes = List.copyOf(notes);
            }
        }

        record Refused(Refusal refusal) implements Result {}
    }

    public static Result check(
            HostFacts facts,
            MigrateSelection selection,
            Optional<String> to,
            StopPolicy stop,
            List<InstanceMigration> journal) {
        IncusFacts incus = facts.incus();
        String targetName = to.orElse(incus.defaultProfile().rootPool());
        Optional<Result> refused = hostProblem(incus, journal).or(() -> targetProblem(incus, targetName));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!facts.hasTool("rsync")) {
            return refuse(
                    Reason.UNSUPPORTED_HOST,
                    "rsync is not installed; migrate uses it to carry over what Incus's copy leaves out (hard links)",
                    "install it: apt-get install rsync");
        }
        var chosen = MigrationChoice.select(incus, selection);
        if (chosen instanceof MigrationChoice.Result.Refused refusal) {
            return new Result.Refused(refusal.refusal());
        }
        return ready(facts, incus.pool(targetName).orElseThrow(), (MigrationChoice.Result.Selected) chosen, stop);
    }

    /** Incus must answer, and no earlier migration may be unfinished. */
    private static Optional<Result> hostProblem(IncusFacts incus, List<InstanceMigration> journal) {
        if (incus.status() != IncusFacts.Status.RUNNING) {
            return Optional.of(refuse(
                    Reason.UNSUPPORTED_HOST,
                    "Incus does not answer (" + incus.detail() + ")",
                    "start Incus, then run migrate again"));
        }
        List<String> unfinished = journal.stream()
                .filter(InstanceMigration::unfinished)
                .map(m -> m.qualifiedName() + ": " + m.progress())
                .toList();
        if (!unfinished.isEmpty()) {
            return Optional.of(refuse(
                    Reason.UNSUPPORTED_HOST,
                    "an earlier migration was interrupted (" + String.join("; ", unfinished) + ")",
                    "finish it: taos-host migrate --resume",
                    "or undo it: taos-host migrate --rollback"));
        }
        return Optional.empty();
    }

    /** The target pool must exist, be copy-on-write, and be readable while the instance is stopped. */
    private static Optional<Result> targetProblem(IncusFacts incus, String targetName) {
        Optional<StoragePool> target = incus.pool(targetName);
        if (target.isEmpty()) {
            return Optional.of(refuse(
                    Reason.INVALID_REQUEST,
                    targetName.isEmpty()
                            ? "the default profile has no root pool and --to was not given"
                            : "there is no pool named \"" + targetName + "\"",
                    "run taos-host setup first, which makes a copy-on-write pool",
                    "or name one with --to POOL"));
        }
        if (!target.get().copyOnWrite()) {
            return Optional.of(refuse(
                    Reason.INVALID_REQUEST,
                    "pool \"" + targetName + "\" is " + target.get().driver() + ", not copy-on-write",
                    "run taos-host setup first, which makes a copy-on-write pool the default",
                    "or name a btrfs pool with --to POOL"));
        }
        return unreadableWhileStopped(
                        "the target pool \"" + targetName + "\"", target.get().driver())
                .map(unreadable -> refuse(
                        Reason.UNSUPPORTED_HOST,
                        unreadable,
                        "migrate to a btrfs pool: --to POOL",
                        "or move the instance yourself, without taos-host's check: incus move NAME --storage "
                                + targetName));
    }

    /** Each chosen instance as a candidate, with what the plan notes about it, once the space for all is there. */
    private static Result ready(
            HostFacts facts, StoragePool target, MigrationChoice.Result.Selected chosen, StopPolicy stop) {
        IncusFacts incus = facts.incus();
        List<Candidate> candidates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        chosen.elsewhereNote().ifPresent(notes::add);
        for (Instance instance : chosen.instances()) {
            Optional<String> problem = problem(incus, instance);
            if (problem.isPresent()) {
                return refuse(
                        Reason.INVALID_REQUEST,
                        problem.get(),
                        "leave \"" + instance.name() + "\" out of the selection");
            }
            candidates.add(new Candidate(
                    instance,
                    instance.diskUsageBytes(),
                    downtimeSeconds(instance.diskUsageBytes(), stop),
                    instance.running() ? stop.timeoutSeconds() : 0));
            if (cloudInitIdLocked(incus, instance)) {
                notes.add("\"" + Project.qualified(instance.project(), instance.name()) + "\" is in restricted project "
                        + instance.project()
                        + ", where Incus lets no one set an instance's cloud-init id: the copy keeps its own, so "
                        + "cloud-init in the agent, if it"
                        + " has it, takes it for a new machine at its next boot. Its MAC addresses do move.");
            }
            instance.customVolumes()
                    .forEach(volume -> notes.add("\"" + instance.name() + "\" uses the custom volume " + volume
                            + ": it stays where it is and stays attached."));
        }
        return MigrationSpace.refusal(facts, target, candidates)
                .<Result>map(Result.Refused::new)
                .orElseGet(() -> new Result.Ready(target, candidates, notes, stop));
    }

    /**
     * Whether {@code instance}'s project forbids setting its cloud-init id, which the copy would otherwise take over.
     */
    public static boolean cloudInitIdLocked(IncusFacts incus, Instance instance) {
        return !instance.project().equals(Project.DEFAULT)
                && incus.project(instance.project())
                        .map(p -> !p.allowsVolatileKeys())
                        .orElse(false);
    }

    /**
     * Why taos-host cannot read an instance's files on {@code driver} while it is stopped, if it cannot: Incus mounts
     * dir and btrfs volumes with their pool, but zfs, lvm and ceph volumes only while the instance runs. The manifest
     * and the check of every file are read from the host side, so such a pool is refused before anything stops.
     */
    public static Optional<String> unreadableWhileStopped(String what, String driver) {
        return driver.equals("dir") || driver.equals("btrfs")
                ? Optional.empty()
                : Optional.of(what + " is " + driver
                        + ", whose volumes Incus mounts only while the instance runs; taos-host reads every "
                        + "file"
                        + " of a stopped original and its copy from the host side to prove they match, so it "
                        + "migrates from dir pools to btrfs pools only");
    }

    private static Optional<String> problem(IncusFacts incus, Instance instance) {
        Optional<String> unreadable = incus.pool(instance.pool())
                .flatMap(p -> unreadableWhileStopped(
                        "the pool of \"" + instance.name() + "\" (\"" + p.name() + "\")", p.driver()));
        if (unreadable.isPresent()) {
            return unreadable;
        }
        if (instance.diskUsageBytes() < 0) {
            return Optional.of("the size of \"" + instance.name() + "\" could not be measured (run taos-host as root)");
        }
        for (String other : List.of(
                InstanceMigration.derivedName(instance.name(), InstanceMigration.ORIGINAL_SUFFIX),
                InstanceMigration.derivedName(instance.name(), InstanceMigration.COPY_SUFFIX),
                InstanceMigration.derivedName(instance.name(), InstanceMigration.STAGE_SUFFIX))) {
            if (incus.instance(instance.project(), other).isPresent()) {
                return Optional.of("an instance named \"" + other + "\" exists, and the migration of \""
                        + instance.name() + "\" needs that name"
                        + " (an earlier migration's original waits for migrate --prune, or it is someone's own)");
            }
        }
        return Optional.empty();
    }

    /**
     * Roughly how long a running instance of {@code bytes} is down: the stop, swap and start, and hashing both sides;
     * without a pre-copy the whole copy as well (scripts/bench-downtime.sh measured 2 s and 9-10 s for 300 MB).
     */
    public static long downtimeSeconds(long bytes, StopPolicy stop) {
        long size = Math.max(0, bytes);
        return stop.preCopy()
                ? 3 + 2 * size / HASH_BYTES_PER_SECOND
                : 5 + size / COPY_BYTES_PER_SECOND + 2 * size / HASH_BYTES_PER_SECOND;
    }

    private static Result refuse(Reason reason, String problem, String... remedies) {
        return new Result.Refused(refusal(reason, problem, remedies));
    }

    static Refusal refusal(Reason reason, String problem, String... remedies) {
        return new Refusal(reason, "the migration", problem, List.of(remedies));
    }
}
