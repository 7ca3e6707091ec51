package dev.taos.host.core.plan;

import dev.taos.host.core.facts.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One storage driver as the wizard offers it: why one would pick it, and when it cannot be used here, why not and what
 * would enable it. The planner decides availability, so the wizard never offers what setup would refuse.
 */
public record BackendOption(DriverChoice driver, String why, Optional<String> unavailable, List<String> enable) {

    public BackendOption {
        enable = List.copyOf(enable);
    }

    public boolean available() {
        return unavailable.isEmpty();
    }

    /**
     * btrfs, zfs and lvm in the order {@code --driver auto} tries them; the first available one is the recommendation.
     */
    public static List<BackendOption> options(HostFacts facts, InstallRequest request) {
        List<BackendOption> options = new ArrayList<>();
        for (CowDriver cow : CowDriver.values()) {
            DriverChoice driver = DriverChoice.valueOf(cow.name());
            InstallRequest asked =
                    request.withDriver(driver).withSize(Optional.empty()).withPool(Optional.empty());
            PlanOutcome outcome = Planner.plan(facts, asked);
            if (outcome instanceof PlanOutcome.Refusal refusal
                    && refusal.reason() == PlanOutcome.Reason.UNSUPPORTED_HOST) {
                Optional<PlanOutcome.Rejection> rejected = refusal.rejections().stream()
                        .filter(r -> r.driver().equals(cow.incusName()))
                        .findFirst();
                String problem = rejected.map(r -> r.way() + ": " + r.reason()).orElse(refusal.problem());
                List<String> enable = rejected.flatMap(PlanOutcome.Rejection::enable)
                        .map(List::of)
                        .orElse(List.of());
                options.add(new BackendOption(driver, cow.why(), Optional.of(problem), enable));
            } else {
                options.add(new BackendOption(driver, cow.why(), Optional.empty(), List.of()));
            }
        }
        return options;
    }

    public static Optional<BackendOption> recommended(List<BackendOption> options) {
        return options.stream().filter(BackendOption::available).findFirst();
    }
}
