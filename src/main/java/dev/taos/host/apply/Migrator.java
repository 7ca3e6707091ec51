package dev.taos.host.apply;

import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.InstanceMigration.Status;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.Next;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.Protocol;
import dev.taos.host.core.migrate.Recovery;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.migrate.Work;
import dev.taos.host.exec.Runner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.InstanceObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the migration protocol (docs/ARCHITECTURE.md, "Migration protocol") against the host: each instance's steps in
 * order, the journal written before and after each. A failed step, or an original someone touched meanwhile, rolls that
 * instance back and ends the run; instances not reached are left untouched. When the journal itself cannot be written,
 * the run stops where it is and changes nothing more: the journal on disk still says where to resume or roll back from.
 */
public final class Migrator {

    /** How one instance ended up in this run; {@code problem} is empty when it went as asked. */
    public record Result(InstanceMigration migration, Optional<String> problem) {}

    /** Where step and progress events go: lines on a terminal, JSON events, or a test's list. */
    public interface Events {
        void step(InstanceMigration migration, MigrationStep step, StepState state, String detail);

        void progress(String instance, String what, long done, long total);
    }

    private final IncusSteps incus;
    /** What each running instance's check before its stop proved, for its check after (kept by this run only). */
    private final Map<String, Stamps> stamps = new ConcurrentHashMap<>();

    private final MigrationJournal journal;
    private final CopyCheck check;
    private final PreCopy copies;
    private final String poolsRoot;
    private final Events events;
    /** How many migrations run at once, which share the memory for stamps. */
    private int lanes = 1;

    public Migrator(
            Runner runner,
            InstanceObserver observer,
            MigrationJournal journal,
            ManifestScanner scanner,
            Path poolsRoot,
            Events events) {
        this.incus = new IncusSteps(runner, observer);
        this.journal = journal;
        this.check = new CopyCheck(scanner, poolsRoot, events);
        this.copies = new PreCopy(incus, check, poolsRoot, events);
        this.poolsRoot = poolsRoot.toString();
        this.events = events;
    }

    /**
     * Migrates (or, for unfinished records, resumes) each, starting them in order with at most {@code lanes} under way
     * at once (one instance's verify beside the next one's copy); once one fails, no further instance starts.
     */
    public List<Result> migrate(List<InstanceMigration> migrations, int lanes) {
        this.lanes = lanes;
        try {
            for (InstanceMigration m : migrations) {
                record(m);
            }
        } catch (JournalFailed e) {
            return migrations.stream()
                    .map(m -> new Result(m.withStatus(Status.NOT_STARTED, null), Optional.of(e.getMessage())))
                    .toList();
        }
        AtomicBoolean failed = new AtomicBoolean();
        return InOrder.run(migrations, lanes, m -> {
            if (failed.get()) {
                return new Result(skipped(m), Optional.empty());
            }
            Result result = forward(m);
            if (result.problem().isPresent()) {
                failed.set(true);
            }
            return result;
        });
    }

    /** A migration the run did not reach: not started if it had not begun, else as the journal has it. */
    private InstanceMigration skipped(InstanceMigration migration) {
        if (migration.step() != MigrationStep.RECORD || migration.stepStarted()) {
            return migration;
        }
        InstanceMigration skipped = migration.withStatus(Status.NOT_STARTED, "an earlier instance's migration failed");
        try {
            record(skipped);
            return skipped;
        } catch (JournalFailed e) {
            return migration;
        }
    }

    public List<Result> rollback(List<InstanceMigration> migrations, String why) {
        return migrations.stream().map(m -> rollbackOne(m, why)).toList();
    }

    public List<Result> prune(List<InstanceMigration> migrations) {
        List<Result> results = new ArrayList<>();
        for (InstanceMigration m : migrations) {
            try {
                var decision = Recovery.prune(m, incus.observe(m));
                if (decision instanceof Recovery.Prune.Refused refused) {
                    results.add(new Result(m, Optional.of(refused.problem())));
                    continue;
                }
                if (decision instanceof Recovery.Prune.Delete delete) {
                    incus.run(delete.command());
                }
                InstanceMigration pruned = m.withStatus(Status.PRUNED, null);
                record(pruned);
                results.add(new Result(pruned, Optional.empty()));
            } catch (StepFailed | IncusApi.IncusUnavailable | JournalFailed e) {
                results.add(new Result(m, Optional.of(e.getMessage())));
            }
        }
        return results;
    }

