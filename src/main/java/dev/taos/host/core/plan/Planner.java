package dev.taos.host.core.plan;

import dev.taos.host.core.door.AppDoor;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.PlanOutcome.Plan;
import dev.taos.host.core.plan.PlanOutcome.Reason;
import dev.taos.host.core.plan.PlanOutcome.Refusal;
import dev.taos.host.core.units.DesiredFiles;
import dev.taos.host.core.units.UnitSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A pure function from host facts and the operator's request to a plan. It reads nothing and changes nothing. */
public final class Planner {

    static final String BRIDGE = "incusbr0";

    /** What setup installs besides storage: the shipped unit texts, the values to render them with, and the jar. */
    public record HostFiles(DesiredFiles.Sources sources, UnitSettings settings, UnitSteps.Jar jar) {}

    private final HostFacts facts;
    private final InstallRequest request;
    private final Optional<HostFiles> files;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Planner(HostFacts facts, InstallRequest request, Optional<HostFiles> files) {
        this.facts = facts;
        this.request = request;
        this.files = files;
    }

    /**
     * Storage only: pools, the default profile and the network. Migrations are previewed by the migration protocol
     * itself.
     */
    public static PlanOutcome plan(HostFacts facts, InstallRequest request) {
        return new Planner(facts, request, Optional.empty()).plan();
    }

    /** Storage, then taos-host's files and units. */
    public static PlanOutcome plan(HostFacts facts, InstallRequest request, HostFiles files) {
        return new Planner(facts, request, Optional.of(files)).plan();
    }

    /**
     * The pool setup would make the default: the operator's name, the profile's current one, or taos-DRIVER when that
     * holds data.
     */
    public static String poolName(HostFacts facts, InstallRequest request, String driver) {
        return PoolTarget.resolve(facts.incus(), request, driver).name();
    }

    private void addFileSteps(String pool) {
        files.ifPresent(f -> {
            boolean app = facts.taosApp().present();
            if (!app) {
                notes.add("The taOS app is not installed at " + facts.taosApp().installDir()
                        + ": its units (tinyagentos.service, the host firewall) are left out; run setup again "
                        + "after installing it.");
            }
            var desired = DesiredFiles.build(
                    f.sources(), f.settings(), pool, app, request.units().resolve(facts.installedConfig()));
            steps.addAll(new UnitSteps(facts).plan(desired, f.jar(), notes));
        });
    }

    private PlanOutcome plan() {
        IncusFacts incus = facts.incus();
        Optional<Refusal> unknownUser = AppDoorSteps.unknownUser(facts);
        if (unknownUser.isPresent()) {
            return unknownUser.get();
        }
        Optional<Refusal> strangers = ClusterGuard.memberStorageRefusal(incus.cluster(), request.members());
        if (strangers.isPresent()) {
            return strangers.get();
        }
        Set<String> drivers;
        switch (incus.status()) {
            case NOT_INSTALLED -> {
                var install = IncusInstallation.plan(facts.host().distro());
                if (install instanceof IncusInstallation.Result.Unsupported unsupported) {
                    return unsupported.refusal();
                }
                steps.add(((IncusInstallation.Result.Install) install).step());
                drivers = IncusInstallation.driversAfterInstall(facts);
                notes.add("Incus is not installed: the plan installs it, then sets it up as a fresh host (expected "
                        + "drivers: "
                        + String.join(", ", drivers) + ")"
                        + (AppDoor.of(facts) instanceof AppDoor.NoApp
                                ? "."
                                : "; run setup again afterwards to"
                                        + " prepare the taOS app's own deploys (its project is read from the "
                                        + "running daemon)."));
            }
            case DAEMON_DOWN -> {
                return new Refusal(
                        Reason.UNSUPPORTED_HOST,
                        "the Incus setup",
                        "the Incus daemon does not answer (" + incus.detail() + ")",
                        List.of(
                                facts.host().systemdPid1()
                                        ? "start it: systemctl start incus.socket incus.service"
                                        : "start it: /usr/libexec/incus/incusd --group incus-admin & then incus admin "
                                                + "waitready"));
            }
            case NO_ACCESS -> {
                return new Refusal(
                        Reason.UNSUPPORTED_HOST,
                        "the Incus setup",
                        "this user may not talk to the Incus daemon (" + incus.detail() + ")",
                        List.of("run taos-host as root (sudo), or as a member of the incus-admin group"));
            }
            default -> {
                var onCluster = ClusterGuard.setupRefusal(incus.cluster());
                if (onCluster.isPresent()) {
                    return onCluster.get();
                }
                drivers = new LinkedHashSet<>(incus.supportedDrivers());
            }
        }
        var migration = MigrationChoice.select(incus, request.migrate());
        if (migration instanceof MigrationChoice.Result.Refused refused) {
            return refused.refusal();
        }
        List<Instance> toMigrate = ((MigrationChoice.Result.Selected) migration).instances();
        ((MigrationChoice.Result.Selected) migration).elsewhereNote().ifPresent(notes::add);
        Optional<StoragePool> current = incus.pool(incus.defaultProfile().rootPool());
        boolean driverAsAsked = request.driver() == DriverChoice.AUTO
                || current.map(p -> p.driver().equals(request.driver().incusName()))
                        .orElse(false);
        if (current.isPresent()
                && current.get().copyOnWrite()
                && driverAsAsked
                && request.pool().map(current.get().name()::equals).orElse(true)) {
            return alreadyCopyOnWrite(current.get(), toMigrate);
        }
        return planPool(incus, drivers, toMigrate);
    }

