package dev.taos.host.app;

import dev.taos.host.apply.Executor;
import dev.taos.host.apply.Journal;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.verify.Verifier.Check;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * setup, and every install's setup part: the lock, earlier runs, probe, plan, show it, consent (or --yes, or --dry-run,
 * or the plan the wizard showed), apply, verify, and then the migration an install asks for.
 */
public final class SetupFlow {

    /** Why a run ended without applying anything. */
    public enum Unchanged {
        NOTHING_TO_DO,
        DRY_RUN,
        DECLINED
    }

    /**
     * What the flow tells the operator and asks them; the flow decides each outcome's exit code and hands it over where
     * the report prints it (--json's result event).
     */
    public interface Ui extends Executor.Events, FlowUi {
        void note(String message);

        /** Runs that did not finish: unfinished migrations, and a setup killed part-way ({@code setup}). */
        void interrupted(List<InstanceMigration> migrations, Optional<Journal.Entry> setup);

        void plan(Plan plan);

        void refused(Refusal refusal, ExitCode exit);

        /** The run ended without applying {@code plan}: nothing to do, a dry run, or a "no". */
        void unchanged(Unchanged why, Plan plan, ExitCode exit);

        /** Yes or no to applying; empty when nobody can be asked. */
        Optional<Boolean> confirm(String question);

        void applying();

        void stepFailed(Executor.Outcome.Failed failed, ExitCode exit);

        /**
         * The plan made now differs from the one the wizard showed: the host changed while the questions were asked.
         */
        void planChanged();

        /** The checks after applying; {@code last} is false when a migration follows in the same run. */
        void verified(int steps, List<Check> checks, boolean last, ExitCode exit);
    }

    /** {@code yes}: apply without asking; {@code dryRun}: plan, print, stop. */
    public record Options(boolean yes, boolean dryRun) {}

    private final Host host;
    private final Ui ui;

    public SetupFlow(Host host, Ui ui) {
        this.host = host;
        this.ui = ui;
    }

    /**
     * How the operator agrees to the plan: asked now ({@code setup}), or already (the wizard showed the plan, which
     * must still be the one made now; or {@code --unattended --yes}, where nothing was shown).
     */
    sealed interface Consent {
        record Ask(Options options) implements Consent {}

        record Given(Optional<Plan> shown) implements Consent {}
    }

    public ExitCode run(InstallRequest request, Options options) {
        return HostLock.holding(host, "setup", ui, () -> install(request, new Consent.Ask(options), Optional.empty()));
    }

    /**
     * The one choreography of setup and of every way into an install; the caller holds the lock. Earlier runs, probe,
     * the selection and the plan checked, consent, apply, verify; then {@code migration}, when the request migrates.
     */
    ExitCode install(InstallRequest request, Consent consent, Optional<Supplier<ExitCode>> migration) {
        earlierRuns();
        HostFacts facts = host.probe();
        if (MigrationChoice.select(facts.incus(), request.migrate())
                instanceof MigrationChoice.Result.Refused refused) {
            return refused(refused.refusal());
        }
        PlanOutcome outcome = PlanFlow.plan(host, facts, request.withMigrate(MigrateSelection.none()));
        if (outcome instanceof Refusal refusal) {
            return refused(refusal);
        }
        Plan plan = (Plan) outcome;
        if (plan.nothingToDo()) {
            if (migration.isEmpty()) {
                return unchanged(Unchanged.NOTHING_TO_DO, plan, ExitCode.OK);
            }
            ui.note(plan.summary());
            return migration.get().get();
        }
        Optional<ExitCode> withheld = consent(plan, consent);
        if (withheld.isPresent()) {
            return withheld.get();
        }
        ExitCode exit = apply(plan, migration.isEmpty(), request.app());
        return exit != ExitCode.OK || migration.isEmpty()
                ? exit
                : migration.get().get();
    }

    /** The exit code when the plan is not to be applied; empty when it is. */
    private Optional<ExitCode> consent(Plan plan, Consent consent) {
        if (consent instanceof Consent.Given given) {
            if (given.shown().isEmpty()) {
                ui.plan(plan);
            } else if (!given.shown().get().steps().equals(plan.steps())) {
                ui.planChanged();
                return Optional.of(ExitCode.UNSUPPORTED_HOST);
            }
            return Optional.empty();
        }
        Options options = ((Consent.Ask) consent).options();
        ui.plan(plan);
        if (options.dryRun()) {
            return Optional.of(unchanged(Unchanged.DRY_RUN, plan, ExitCode.OK));
        }
        if (!options.yes()) {
            boolean yes = ui.confirm("\nApply these " + plan.steps().size() + " steps?")
                    .orElseThrow(() -> new InvalidInput("Failed to start setup: there is no terminal to confirm on."
                            + " Run with --yes to apply unattended, or --dry-run to only see the plan."));
            if (!yes) {
                return Optional.of(unchanged(Unchanged.DECLINED, plan, ExitCode.INTERRUPTED));
            }
        }
        return Optional.empty();
    }

    /** Runs that did not finish, for a warning: unfinished migrations, and a setup killed part-way. */
    private void earlierRuns() {
        ui.interrupted(
                new MigrationJournal(host.stateDir())
                        .read().stream().filter(InstanceMigration::unfinished).toList(),
                new Journal(host.stateDir()).read().filter(entry -> entry.state() == Journal.RunState.RUNNING));
    }

    /**
     * Applies the plan, then checks the host; the caller holds the lock. {@code app}: whether the app's door was to be
     * prepared, so a door that is not ready fails the checks (with --no-prepare-app they only warn), and whether its
     * proxy devices were declined (then that check only warns).
     */
    private ExitCode apply(Plan plan, boolean last, AppChoice app) {
        ui.applying();
        Executor.Outcome result = new Executor(
                        host.runner(), new Journal(host.stateDir()), host.time().clock(), ui)
                .apply("setup", host.pid(), plan.steps());
        if (result instanceof Executor.Outcome.Failed failed) {
            ui.stepFailed(failed, ExitCode.STEP_FAILED);
            return ExitCode.STEP_FAILED;
        }
        List<Check> checks = VerifyFlow.checks(host, app);
        ExitCode exit = VerifyFlow.allOk(checks) ? ExitCode.OK : ExitCode.STEP_FAILED;
        ui.verified(plan.steps().size(), checks, last, exit);
        return exit;
    }

    private ExitCode refused(Refusal refusal) {
        ExitCode exit = ExitCode.of(refusal);
        ui.refused(refusal, exit);
        return exit;
    }

    private ExitCode unchanged(Unchanged why, Plan plan, ExitCode exit) {
        ui.unchanged(why, plan, exit);
        return exit;
    }
}