    private Result forward(InstanceMigration start) {
        InstanceMigration m = start;
        MigrationStep step = m.step();
        try {
            while (m.step() != MigrationStep.DONE) {
                step = m.step();
                m = m.starting(step);
                record(m);
                events.step(m, step, StepState.STARTED, "");
                Ran ran;
                try {
                    ran = run(m);
                } catch (StepFailed | IOException | IncusApi.IncusUnavailable e) {
                    events.step(m, step, StepState.FAILED, e.getMessage());
                    Result undone = rollbackOne(
                            m,
                            "step " + (step.ordinal() + 1) + " (" + m.describe(step) + ") failed: " + e.getMessage());
                    return new Result(
                            undone.migration(),
                            Optional.of(e.getMessage()
                                    + undone.problem().map(p -> "; " + p).orElse("")));
                }
                m = ran.migration().finished(step);
                record(m);
                events.step(m, step, StepState.DONE, ran.detail());
            }
        } catch (JournalFailed e) {
            events.step(m, step, StepState.FAILED, e.getMessage());
            return new Result(m, Optional.of(e.getMessage()));
        }
        return new Result(m, Optional.empty());
    }

    /** A step's result: the record (changed by record and stop only) and a line about it for the operator. */
    private record Ran(InstanceMigration migration, String detail) {}

    private Ran run(InstanceMigration m) throws StepFailed, IOException, IncusApi.IncusUnavailable {
        if (m.step().copies()) {
            incus.awaitIdle(List.of(m.name(), m.copyName(), m.stageName()));
        }
        Observed seen = incus.observe(m);
        Next next = Protocol.next(m, seen, poolsRoot);
        if (next instanceof Next.Blocked blocked) {
            throw new StepFailed(blocked.problem());
        }
        Work work = ((Next.Run) next).work();
        String skipped = work.commands().isEmpty() ? Protocol.skipped(m).orElse("") : "";
        if (work instanceof Work.Record record) {
            return new Ran(m.recorded(record.original()), "");
        }
        if (work instanceof Work.Stop stop) {
            incus.stop(m, stop.commands());
            Observed stopped = incus.observe(m);
            return new Ran(
                    m.stoppedAt(stopped.on(m.name(), m.sourcePool())
                            .map(Observed.Seen::lastUsedAt)
                            .orElse(null)),
                    "");
        }
        if (work instanceof Work.Verify) {
            // Taken, not kept: with --all, every instance's stamps would otherwise stay in memory until the run ends.
            return new Ran(
                    m,
                    check.verify(
                            m,
                            seen,
                            Optional.ofNullable(stamps.remove(m.qualifiedName()))
                                    .orElse(Stamps.NONE)));
        }
        if (work instanceof Work.PreCopy preCopy && !preCopy.commands().isEmpty()) {
            PreCopy.Copied copied = copies.preCopy(m, preCopy.commands(), lanes);
            copied.stamps().ifPresent(checked -> stamps.put(m.qualifiedName(), checked));
            return new Ran(m, copied.detail());
        }
        if (work instanceof Work.Copy copy) {
            copies.copy(m, copy.commands());
            return new Ran(m.withSnapshots(copy.snapshots()), skipped);
        }
        incus.runAll(work.commands());
        if (work instanceof Work.Start start && start.awaitRunning()) {
            incus.awaitRunning(m);
        }
        return new Ran(m, skipped);
    }

    private Result rollbackOne(InstanceMigration m, String why) {
        try {
            incus.awaitIdle(List.of(m.name(), m.copyName(), m.originalName(), m.stageName()));
            var decision = Recovery.rollback(m, incus.observe(m));
            if (decision instanceof Recovery.Rollback.Refused refused) {
                throw new StepFailed("rolling back is not safe: " + refused.problem());
            }
            incus.runAll(((Recovery.Rollback.Commands) decision).commands());
            InstanceMigration undone = m.withStatus(Status.ROLLED_BACK, why);
            record(undone);
            events.step(undone, m.step(), StepState.ROLLED_BACK, why);
            return new Result(undone, Optional.empty());
        } catch (StepFailed | IncusApi.IncusUnavailable | JournalFailed e) {
            String problem = e instanceof IncusApi.IncusUnavailable
                    ? "Incus does not answer (" + e.getMessage() + ")"
                    : e.getMessage();
            events.step(m, m.step(), StepState.ROLLBACK_FAILED, problem);
            return new Result(m, Optional.of("rolling back failed: " + problem));
        }
    }

    private void record(InstanceMigration m) throws JournalFailed {
        JournalFailed.journaled("The migration", () -> journal.put(m));
    }
}
