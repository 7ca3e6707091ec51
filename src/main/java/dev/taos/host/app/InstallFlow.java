package dev.taos.host.app;

import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.PlanOutcome;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One apply for every way in: setup's plan (storage, files, units), then the migration of the instances the request
 * names. The wizard, {@code --unattended} flags and an answers file all end here with the same {@link InstallRequest}.
 */
public final class InstallFlow {

    private final Host host;
    private final SetupFlow.Ui setupUi;
    private final MigrationFlow.Ui migrationUi;

    public InstallFlow(Host host, SetupFlow.Ui setupUi, MigrationFlow.Ui migrationUi) {
        this.host = host;
        this.setupUi = setupUi;
        this.migrationUi = migrationUi;
    }

    /**
     * Applies {@code request}. With {@code shown} (the plan the wizard showed), the plan made afresh under the lock
     * must be the same, or nothing is applied: the host changed after the operator read it.
     */
    public ExitCode apply(InstallRequest request, Optional<PlanOutcome.Plan> shown) {
        Optional<Supplier<ExitCode>> migration = request.migrate() instanceof MigrateSelection.None
                ? Optional.empty()
                : Optional.of(() -> new MigrationFlow(host, migrationUi, Optional.empty())
                        .migrate(host.probe(), request.migrate(), Optional.empty(), request.stop(), true));
        return HostLock.holding(
                host,
                "taos-host",
                setupUi,
                () -> new SetupFlow(host, setupUi).install(request, new SetupFlow.Consent.Given(shown), migration));
    }
}
