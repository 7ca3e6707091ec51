package dev.taos.host.core.plan;

import dev.taos.host.core.HostPaths;
import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.Step.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps that touch a project's default profile: its root disk, its network, and pinning the instances that rely on it
 * first, so that a change to the profile never changes an existing instance's expanded devices: a device the profile
 * gains or changes is masked on each of them by a local device of their own. The default project's profile also serves
 * the projects without profiles of their own ({@code features.profiles=false}); their instances are pinned too.
 */
final class ProfileSteps {

    static final String PROFILE = "default";
    static final String NIC = "eth0";

    private final IncusFacts incus;
    private final String pool;
    private final Project project;

    /** The default project's default profile. */
    ProfileSteps(IncusFacts incus, String pool) {
        this(incus, pool, incus.project(Project.DEFAULT).orElseThrow());
    }

    /**
     * {@code project}'s default profile; the project may be one incus-user is about to make (nothing relies on it yet).
     */
    ProfileSteps(IncusFacts incus, String pool, Project project) {
        this.incus = incus;
        this.pool = pool;
        this.project = project;
    }

    Step setRoot() {
        var profile = project.defaultProfile();
        String whose =
                project.defaultProject() ? "the default profile" : "project " + project.name() + "'s default profile";
        if (profile.hasRoot()) {
            return new Step(
                    Step.Kind.SET_PROFILE_ROOT,
                    "Pointing " + whose + "'s root disk at \"" + pool + "\" (was \"" + profile.rootPool() + "\")",
                    List.of(Change.undone(setRoot(pool), setRoot(profile.rootPool()))),
                    0);
        }
        return new Step(
                Step.Kind.SET_PROFILE_ROOT,
                "Giving " + whose + " a root disk on \"" + pool + "\"",
                List.of(Change.undoneIfItFails(addRoot(), removeProfileDevice("root"))),
                0);
    }

    /**
     * Instances whose root disk comes from the default profile get a local copy of it first, so switching the profile
     * never leaves them pointing at a pool that does not hold their volume (whatever the Incus version does).
     */
    Optional<Step> pinInstances() {
        String oldPool = project.defaultProfile().rootPool();
        List<Instance> relying = relyingOnProfile().stream()
                .filter(i -> !i.rootDeviceLocal() && i.pool().equals(oldPool))
                .toList();
        if (relying.isEmpty()) {
            return Optional.empty();
        }
        List<Change> changes = relying.stream()
                .map(i -> Change.undone(
                        inProject(i.project(), "config", "device", "override", i.name(), "root"),
                        removeInstanceDevice(i, "root")))
                .toList();
        String names =
                String.join(", ", relying.stream().map(ProfileSteps::qualified).toList());
        return Optional.of(new Step(
                Step.Kind.PIN_INSTANCES,
                "Pinning " + relying.size() + " existing instance(s) to pool \"" + oldPool + "\" where their data is ("
                        + names + "); nothing is moved",
                changes,
                0));
    }

    /** An empty dir pool deleted and made again under its own name; a failure makes the dir pool again as it was. */
    Step recreate(StoragePool dir, Backend backend, Optional<LoopSizing> sizing) {
        boolean profileUsesIt = project.defaultProfile().rootPool().equals(pool);
        Command dirCreate = Incus.storageCreate(
                pool,
                dir.driver(),
                !dir.source().isEmpty() && !dir.source().equals(HostPaths.pool(pool))
                        ? List.of("source=" + dir.source())
                        : List.of());
        List<Change> changes = new ArrayList<>();
        if (profileUsesIt) {
            changes.add(Change.undone(removeProfileDevice("root"), addRoot()));
        }
        Action delete = new Action.Run(Incus.storageDelete(pool));
        changes.add(Change.undone(delete, new Action.Run(dirCreate)));
        changes.add(Change.undone(new Action.Run(backend.createCommand(pool, sizing)), delete));
        if (profileUsesIt) {
            changes.add(Change.undoneIfItFails(addRoot(), removeProfileDevice("root")));
        }
        String description =
                "Recreating empty " + dir.driver() + " pool \"" + pool + "\" as " + backend.describe(pool, sizing)
                        + "; if that fails, the " + dir.driver() + " pool is made again as it was";
        return new Step(
                Step.Kind.RECREATE_POOL,
                description,
                changes,
                sizing.map(LoopSizing::chosen).orElse(0L));
    }

