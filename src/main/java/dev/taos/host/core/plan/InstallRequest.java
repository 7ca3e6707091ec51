package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.units.UnitChoices;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the operator asked for. Flags, the wizard and an answers file all produce this one value. {@code pool} is empty
 * when the operator left the choice to the planner; {@code stop} is how instances chosen for migration are stopped;
 * {@code units} are the opt-ins besides storage; {@code members} is the storage of named cluster members (empty: each
 * member's loop file is sized by the cluster-wide rule); {@code app} is the taOS app's user and whether its door is
 * prepared.
 */
public record InstallRequest(
        DriverChoice driver,
        Optional<String> pool,
        Optional<ByteSize> size,
        Optional<String> source,
        MigrateSelection migrate,
        StopPolicy stop,
        UnitChoices units,
        Map<String, MemberStorage> members,
        AppChoice app) {

    public static final String DEFAULT_POOL = "default";

    public InstallRequest {
        members = Map.copyOf(new TreeMap<>(members));
        app = app == null ? AppChoice.defaults() : app;
        pool.ifPresent(Names::poolName);
        if (size.isPresent() && source.isPresent()) {
            throw new IllegalArgumentException(
                    "--size and --source cannot be combined: a size is for a new loop file, a source is existing "
                            + "storage; give one of them");
        }
        source.ifPresent(Names::source);
    }

    public InstallRequest withDriver(DriverChoice choice) {
        return new InstallRequest(choice, pool, size, source, migrate, stop, units, members, app);
    }

    public InstallRequest withPool(Optional<String> name) {
        return new InstallRequest(driver, name, size, source, migrate, stop, units, members, app);
    }

    public InstallRequest withSize(Optional<ByteSize> bytes) {
        return new InstallRequest(driver, pool, bytes, source, migrate, stop, units, members, app);
    }

    public InstallRequest withMigrate(MigrateSelection selection) {
        return new InstallRequest(driver, pool, size, source, selection, stop, units, members, app);
    }

    public InstallRequest withStop(StopPolicy policy) {
        return new InstallRequest(driver, pool, size, source, migrate, policy, units, members, app);
    }

    public InstallRequest withUnits(UnitChoices choices) {
        return new InstallRequest(driver, pool, size, source, migrate, stop, choices, members, app);
    }

    public InstallRequest withApp(AppChoice choice) {
        return new InstallRequest(driver, pool, size, source, migrate, stop, units, members, choice);
    }

    public InstallRequest withMembers(Map<String, MemberStorage> storage) {
        return new InstallRequest(driver, pool, size, source, migrate, stop, units, storage, app);
    }

    public static InstallRequest defaults() {
        return new InstallRequest(
                DriverChoice.AUTO,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                MigrateSelection.none(),
                StopPolicy.defaults(),
                UnitChoices.asInstalled(),
                Map.of(),
                AppChoice.defaults());
    }
}
