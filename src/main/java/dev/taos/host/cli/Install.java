package dev.taos.host.cli;

import dev.taos.host.ExitCode;
import dev.taos.host.apply.Journal;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.apply.RunLock;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.MigrationChoice;
import dev.taos.host.core.plan.PlanOutcome;
import java.io.PrintStream;
import java.util.Optional;

/**
 * One apply for every way in: setup's plan (storage, files, units), then the migration of the instances the request
 * names. The wizard, {@code --unattended} flags and an answers file all end here with the same {@link InstallRequest}.
 */
final class Install {

    private final HostEnvironment env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Install(HostEnvironment env, PrintStream out, PrintStream err, boolean json) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /**
     * Applies {@code request}. With {@code shown} (the plan the wizard showed), the plan made afresh under the lock must
     * be the same, or nothing is applied: the host changed after the operator read it.
     */
    @SuppressWarnings("try") // the lock is held for the block's duration; nothing in it needs the handle
    int apply(InstallRequest request, Optional<PlanOutcome.Plan> shown) {
        SetupReport report = new SetupReport(out, err, json);
        Optional<RunLock> lock = HostLock.acquire(env, "taos-host", err);
        if (lock.isEmpty()) {
            return ExitCode.LOCKED.code();
        }
        try (RunLock held = lock.get()) {
            Journal journal = new Journal(env.stateDir());
            MigrationJournal migrations = new MigrationJournal(env.stateDir());
            SetupCommand.earlierRuns(journal, migrations).forEach(report::note);
            HostFacts facts = env.probe(null);
            if (MigrationChoice.select(facts.incus(), request.migrate()) instanceof MigrationChoice.Result.Refused refused) {
                return report.refused(refused.refusal());
            }
            boolean migrating = !(request.migrate() instanceof MigrateSelection.None);
            PlanOutcome outcome = PlanCommand.plan(env, facts, request.withMigrate(MigrateSelection.none()));
            if (outcome instanceof PlanOutcome.Refusal refusal) {
                return report.refused(refusal);
            }
            PlanOutcome.Plan plan = (PlanOutcome.Plan) outcome;
            if (plan.nothingToDo()) {
                if (!migrating) {
                    return report.unchanged("nothing-to-do", plan.summary(), ExitCode.OK);
                }
                report.note(plan.summary());
            } else {
                if (shown.isEmpty()) {
                    report.plan(plan);
                } else if (!shown.get().steps().equals(plan.steps())) {
                    err.println("Failed to apply the plan: the host changed while the questions were asked, and the plan made now differs"
                            + " from the one shown. Nothing has been changed; run taos-host again to see the new plan.");
                    return ExitCode.UNSUPPORTED_HOST.code();
                }
                int exit = SetupCommand.apply(env, journal, plan, report, !migrating);
                if (exit != ExitCode.OK.code() || !migrating) {
                    return exit;
                }
            }
            return migrate(request, migrations);
        }
    }

    private int migrate(InstallRequest request, MigrationJournal journal) {
        if (!json) {
            out.println();
        }
        var report = new MigrateReport(out, err, json, env.terminal());
        return MigrateCommand.migrate(env, journal, report, env.probe(null), request.migrate(), Optional.empty(), request.stop(), true);
    }
}
