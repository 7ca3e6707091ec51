package dev.taos.host.core.plan;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.plan.PlanOutcome.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Picks the first applicable backend in order of preference, or refuses with every reason and remedy. */
final class BackendSelection {

    private BackendSelection() {}

    sealed interface Choice {
        record Chosen(Backend backend, List<String> notes) implements Choice {}

        record Refused(Refusal refusal) implements Choice {}
    }

    static List<Backend> candidates(InstallRequest request) {
        List<Backend> backends = new ArrayList<>();
        for (CowDriver driver : request.driver().drivers()) {
            if (request.source().isPresent()) {
                backends.add(new Backend.ExistingSource(driver, request.source().get()));
                continue;
            }
            if (driver == CowDriver.BTRFS) {
                backends.add(new Backend.BtrfsSubvolume());
            }
            backends.add(new Backend.LoopFile(driver));
        }
        return backends;
    }

    static Choice choose(HostFacts facts, Set<String> supported, InstallRequest request) {
        List<Rejection> rejections = new ArrayList<>();
        for (Backend backend : candidates(request)) {
            Optional<String> whyNot = backend.whyNot(facts, supported, request);
            if (whyNot.isEmpty()) {
                return new Choice.Chosen(
                        backend,
                        rejections.stream()
                                .map(r -> "Passed over: " + r.way() + ": " + r.reason())
                                .toList());
            }
            rejections.add(new Rejection(
                    backend.driver().incusName(),
                    backend.label(),
                    whyNot.get(),
                    enable(facts, supported, backend.driver())));
        }
        String what = request.driver() == DriverChoice.AUTO
                ? "a copy-on-write pool"
                : "a " + request.driver().incusName() + " pool";
        List<String> remedies = new ArrayList<>(general(facts, request));
        for (CowDriver driver : CowDriver.values()) {
            enable(facts, supported, driver).ifPresent(e -> remedies.add(driver + ": " + e));
        }
        return new Choice.Refused(new Refusal(
                Reason.UNSUPPORTED_HOST,
                what,
                "no way to create one applies on this host:\n  - "
                        + String.join(
                                "\n  - ",
                                rejections.stream()
                                        .map(r -> r.way() + ": " + r.reason())
                                        .toList()),
                remedies,
                rejections));
    }

    private static List<String> general(HostFacts facts, InstallRequest request) {
        List<String> remedies = new ArrayList<>();
        var home = facts.storage().incusHome();
        if (home.onCopyOnWriteFilesystem() && request.size().isPresent()) {
            remedies.add("drop --size: on a " + home.fsType() + " host the pool is created inside the host filesystem");
        }
        if (home.fsType().equals("zfs")) {
            remedies.add("use an existing dataset: --driver zfs --source POOL/incus");
        }
        return remedies;
    }

    /** What would make the daemon support {@code driver}, when it does not. */
    private static Optional<String> enable(HostFacts facts, Set<String> supported, CowDriver driver) {
        return supported.contains(driver.incusName()) ? Optional.empty() : Optional.of(driver.enable(facts));
    }
}
