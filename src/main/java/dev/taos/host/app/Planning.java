package dev.taos.host.app;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.Planner;

/** The whole plan setup applies: storage, then taos-host's files and units where this host installs them. */
public final class Planning {

    private Planning() {
    }

    public static PlanOutcome plan(Host host, HostFacts facts, InstallRequest request) {
        return host.files().apply(facts).map(files -> Planner.plan(facts, request, files)).orElseGet(() -> Planner.plan(facts, request));
    }
}
