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
        for (DriverChoice driver : List.of(DriverChoice.BTRFS, DriverChoice.ZFS, DriverChoice.LVM)) {
            InstallRequest asked =
                    request.withDriver(driver).withSize(Optional.empty()).withPool(Optional.empty());
            PlanOutcome outcome = Planner.plan(facts, asked);
            if (outcome instanceof PlanOutcome.Refusal refusal
                    && refusal.reason() == PlanOutcome.Reason.UNSUPPORTED_HOST) {
                Optional<PlanOutcome.Rejection> rejected = refusal.rejections().stream()
                        .filter(r -> r.driver().equals(driver.incusName()))
                        .findFirst();
                String problem = rejected.map(r -> r.way() + ": " + r.reason()).orElse(refusal.problem());
                List<String> enable = rejected.flatMap(PlanOutcome.Rejection::enable)
                        .map(List::of)
                        .orElse(List.of());
                options.add(new BackendOption(driver, why(driver), Optional.of(problem), enable));
            } else {
                options.add(new BackendOption(driver, why(driver), Optional.empty(), List.of()));
            }
        }
        return options;
    }

    public static Optional<BackendOption> recommended(List<BackendOption> options) {
        return options.stream().filter(BackendOption::available).findFirst();
    }

    private static String why(DriverChoice driver) {
        return switch (driver) {
            case BTRFS -> "copy-on-write snapshots, light on memory; the best fit for a Raspberry Pi";
            case ZFS -> "copy-on-write with checksums and compression; wants more memory for its cache";
            case LVM -> "thin snapshots of block volumes; no shared file view between agents";
            default -> "";
        };
    }
}
