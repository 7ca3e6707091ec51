package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.facts.Distro;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.StorageFacts;
import dev.taos.host.core.facts.StorageFacts.IncusHome;
import dev.taos.host.core.facts.SystemFacts;
import dev.taos.host.core.facts.UnitFacts;
import dev.taos.host.core.units.UnitChoices;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small, explicit variations of captured hosts, for cases no real daemon here can show (another distro, ZFS). */
final class Hosts {

    private Hosts() {}

    static HostFacts withDistro(HostFacts facts, Distro distro) {
        SystemFacts h = facts.host();
        return new HostFacts(
                facts.schemaVersion(),
                new SystemFacts(h.arch(), distro, h.kernel(), h.memoryBytes(), h.cpuCount(), h.systemdPid1()),
                facts.storage(),
                facts.kernel(),
                facts.tools(),
                facts.incus(),
                facts.units(),
                facts.managedFiles(),
                facts.installedConfig(),
                facts.taosApp(),
                facts.appAccess(),
                facts.unreadable());
    }

    static HostFacts withIncusHome(HostFacts facts, long total, long free) {
        StorageFacts s = facts.storage();
        IncusHome home = s.incusHome();
        return new HostFacts(
                facts.schemaVersion(),
                facts.host(),
                new StorageFacts(
                        s.mounts(),
                        new IncusHome(home.path(), home.exists(), home.mountPoint(), home.fsType(), total, free),
                        s.rootFsType(),
                        s.snapperPresent(),
                        s.timeshiftPresent()),
                facts.kernel(),
                facts.tools(),
                facts.incus(),
                facts.units(),
                facts.managedFiles(),
                facts.installedConfig(),
                facts.taosApp(),
                facts.appAccess(),
                facts.unreadable());
    }

    /** The host with systemd as PID 1 or not, these files already on disk (path to SHA-256) and these unit states. */
    static HostFacts withFiles(HostFacts facts, boolean systemd, Map<String, String> files, List<UnitFacts> units) {
        SystemFacts h = facts.host();
        return new HostFacts(
                facts.schemaVersion(),
                new SystemFacts(h.arch(), h.distro(), h.kernel(), h.memoryBytes(), h.cpuCount(), systemd),
                facts.storage(),
                facts.kernel(),
                facts.tools(),
                facts.incus(),
                units,
                files,
                facts.installedConfig(),
                facts.taosApp(),
                facts.appAccess(),
                facts.unreadable());
    }

    static HostFacts withDrivers(HostFacts facts, String... drivers) {
        return facts.withIncus(facts.incus().withSupportedDrivers(List.of(drivers)));
    }

    static InstallRequest request(DriverChoice driver, String pool, String size, String source, String migrate) {
        return new InstallRequest(
                driver,
                Optional.ofNullable(pool),
                Optional.ofNullable(size).map(ByteSize::parse),
                Optional.ofNullable(source),
                MigrateSelection.parse(migrate),
                StopPolicy.defaults(),
                UnitChoices.asInstalled(),
                Map.of(),
                AppChoice.defaults());
    }

    static InstallRequest migrating(String migrate) {
        return request(DriverChoice.AUTO, null, null, null, migrate);
    }
}
