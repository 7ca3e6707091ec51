package dev.taos.host.app;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.migrate.MigrationPreview;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.Planner;

/**
 * The whole plan: storage, then taos-host's files and units where this host installs them, then, for {@code plan
 * --migrate}, each chosen instance's migration as the protocol itself will run it.
 */
public final class PlanFlow {

    private PlanFlow() {}

    /** The host read once, planned against as often as the guided setup's answers change. */
    public record Session(Host host, HostFacts facts) {
        public PlanOutcome plan(InstallRequest request) {
            return PlanFlow.plan(host, facts, request);
        }
    }

    public static Session session(Host host) {
        return new Session(host, host.probe());
    }

    /** The plan for the host as it is now. */
    public static PlanOutcome plan(Host host, InstallRequest request) {
        return plan(host, host.probe(), request);
    }

    static PlanOutcome plan(Host host, HostFacts facts, InstallRequest request) {
        PlanOutcome outcome = host.files()
                .apply(facts)
                .map(files -> Planner.plan(facts, request, files))
                .orElseGet(() -> Planner.plan(facts, request));
        if (!(outcome instanceof PlanOutcome.Plan plan)) {
            return outcome;
        }
        return plan.withMoreSteps(plan.migrating().stream()
                .map(instance -> MigrationPreview.step(
                        instance,
                        plan.pool(),
                        request.stop(),
                        host.poolsRoot().toString(),
                        Preflight.cloudInitIdLocked(facts.incus(), instance)))
                .toList());
    }
}
