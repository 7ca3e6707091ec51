package dev.taos.host.core.door;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.AppAccess;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.SystemFacts;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The captured app-pi host (the taOS app deploying through incus-user into user-990, on a dir pool) and small, explicit
 * variations of it for the doors no single capture shows: an app that never connected, another user, another group.
 */
public final class AppHostsFacts {

    private AppHostsFacts() {}

    public static HostFacts pi() {
        return Fixtures.host("app-pi");
    }

    /** The Pi as if the app had never connected: no user-990 project nor its instances. */
    public static HostFacts neverConnected(boolean systemd) {
        HostFacts pi = withSystemd(pi(), systemd);
        IncusFacts i = pi.incus();
        return pi.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                i.pools(),
                i.defaultProfile(),
                i.instances().stream()
                        .filter(x -> !x.project().equals("user-990"))
                        .toList(),
                i.managedNetworks(),
                i.images().stream().filter(x -> !x.in("user-990")).toList(),
                i.cluster(),
                i.projects().stream().filter(p -> !p.name().equals("user-990")).toList()));
    }

    /** The Pi with the app's user changed by {@code change}. */
    public static HostFacts withUser(HostFacts facts, UnaryOperator<AppUser> change) {
        AppAccess a = facts.appAccess();
        return facts.withAppAccess(new AppAccess(change.apply(a.user()), a.rootSubIds(), a.incusUser()));
    }

    public static HostFacts withGroups(HostFacts facts, String... groups) {
        return withUser(facts, u -> new AppUser(u.name(), u.source(), u.uid(), u.gid(), List.of(groups), u.home()));
    }

    public static HostFacts withIncusUserSocket(HostFacts facts, String enabled, String active) {
        AppAccess a = facts.appAccess();
        return facts.withAppAccess(new AppAccess(
                a.user(),
                a.rootSubIds(),
                new AppAccess.IncusUserService(true, active.equals("active"), enabled, active)));
    }

    /** {@code facts} with {@code key=value} in project {@code name}'s config. */
    public static HostFacts withProjectConfig(HostFacts facts, String name, String key, String value) {
        return withProject(facts, name, p -> {
            java.util.Map<String, String> config = new java.util.TreeMap<>(p.config());
            config.put(key, value);
            return new Project(p.name(), config, p.defaultProfile());
        });
    }

    /** {@code facts} with project {@code name} replaced by {@code change}'s. */
    public static HostFacts withProject(HostFacts facts, String name, UnaryOperator<Project> change) {
        IncusFacts i = facts.incus();
        return facts.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                i.pools(),
                i.defaultProfile(),
                i.instances(),
                i.managedNetworks(),
                i.images(),
                i.cluster(),
                i.projects().stream()
                        .map(p -> p.name().equals(name) ? change.apply(p) : p)
                        .toList()));
    }

    public static HostFacts withSystemd(HostFacts facts, boolean systemd) {
        SystemFacts h = facts.host();
        return new HostFacts(
                facts.schemaVersion(),
                new SystemFacts(h.arch(), h.distro(), h.kernel(), h.memoryBytes(), h.cpuCount(), systemd),
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
}
