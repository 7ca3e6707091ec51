package dev.taos.host.app;

import dev.taos.host.apply.Executor;
import dev.taos.host.apply.Journal;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.verify.Verifier.Check;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** setup: the lock, earlier runs, probe, plan, show it, consent (or --yes, or --dry-run), apply, verify. */
public final class SetupFlow {

    /** What the flow tells the operator and asks them; the exit code of each outcome comes back from it. */
    public interface Ui extends Executor.Events {
        void note(String message);

        void plan(Plan plan);

        int refused(Refusal refusal);

        /** The run ended without applying anything: nothing to do, a dry run, or a "no". */
        int unchanged(String outcome, String message, ExitCode exit);

        /** Yes or no to applying; empty when nobody can be asked. */
        Optional<Boolean> confirm(String question);

        void applying();

        int stepFailed(Executor.Outcome.Failed failed);

        /** The checks after applying; {@code last} is false when a migration follows in the same run. */
        int verified(int steps, List<Check> checks, boolean last);
    }

    /** {@code yes}: apply without asking; {@code dryRun}: plan, print, stop. */
    public record Options(boolean yes, boolean dryRun) {}

    private final Host host;
    private final Ui ui;
    private final PrintStream err;

    public SetupFlow(Host host, Ui ui, PrintStream err) {
        this.host = host;
        this.ui = ui;
        this.err = err;
    }

    public int run(InstallRequest request, Options options) {
        return HostLock.holding(host, "setup", err, () -> {
            earlierRuns().forEach(ui::note);
            PlanOutcome outcome = Planning.plan(host, host.probe(), request);
            if (outcome instanceof Refusal refusal) {
                return ui.refused(refusal);
            }
            Plan plan = (Plan) outcome;
            if (plan.nothingToDo()) {
                return ui.unchanged("nothing-to-do", plan.summary(), ExitCode.OK);
            }
            ui.plan(plan);
            if (options.dryRun()) {
                return ui.unchanged("dry-run", "\nDry run: nothing has been changed.", ExitCode.OK);
            }
            if (!options.yes()) {
                boolean yes = ui.confirm("\nApply these " + plan.steps().size() + " steps?")
                        .orElseThrow(() -> new InvalidInput(
                                "Failed to start setup: there is no terminal to confirm on. Run with --yes to "
                                        + "apply unattended, or --dry-run to only see the plan."));
                if (!yes) {
                    return ui.unchanged("declined", "Nothing has been changed.", ExitCode.INTERRUPTED);
                }
            }
            return apply(plan, true, request.app().prepare());
        });
    }

    /** Warnings about runs that did not finish: an unfinished migration, or a setup killed part-way. */
    List<String> earlierRuns() {
        List<String> notes = new ArrayList<>();
        new MigrationJournal(host.stateDir())
                .read().stream().filter(InstanceMigration::unfinished).forEach(m -> notes.add(m.interruptedNote()));
        new Journal(host.stateDir())
                .read()
                .filter(entry -> entry.state() == Journal.RunState.RUNNING)
                .ifPresent(entry -> {
                    String where = entry.interruptedStep()
                            .map(s -> " during step " + s.number() + " (" + s.description() + ")")
                            .orElse("");
                    notes.add("An earlier " + entry.command() + " run (PID " + entry.pid() + ", started "
                            + entry.startedAt() + ") was interrupted" + where
                            + ". This run reads the host afresh and completes what is left.");
                });
        return notes;
    }

    /**
     * Applies the plan, then checks the host; the caller holds the lock. {@code appDoor}: the app's door was to be
     * prepared, so a door that is not ready fails the checks (with --no-prepare-app they only warn).
     */
    int apply(Plan plan, boolean last, boolean appDoor) {
        ui.applying();
        Executor.Outcome result = new Executor(
                        host.runner(), new Journal(host.stateDir()), host.time().clock(), ui)
                .apply("setup", host.pid(), plan.steps());
        if (result instanceof Executor.Outcome.Failed failed) {
            return ui.stepFailed(failed);
        }
        return ui.verified(plan.steps().size(), VerifyFlow.checks(host, host.probe(), appDoor), last);
    }
}