    /**
     * As {@code incus admin init} does: a managed bridge when the host has none and the profile has no NIC. Every
     * instance on the default profile first gets a local {@code eth0} that keeps its devices as they are (a copy of the
     * one it has, or a {@code none} device where it has none), so no NIC is hot-plugged into a running agent.
     */
    Optional<Step> bridge() {
        if (!incus.managedNetworks().isEmpty() || project.defaultProfile().hasNic()) {
            return Optional.empty();
        }
        List<Change> changes = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        for (Instance instance : relyingOnProfile()) {
            if (instance.devices().contains(NIC)) {
                continue;
            }
            Action pin = instance.expandedDevices().contains(NIC)
                    ? inProject(instance.project(), "config", "device", "override", instance.name(), NIC)
                    : inProject(instance.project(), "config", "device", "add", instance.name(), NIC, "none");
            changes.add(Change.undone(pin, removeInstanceDevice(instance, NIC)));
            pinned.add(qualified(instance));
        }
        Command delete = Incus.networkDelete(Planner.BRIDGE);
        Command create = Incus.networkCreate(Planner.BRIDGE);
        if (incus.cluster().clustered()) {
            Map<String, Command> pending = new LinkedHashMap<>();
            incus.cluster().members().forEach(member -> pending.put(member.name(), create));
            changes.addAll(ClusterPool.onEachMemberThenCluster(pending, create, delete));
        } else {
            changes.add(Change.undone(new Action.Run(create), new Action.Run(delete)));
        }
        changes.add(Change.undoneIfItFails(
                inProject(
                        project.name(),
                        "profile",
                        "device",
                        "add",
                        PROFILE,
                        NIC,
                        "nic",
                        "network=" + Planner.BRIDGE,
                        "name=" + NIC),
                removeProfileDevice(NIC)));
        String kept = pinned.isEmpty()
                ? ""
                : "; existing instances keep their network as it is (" + String.join(", ", pinned) + ")";
        return Optional.of(new Step(
                Step.Kind.CREATE_NETWORK,
                "Creating bridge " + Planner.BRIDGE + " and giving the default profile a NIC on it" + kept,
                changes,
                0));
    }

    /** The instances whose expanded devices come (in part) from this project's default profile. */
    private List<Instance> relyingOnProfile() {
        return incus.onDefaultProfileOf(project.name());
    }

    private Action addRoot() {
        return inProject(project.name(), "profile", "device", "add", PROFILE, "root", "disk", "path=/", "pool=" + pool);
    }

    private Action setRoot(String rootPool) {
        return inProject(project.name(), "profile", "device", "set", PROFILE, "root", "pool=" + rootPool);
    }

    private Action removeProfileDevice(String device) {
        return inProject(project.name(), "profile", "device", "remove", PROFILE, device);
    }

    private static Action removeInstanceDevice(Instance instance, String device) {
        return inProject(instance.project(), "config", "device", "remove", instance.name(), device);
    }

    private static Action inProject(String project, String... argv) {
        return new Action.Run(Incus.change(argv).inProject(project));
    }

    private static String qualified(Instance instance) {
        return Project.qualified(instance.project(), instance.name());
    }

    /**
     * The pool made (alone, or on each cluster member: {@code clusterCreate}) or remade, nothing for one reused as it
     * is, then the default profile pointed at it with the instances that use it pinned first.
     */
    List<Step> poolSteps(
            PoolTarget target, Backend backend, Optional<LoopSizing> sizing, Optional<Step> clusterCreate) {
        List<Step> steps = new ArrayList<>();
        if (target instanceof PoolTarget.Recreate recreate) {
            steps.add(recreate(recreate.existing(), backend, sizing));
            return steps;
        }
        if (clusterCreate.isPresent()) {
            steps.add(clusterCreate.get());
        } else if (!(target instanceof PoolTarget.Reuse)) {
            steps.add(new Step(
                    Step.Kind.CREATE_POOL,
                    "Creating " + backend.describe(target.name(), sizing),
                    List.of(Change.undone(
                            new Action.Run(backend.createCommand(target.name(), sizing)),
                            new Action.Run(Incus.storageDelete(target.name())))),
                    sizing.map(LoopSizing::chosen).orElse(0L)));
        }
        pinInstances().ifPresent(steps::add);
        steps.add(setRoot());
        return steps;
    }
}
