package dev.taos.host.ui.output;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.app.MigrationFlow;
import dev.taos.host.apply.Migrator;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Lanes;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.ui.Operator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything migrate tells the operator besides step events: candidates, the plan, questions, the summary and exit
 * code.
 */
public final class MigrateReport implements MigrationFlow.Ui, FlowLines {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final Operator operator;
    private final MigrateOutput events;

    public MigrateReport(PrintStream out, PrintStream err, boolean json, Operator operator) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.operator = operator;
        this.events = new MigrateOutput(out, json, operator.atTerminal() && !json);
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public MigrateOutput events() {
        return events;
    }

    @Override
    public void status(List<InstanceMigration> records) {
        if (json) {
            events.emit(new MigrateEvent.Status(
                    records.stream().map(MigrateEvent.Recorded::of).toList()));
            return;
        }
        if (records.isEmpty()) {
            out.println("No migrations: taos-host migrate has not moved anything on this host.");
            return;
        }
        List<List<String>> rows = new ArrayList<>(List.of(List.of("INSTANCE", "FROM", "TO", "STATE")));
        records.forEach(m -> rows.add(List.of(m.qualifiedName(), m.sourcePool(), m.targetPool(), m.progress())));
        TextTable.lines(rows).forEach(out::println);
        records.stream()
                .filter(InstanceMigration::unfinished)
                .forEach(m -> out.println("\n" + MigrationWords.interruptedNote(m)));
    }

