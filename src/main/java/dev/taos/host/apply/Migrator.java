package dev.taos.host.apply;

import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.InstanceMigration.Status;
import dev.taos.host.core.migrate.Manifest;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.Protocol;
import dev.taos.host.core.plan.ByteSize;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.InstanceObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the migration protocol (DESIGN.md section 4) against the host: each instance's steps in order, the journal
 * written before and after each. A failed step, or an original someone started meanwhile, rolls that instance back
 * and ends the run; instances not reached are left untouched.
 */
public final class Migrator {

    private static final Duration COMMAND_TIMEOUT = Duration.ofHours(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How one instance ended up in this run; {@code problem} is empty when it went as asked. */
    public record Result(InstanceMigration migration, Optional<String> problem) {
    }

    /** Where step and progress events go: lines on a terminal, JSON events, or a test's list. */
    public interface Events {
        void step(InstanceMigration migration, MigrationStep step, String state, String detail);

        void progress(String instance, String what, long done, long total);
    }

    private final CommandRunner runner;
    private final InstanceObserver observer;
    private final MigrationJournal journal;
    private final ManifestScanner scanner;
    private final Path poolsRoot;
    private final Events events;

    public Migrator(CommandRunner runner, InstanceObserver observer, MigrationJournal journal, ManifestScanner scanner, Path poolsRoot, Events events) {
        this.runner = runner;
        this.observer = observer;
        this.journal = journal;
        this.scanner = scanner;
        this.poolsRoot = poolsRoot;
        this.events = events;
    }

    /** Migrates (or, for unfinished records, resumes) each in order; stops after the first that fails. */
    public List<Result> migrate(List<InstanceMigration> migrations) {
        migrations.forEach(journal::put);
        List<Result> results = new ArrayList<>();
        for (InstanceMigration migration : migrations) {
            if (results.stream().anyMatch(r -> r.problem().isPresent())) {
                InstanceMigration skipped = migration.step() == MigrationStep.RECORD && !migration.stepStarted()
                        ? migration.withStatus(Status.NOT_STARTED, "an earlier instance's migration failed") : migration;
                journal.put(skipped);
                results.add(new Result(skipped, Optional.empty()));
                continue;
            }
            results.add(forward(migration));
        }
        return results;
    }

    public List<Result> rollback(List<InstanceMigration> migrations, String why) {
        return migrations.stream().map(m -> rollbackOne(m, why)).toList();
    }

    public List<Result> prune(List<InstanceMigration> migrations) {
        List<Result> results = new ArrayList<>();
        for (InstanceMigration m : migrations) {
            try {
                var decision = Protocol.prune(m, observer.observe());
                if (decision instanceof Protocol.Prune.Refused refused) {
                    results.add(new Result(m, Optional.of(refused.problem())));
                    continue;
                }
                if (decision instanceof Protocol.Prune.Delete delete) {
                    run(delete.command());
                }
                journal.dropManifest(m.name());
                InstanceMigration pruned = m.withStatus(Status.PRUNED, null);
                journal.put(pruned);
                results.add(new Result(pruned, Optional.empty()));
            } catch (StepFailed | IOException | IncusApi.IncusUnavailable e) {
                results.add(new Result(m, Optional.of(e.getMessage())));
            }
        }
        return results;
    }

    private Result forward(InstanceMigration start) {
        InstanceMigration m = start;
        while (m.step() != MigrationStep.DONE) {
            MigrationStep step = m.step();
            Ran ran;
            m = m.starting(step);
            journal.put(m);
            events.step(m, step, "started", "");
            try {
                Observed seen = observer.observe();
                Optional<String> interfered = Protocol.interference(m, seen);
                if (interfered.isPresent()) {
                    throw new StepFailed(interfered.get());
                }
                ran = run(step, m, seen);
            } catch (StepFailed | IOException | IncusApi.IncusUnavailable e) {
                events.step(m, step, "failed", e.getMessage());
                Result undone = rollbackOne(m, "step " + (step.ordinal() + 1) + " (" + step.description() + ") failed: " + e.getMessage());
                return new Result(undone.migration(), Optional.of(e.getMessage() + undone.problem().map(p -> "; " + p).orElse("")));
            }
            m = ran.migration().finished(step);
            journal.put(m);
            events.step(m, step, "done", ran.detail());
        }
        return new Result(m, Optional.empty());
    }

    /** A step's result: the record (changed by RECORD only) and a line about it for the operator (hashing figures). */
    private record Ran(InstanceMigration migration, String detail) {
    }

    private Ran run(MigrationStep step, InstanceMigration m, Observed seen) throws StepFailed, IOException, IncusApi.IncusUnavailable {
        switch (step) {
            case RECORD -> {
                return new Ran(m.recorded(seen.on(m.name(), m.sourcePool())
                        .orElseThrow(() -> new StepFailed("\"" + m.name() + "\" is not on pool \"" + m.sourcePool() + "\" any more"))), "");
            }
            case MANIFEST -> {
                Scanned original = scan(m.name(), rootfs(m.sourcePool(), m.name()), "manifest");
                journal.saveManifest(m.name(), original.manifest());
                return new Ran(m, original.detail());
            }
            case VERIFY -> {
                return new Ran(m, verify(m, seen));
            }
            case COPY -> {
                awaitIdle(List.of(m.name(), m.copyName()));
                runAll(Protocol.commands(m, observer.observe()));
            }
            case START -> {
                runAll(Protocol.commands(m, seen));
                awaitRunning(m);
            }
            default -> runAll(Protocol.commands(m, seen));
        }
        return new Ran(m, "");
    }

    /** Checks the copy's snapshots and manifest against the original's; the hashing figures when they agree. */
    private String verify(InstanceMigration m, Observed seen) throws StepFailed, IOException {
        Observed.Seen copy = seen.on(m.copyName(), m.targetPool())
                .orElseThrow(() -> new StepFailed("the copy \"" + m.copyName() + "\" is not on pool \"" + m.targetPool() + "\""));
        if (!copy.snapshots().equals(m.snapshots())) {
            throw new StepFailed("the copy has snapshots " + copy.snapshots() + ", the original " + m.snapshots());
        }
        Manifest original = journal.manifest(m.name());
        Scanned copied = scan(m.name(), rootfs(m.targetPool(), m.copyName()), "verify");
        List<String> differences = original.differences(copied.manifest(), 5);
        if (!differences.isEmpty()) {
            throw new StepFailed("the copy differs from the original: " + String.join("; ", differences));
        }
        return copied.detail();
    }

    /** A manifest and how it was read, e.g. "31204 files, 512.0 MiB hashed in 2.1 s (244 MiB/s)". */
    private record Scanned(Manifest manifest, String detail) {
    }

    private Scanned scan(String instance, Path root, String what) throws IOException {
        long began = System.nanoTime();
        Manifest manifest = scanner.scan(root, (done, total) -> events.progress(instance, what, done, total));
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Scanned(manifest, String.format(Locale.ROOT, "%d files, %s hashed in %.1f s (%.0f MiB/s)", manifest.files(),
                ByteSize.human(manifest.bytes()), seconds, manifest.bytes() / 1048576.0 / Math.max(seconds, 1e-3)));
    }

    private Result rollbackOne(InstanceMigration m, String why) {
        try {
            awaitIdle(List.of(m.name(), m.copyName(), m.originalName()));
            var decision = Protocol.rollback(m, observer.observe());
            if (decision instanceof Protocol.Rollback.Refused refused) {
                throw new StepFailed("rolling back is not safe: " + refused.problem());
            }
            runAll(((Protocol.Rollback.Commands) decision).commands());
            journal.dropManifest(m.name());
        } catch (StepFailed | IOException | IncusApi.IncusUnavailable e) {
            events.step(m, m.step(), "rollback-failed", e.getMessage());
            return new Result(m, Optional.of("rolling back failed: " + e.getMessage()));
        }
        InstanceMigration undone = m.withStatus(Status.ROLLED_BACK, why);
        journal.put(undone);
        events.step(undone, m.step(), "rolled-back", why);
        return new Result(undone, Optional.empty());
    }

    private void awaitIdle(List<String> names) throws StepFailed, IncusApi.IncusUnavailable {
        for (String id : observer.runningOperationsOn(names)) {
            run(List.of("incus", "query", "/1.0/operations/" + id + "/wait?timeout=" + COMMAND_TIMEOUT.toSeconds()));
        }
    }

    private void awaitRunning(InstanceMigration m) throws StepFailed, IncusApi.IncusUnavailable {
        if (!m.wasRunning()) {
            return;
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (observer.observe().on(m.name(), m.targetPool()).map(Observed.Seen::running).orElse(false)) {
                return;
            }
            sleep();
        }
        throw new StepFailed("\"" + m.name() + "\" did not reach RUNNING within " + START_TIMEOUT.toSeconds() + " s");
    }

    private void runAll(List<List<String>> commands) throws StepFailed {
        for (List<String> command : commands) {
            run(command);
        }
    }

    private void run(List<String> argv) throws StepFailed {
        CommandRunner.Result result = runner.run(argv, COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new StepFailed(result.failure(String.join(" ", argv), COMMAND_TIMEOUT));
        }
    }

    private Path rootfs(String pool, String instance) {
        return poolsRoot.resolve(pool).resolve("containers").resolve(instance).resolve("rootfs");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
