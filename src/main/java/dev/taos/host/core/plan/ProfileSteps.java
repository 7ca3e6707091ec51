package dev.taos.host.core.plan;

import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Steps that touch the default profile: its root disk, pinning instances that rely on it, and its network. */
final class ProfileSteps {

    private final IncusFacts incus;
    private final String pool;

    ProfileSteps(IncusFacts incus, String pool) {
        this.incus = incus;
        this.pool = pool;
    }

    Step setRoot() {
        var profile = incus.defaultProfile();
        if (profile.hasRoot()) {
            return Step.of(Step.Kind.SET_PROFILE_ROOT, "Pointing the default profile's root disk at \"" + pool + "\" (was \"" + profile.rootPool() + "\")",
                    List.of(Action.Run.of("incus", "profile", "device", "set", "default", "root", "pool=" + pool)));
        }
        return Step.of(Step.Kind.SET_PROFILE_ROOT, "Giving the default profile a root disk on \"" + pool + "\"", List.of(addRoot()));
    }

    /**
     * Instances whose root disk comes from the default profile get a local copy of it first, so switching the profile
     * never leaves them pointing at a pool that does not hold their volume (whatever the Incus version does).
     */
    Optional<Step> pinInstances() {
        String oldPool = incus.defaultProfile().rootPool();
        List<Instance> relying = incus.instances().stream()
                .filter(i -> !i.rootDeviceLocal() && i.pool().equals(oldPool) && i.project().equals("default"))
                .toList();
        if (relying.isEmpty()) {
            return Optional.empty();
        }
        List<Action> actions = relying.stream()
                .<Action>map(i -> Action.Run.of("incus", "config", "device", "override", i.name(), "root"))
                .toList();
        List<Action> revert = relying.stream()
                .<Action>map(i -> Action.Run.of("incus", "config", "device", "remove", i.name(), "root"))
                .toList();
        String names = String.join(", ", relying.stream().map(Instance::name).toList());
        return Optional.of(new Step(Step.Kind.PIN_INSTANCES, "Pinning " + relying.size() + " existing instance(s) to pool \"" + oldPool
                + "\" where their data is (" + names + "); nothing is moved", actions, revert, 0));
    }

    /** An empty dir pool deleted and made again under its own name; the revert path makes the dir pool as it was. */
    Step recreate(StoragePool dir, Backend backend, Optional<LoopSizing> sizing) {
        boolean profileUsesIt = incus.defaultProfile().rootPool().equals(pool);
        List<Action> actions = new ArrayList<>();
        List<Action> revert = new ArrayList<>();
        if (profileUsesIt) {
            actions.add(Action.Run.of("incus", "profile", "device", "remove", "default", "root"));
        }
        actions.add(Action.Run.of("incus", "storage", "delete", pool));
        actions.add(new Action.Run(backend.createCommand(pool, sizing)));
        if (profileUsesIt) {
            actions.add(addRoot());
        }
        List<String> dirCreate = new ArrayList<>(List.of("incus", "storage", "create", pool, dir.driver()));
        if (!dir.source().isEmpty() && !dir.source().equals(Backend.POOLS_DIR + pool)) {
            dirCreate.add("source=" + dir.source());
        }
        revert.add(new Action.Run(dirCreate));
        if (profileUsesIt) {
            revert.add(addRoot());
        }
        String description = "Recreating empty " + dir.driver() + " pool \"" + pool + "\" as " + backend.describe(pool, sizing)
                + "; if that fails, the " + dir.driver() + " pool is made again as it was";
        return new Step(Step.Kind.RECREATE_POOL, description, actions, revert, sizing.map(LoopSizing::chosen).orElse(0L));
    }

    /** As {@code incus admin init} does: a managed bridge when the host has none and the profile has no NIC. */
    Optional<Step> bridge() {
        if (!incus.managedNetworks().isEmpty() || incus.defaultProfile().hasNic()) {
            return Optional.empty();
        }
        return Optional.of(new Step(Step.Kind.CREATE_NETWORK, "Creating bridge " + Planner.BRIDGE + " and giving the default profile a NIC on it",
                List.of(Action.Run.of("incus", "network", "create", Planner.BRIDGE),
                        Action.Run.of("incus", "profile", "device", "add", "default", "eth0", "nic", "network=" + Planner.BRIDGE, "name=eth0")),
                List.of(Action.Run.of("incus", "network", "delete", Planner.BRIDGE)), 0));
    }

    private Action addRoot() {
        return Action.Run.of("incus", "profile", "device", "add", "default", "root", "disk", "path=/", "pool=" + pool);
    }
}