    /** No selection: what could be migrated, and how to choose. */
    @Override
    public void candidates(HostFacts facts, Optional<String> project, List<InstanceMigration> earlier) {
        interrupted(earlier);
        var all = (MigrationChoice.Result.Selected)
                MigrationChoice.select(facts.incus(), new MigrateSelection.All(project));
        if (json) {
            events.emit(new MigrateEvent.Candidates(all.instances().stream()
                    .map(i -> new MigrateEvent.Candidate(
                            i.name(),
                            i.project(),
                            i.pool(),
                            i.status(),
                            i.diskUsageBytes(),
                            i.snapshots(),
                            MigrationWords.downtime(i)))
                    .toList()));
            return;
        }
        if (all.instances().isEmpty()) {
            out.println("No container " + (facts.incus().cluster().clustered() ? "of this member " : "")
                    + "is on a pool that is not copy-on-write:" + " there is nothing to migrate here.");
            all.elsewhereNote().ifPresent(out::println);
            return;
        }
        out.println("Containers that can move to copy-on-write storage (none is touched unless you choose it):\n");
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("NAME", "POOL", "STATE", "SIZE", "SNAPSHOTS", "DOWNTIME")));
        all.instances()
                .forEach(i -> rows.add(List.of(
                        Project.qualified(i.project(), i.name()),
                        i.pool(),
                        i.status(),
                        MigrationWords.size(i.diskUsageBytes()),
                        String.valueOf(i.snapshots().size()),
                        i.running() ? "about " + MigrationWords.downtime(i) + " s" : "none (stopped)")));
        TextTable.lines(rows).forEach(line -> out.println("  " + line));
        all.elsewhereNote().ifPresent(note -> out.println("\n" + note));
        boolean projects = all.instances().stream().anyMatch(i -> !i.project().equals(Project.DEFAULT));
        out.println("\nChoose with --instances NAME[,NAME...]"
                + (projects ? " (PROJECT/NAME outside the default project, or give --project)" : "")
                + " or --all. Nothing has been changed.");
    }

    @Override
    public void refused(Refusal refusal, ExitCode exit) {
        err.print(PlanReport.render(refusal));
        result("refused", exit.code(), List.of());
    }

    @Override
    public void nothing(MigrationFlow.Nothing why, ExitCode exit) {
        if (!json) {
            out.println(
                    switch (why) {
                        case TO_MIGRATE ->
                            "Nothing to migrate: every selected container is already on" + " copy-on-write storage.";
                        case TO_RESUME -> "Nothing to resume: no migration is unfinished.";
                        case TO_ROLL_BACK ->
                            "Nothing to roll back: no migration is unfinished. Name a finished one"
                                    + " to undo it: migrate --rollback NAME.";
                        case TO_PRUNE -> "Nothing to prune: no finished migration keeps an original.";
                    });
        }
        result("nothing-to-do", exit.code(), List.of());
    }

    @Override
    public void plan(Preflight.Result.Ready ready, Lanes lanes) {
        if (json) {
            return;
        }
        out.println("Migrating to pool \"" + ready.target().name() + "\" ("
                + ready.target().driver() + "):\n");
        List<List<String>> rows =
                new ArrayList<>(List.of(List.of("NAME", "FROM", "SIZE+SNAPSHOTS", "STATE", "DOWNTIME")));
        ready.candidates()
                .forEach(c -> rows.add(List.of(
                        Project.qualified(c.instance().project(), c.instance().name()),
                        c.instance().pool(),
                        MigrationWords.size(c.bytes()),
                        c.instance().running()
                                ? (ready.stop().preCopy()
                                        ? "running: copied, stopped, brought up to date, verified, started"
                                        : "running: stopped, copied, verified, started")
                                : "stopped: stays stopped",
                        MigrationWords.downtime(c))));
        TextTable.lines(rows).forEach(line -> out.println("  " + line));
        ready.notes().forEach(note -> out.println("\nNote: " + note));
        out.println("\nEach original is kept, stopped, as NAME-pre-migration until taos-host migrate --prune.");
        if (lanes.count() > 1 && ready.candidates().size() > 1) {
            out.println("Up to " + lanes.count()
                    + " migrate at once (--parallel): one is verified while the next is copied. Once one fails,"
                    + " no further one starts.");
        }
        ready.candidates().stream()
                .filter(c -> c.stopWaitSeconds() > 0)
                .findFirst()
                .ifPresent(c -> out.println("A running container gets "
                        + c.stopWaitSeconds() + " s to stop cleanly; then "
                        + (ready.stop().force()
                                ? "it is stopped forcibly (--force-stop)."
                                : "its migration is refused and it keeps running (give --force-stop to "
                                        + "stop it forcibly).")));
    }

    @Override
    public void rollbackWarning(List<InstanceMigration> finished) {
        finished.forEach(m -> err.println("\"" + m.qualifiedName()
                + "\" finished its migration: rolling it back deletes the copy, with anything " + m.name()
                + " wrote since, and restarts the original \"" + m.originalName() + "\" as \"" + m.name() + "\"."));
    }

    @Override
    public void pruneList(List<InstanceMigration> targets) {
        if (json) {
            return;
        }
        out.println("These originals will be deleted (their migrated copies stay):");
        targets.forEach(m -> out.println("  " + m.originalName() + "  (the original of \"" + m.qualifiedName() + "\", "
                + MigrationWords.size(m.sizeBytes()) + " on pool \"" + m.sourcePool() + "\")"));
    }

    @Override
    public boolean confirmed(String question) {
        if (json) {
            throw new InvalidInput("Failed to start migrate: --json does not ask questions. Add --yes to go ahead.");
        }
        return operator.confirm("\n" + question)
                .orElseThrow(() -> new InvalidInput(
                        "Failed to start migrate: there is no terminal to confirm on. Run with --yes to go "
                                + "ahead unattended."));
    }

    @Override
    public void declined() {
        out.println("Nothing has been changed.");
    }

    /** The summary of a run: one line per instance, problems on stderr. */
    @Override
    public void finished(List<Migrator.Result> results, ExitCode exit) {
        boolean failed = exit != ExitCode.OK;
        if (!json) {
            out.println();
            results.forEach(r -> out.println(
                    r.migration().qualifiedName() + ": " + r.migration().progress()));
            results.forEach(r -> r.problem()
                    .ifPresent(p ->
                            err.println("Failed to migrate \"" + r.migration().qualifiedName() + "\": " + p
                                    + (r.migration().unfinished()
                                            ? ". Fix the cause, then run taos-host migrate --resume or --rollback."
                                            : ". It is back as it was; fix the cause and migrate it again."))));
        }
        result(failed ? "failed" : "ok", exit.code(), results);
    }

    private void result(String outcome, int code, List<Migrator.Result> results) {
        events.result(outcome, code, results);
    }

    private void interrupted(List<InstanceMigration> earlier) {
        earlier.stream()
                .filter(InstanceMigration::unfinished)
                .forEach(m -> err.println(MigrationWords.interruptedNote(m)));
    }
}