    private PlanOutcome alreadyCopyOnWrite(StoragePool pool, List<Instance> toMigrate) {
        Optional<Refusal> ignored = PoolRefusals.ignoredStorageFlags(pool, request);
        if (ignored.isPresent()) {
            return ignored.get();
        }
        notes.add("The default profile's root pool \"" + pool.name() + "\" is already " + pool.driver()
                + ": new launches are copy-on-write.");
        steps.addAll(new AppDoorSteps(facts, notes).plan(pool.name(), request.app()));
        addFileSteps(pool.name());
        String summary;
        if (steps.isEmpty() && toMigrate.isEmpty()) {
            summary = "Nothing to do: the host already launches agents copy-on-write.";
        } else if (toMigrate.isEmpty()) {
            summary = "Storage is already copy-on-write (\"" + pool.name() + "\"); finish the rest of the setup.";
        } else {
            summary = "Migrate " + toMigrate.size() + " instance(s) to \"" + pool.name() + "\".";
        }
        return new Plan(summary, steps, notes, Optional.empty(), pool.name(), toMigrate);
    }

    private PlanOutcome planPool(IncusFacts incus, Set<String> drivers, List<Instance> toMigrate) {
        var choice = BackendSelection.choose(facts, drivers, request);
        if (choice instanceof BackendSelection.Choice.Refused refused) {
            return refused.refusal();
        }
        var chosen = (BackendSelection.Choice.Chosen) choice;
        Backend backend = chosen.backend();
        notes.addAll(chosen.notes());
        PoolTarget target = PoolTarget.resolve(incus, request, backend.driver().incusName());
        if (target instanceof PoolTarget.Refused refused) {
            return refused.refusal();
        }
        Optional<LoopSizing> sizing = Optional.empty();
        Optional<Step> clusterCreate = Optional.empty();
        if (incus.cluster().clustered()) {
            Optional<Refusal> unfit = PoolRefusals.clusterUnfit(facts, backend, target);
            if (unfit.isPresent()) {
                return unfit.get();
            }
            if (!(target instanceof PoolTarget.Reuse)) {
                var planned = ClusterPool.plan(facts, backend, target.name(), request.size(), request.members());
                if (planned instanceof ClusterPool.Result.Refused refused) {
                    return refused.refusal();
                }
                var ready = (ClusterPool.Result.Ready) planned;
                clusterCreate = Optional.of(ready.step());
                sizing = Optional.ofNullable(ready.sizes().get(incus.cluster().thisMember()));
                ready.sizes()
                        .forEach((member, sized) ->
                                notes.add("Loop file on " + member + ": " + sized.explanation() + "."));
            }
            notes.addAll(ClusterPool.memberNotes(incus.cluster()));
        } else if (backend.needsLoopFile() && !(target instanceof PoolTarget.Reuse)) {
            var home = facts.storage().incusHome();
            var decided = LoopSizing.decide(home.totalBytes(), home.freeBytes(), request.size());
            Optional<Refusal> unsized = PoolRefusals.loopSize(decided, home.mountPoint());
            if (unsized.isPresent()) {
                return unsized.get();
            }
            sizing = Optional.of(((LoopSizing.Result.Fits) decided).sizing());
            notes.add("Loop file: " + sizing.get().explanation() + ".");
        }
        if (target instanceof PoolTarget.Reuse reuse) {
            Optional<Refusal> ignored = PoolRefusals.ignoredStorageFlags(reuse.existing(), request);
            if (ignored.isPresent()) {
                return ignored.get();
            }
            notes.add("Pool \"" + reuse.name() + "\" already exists as "
                    + reuse.existing().driver() + " and is reused.");
        }
        ProfileSteps profile = new ProfileSteps(incus, target.name());
        steps.addAll(profile.poolSteps(target, backend, sizing, clusterCreate));
        profile.bridge().ifPresent(steps::add);
        steps.addAll(new AppDoorSteps(facts, notes).plan(target.name(), request.app()));
        addFileSteps(target.name());
        if (toMigrate.isEmpty() && !incus.instances().isEmpty()) {
            notes.add(MigrationChoice.stayNote(incus));
        }
        String summary = "Make \"" + target.name() + "\" (" + backend.driver()
                + ") the default profile's root pool: new agents launch copy-on-write.";
        return new Plan(summary, steps, notes, sizing, target.name(), toMigrate);
    }
}
