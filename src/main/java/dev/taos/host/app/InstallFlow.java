package dev.taos.host.app;

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
public final class InstallFlow {

    private final Host host;
    private final SetupFlow.Ui setupUi;
    private final MigrationFlow.Ui migrationUi;
    private final PrintStream err;

    public InstallFlow(Host host, SetupFlow.Ui setupUi, MigrationFlow.Ui migrationUi, PrintStream err) {
        this.host = host;
        this.setupUi = setupUi;
        this.migrationUi = migrationUi;
        this.err = err;
    }

    /**
     * Applies {@code request}. With {@code shown} (the plan the wizard showed), the plan made afresh under the lock
     * must be the same, or nothing is applied: the host changed after the operator read it.
     */
    public int apply(InstallRequest request, Optional<PlanOutcome.Plan> shown) {
        return HostLock.holding(host, "taos-host", err, () -> {
            SetupFlow setup = new SetupFlow(host, setupUi, err);
            setup.earlierRuns().forEach(setupUi::note);
            HostFacts facts = host.probe();
            if (MigrationChoice.select(facts.incus(), request.migrate())
                    instanceof MigrationChoice.Result.Refused refused) {
                return setupUi.refused(refused.refusal());
            }
            boolean migrating = !(request.migrate() instanceof MigrateSelection.None);
            PlanOutcome outcome = Planning.plan(host, facts, request.withMigrate(MigrateSelection.none()));
            if (outcome instanceof PlanOutcome.Refusal refusal) {
                return setupUi.refused(refusal);
            }
            PlanOutcome.Plan plan = (PlanOutcome.Plan) outcome;
            if (plan.nothingToDo()) {
                if (!migrating) {
                    return setupUi.unchanged("nothing-to-do", plan.summary(), ExitCode.OK);
                }
                setupUi.note(plan.summary());
            } else {
                if (shown.isEmpty()) {
                    setupUi.plan(plan);
                } else if (!shown.get().steps().equals(plan.steps())) {
                    err.println(
                            "Failed to apply the plan: the host changed while the questions were asked, and the plan "
                                    + "made now differs"
                                    + " from the one shown. Nothing has been changed; run taos-host again to see the "
                                    + "new plan.");
                    return ExitCode.UNSUPPORTED_HOST.code();
                }
                int exit = setup.apply(plan, !migrating, request.app().prepare());
                if (exit != ExitCode.OK.code() || !migrating) {
                    return exit;
                }
            }
            return new MigrationFlow(host, migrationUi, err, Optional.empty())
                    .migrate(host.probe(), request.migrate(), Optional.empty(), request.stop(), true);
        });
    }
}
